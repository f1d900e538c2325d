from . import pikc_sector
from . import res_company
from . import hr_employee
from . import hr_employee_public
from . import pikc_staff_development
