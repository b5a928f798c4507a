from . import (
    test_kanban_access,
    test_kanban_concurrency,
    test_kanban_receipts,
    test_kanban_scan,
    test_kanban_sizing,
    test_kanban_tour,
)
