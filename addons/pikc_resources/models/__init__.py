from . import pikc_sector
from . import res_company
from . import pikc_energy_type
from . import pikc_building
from . import pikc_energy_reading
