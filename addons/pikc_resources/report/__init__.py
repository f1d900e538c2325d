from . import pikc_sql_report
from . import pikc_building_energy_report
from . import pikc_utilization_report
from . import pikc_utilization_report_query
