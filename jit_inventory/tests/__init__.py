from . import (
    test_cash_snapshot,
    test_stockout_alert,
    test_worklist_access,
    test_worklist_order,
    test_worklist_order_now,
)
