from . import test_kanban_sizing
from . import test_kanban_scan
from . import test_kanban_receipts
