from . import (
    jit_demand_statistics,
    jit_lead_time_statistics,
    jit_replenishment_policy,
    res_company,
    res_config_settings,
    stock_warehouse_orderpoint,
)
