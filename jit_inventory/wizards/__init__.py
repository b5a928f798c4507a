from . import jit_kanban_scan
