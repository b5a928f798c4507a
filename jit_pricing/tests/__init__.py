from . import (
    test_access,
    test_approval,
    test_cost_basis,
    test_margin_guard,
    test_markup_rule,
    test_price_jump,
    test_superstore_loader,
    test_triggers,
    test_whatif,
)
