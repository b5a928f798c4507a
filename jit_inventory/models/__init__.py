from . import (
    jit_cash_snapshot,
    jit_demand_statistics,
    jit_lead_time_statistics,
    jit_replenishment_policy,
    jit_worklist_line,
    res_company,
    res_config_settings,
    stock_warehouse_orderpoint,
    stock_warehouse_orderpoint_alert,
    stock_warehouse_orderpoint_worklist,
)
