from . import (
    account_move,
    account_move_line,
    jit_markup_rule,
    jit_price_change,
    jit_pricing_engine,
    product_supplierinfo,
    product_template,
    purchase_order,
    purchase_order_line,
    res_company,
    res_config_settings,
)
