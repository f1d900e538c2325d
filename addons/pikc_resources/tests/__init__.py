from . import test_sector
from . import test_security
from . import test_building
from . import test_energy_reading
from . import test_building_energy_report
