from . import pikc_building_energy_report
