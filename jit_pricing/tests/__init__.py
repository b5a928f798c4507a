from . import test_markup_rule
