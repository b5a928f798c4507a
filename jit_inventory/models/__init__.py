from . import jit_replenishment_policy
from . import jit_demand_statistics
from . import jit_lead_time_statistics
from . import stock_warehouse_orderpoint
from . import res_company
from . import res_config_settings
