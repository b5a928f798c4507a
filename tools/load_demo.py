"""Fill a database that has the JIT addons installed with real public data.

    python3 tools/load_demo.py --database jit_demo

Calls, in order, each loader of tools/loaders/ whose addon is installed. Every
loader does nothing when its data is already there, so running this twice is
harmless. See README.md for where each data set comes from.
"""

import argparse
import importlib
import logging
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tools import odoo_setup

LOADERS = ["complete_journey", "kanban_loops", "superstore", "northwind", "payables"]

_logger = logging.getLogger("jit.load_demo")


def load_all(registry, only=None):
    """Run every loader whose addon is installed, each in its own transaction."""
    from odoo import SUPERUSER_ID, api

    for name in LOADERS:
        if only and name not in only:
            continue
        try:
            loader = importlib.import_module(f"tools.loaders.{name}")
        except ModuleNotFoundError as error:
            if error.name == f"tools.loaders.{name}":
                continue
            raise
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            installed = env["ir.module.module"].search_count(
                [("name", "=", loader.ADDON), ("state", "=", "installed")]
            )
            if not installed:
                _logger.info("%s: %s is not installed, skipped", name, loader.ADDON)
                continue
            _logger.info("%s: loading", name)
            loader.load(env, _logger)
            cr.commit()
            _logger.info("%s: done", name)
    _refresh_reorder_rules(registry)


def _refresh_reorder_rules(registry):
    """Recompute the JIT rules once every loader has run: later loaders
    receive goods (the payables loader receives replenishment orders), and
    the rules, the worklist and the stockout alerts must show that."""
    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        if "jit.replenishment.policy" not in env:
            return
        done = env["stock.warehouse.orderpoint"]._cron_jit_recompute(order=False)
        cr.commit()
        _logger.info("JIT rules recomputed after loading: %s", done)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", "-d", required=True)
    parser.add_argument(
        "--only", help="comma-separated loader names, default all: " + ",".join(LOADERS)
    )
    args = parser.parse_args()
    registry = odoo_setup.open_environment(args.database)
    only = set(args.only.split(",")) if args.only else None
    load_all(registry, only)


if __name__ == "__main__":
    main()
