from . import pikc_fund
from . import pikc_cost_category
from . import pikc_grant
from . import pikc_grant_budget_line
from . import account_analytic_line
from . import purchase_order
from . import stock_move
