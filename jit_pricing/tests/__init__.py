from . import test_approval, test_cost_basis, test_markup_rule, test_triggers
