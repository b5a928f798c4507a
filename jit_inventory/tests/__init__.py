from . import (
    test_cash_snapshot,
    test_ordering,
    test_policy_and_security,
    test_reorder_engine,
    test_stockout_alert,
    test_worklist_access,
    test_worklist_order,
    test_worklist_order_now,
    test_worklist_tour,
)
