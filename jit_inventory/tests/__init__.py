from . import test_kanban_sizing
from . import test_kanban_scan
from . import test_kanban_receipts
from . import test_kanban_concurrency
from . import test_kanban_access
from . import test_kanban_tour
