from . import (
    account_move,
    account_move_line,
    jit_payables_cash,
    jit_payment_run,
    jit_payment_run_line,
    jit_vendor_payment_stat,
    res_bank,
    res_company,
    res_config_settings,
    res_partner_bank,
)
