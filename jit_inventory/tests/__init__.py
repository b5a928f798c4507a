from . import test_ordering, test_policy_and_security, test_reorder_engine
