from . import test_funding_math
from . import test_grant
from . import test_budget_figures
from . import test_budget_control
from . import test_procurement
from . import test_security
from . import test_budget_queries
from . import test_budget_line_choice
