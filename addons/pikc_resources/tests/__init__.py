from . import test_sector
from . import test_security
