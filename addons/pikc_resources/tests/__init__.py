from . import test_sector
from . import test_security
from . import test_staff
from . import test_staff_development
from . import test_staff_tour
