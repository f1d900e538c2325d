from . import test_consumables
from . import test_equipment
from . import test_sector
from . import test_security
from . import test_sharing
from . import test_workshop
