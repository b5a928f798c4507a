from . import (
    jit_readiness_action,
    jit_readiness_assessment,
    jit_readiness_pilot_candidate,
    jit_supplier_performance,
    jit_supplier_scorecard,
    purchase_order,
    purchase_order_line,
    res_company,
    res_config_settings,
    res_partner,
    stock_warehouse_orderpoint,
)
