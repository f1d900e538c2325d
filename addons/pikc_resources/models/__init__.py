from . import pikc_sector
from . import res_company
