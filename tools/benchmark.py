"""Benchmark: JIT recompute against Odoo's own quantity-to-order computation.

    python3 tools/benchmark.py                      # 2,000 rules, 200,000 moves
    python3 tools/benchmark.py --rules 10000 --moves 1000000 --database jit_bench_big

Builds (once per database) N storable products with one vendor price line each
(delay 3-14 days), one reorder rule each under a 95 % JIT policy, and M done
deliveries from WH/Stock to customers spread over the last 365 days, written
with bulk SQL. Then, in one run, it measures on the same rules:

- the single SQL anchor of PERFORMANCE.md: mean and standard deviation of
  daily demand per product over 90 days, zero days included;
- our statistics phase (demand, deviation, lead times, free stock);
- our full recompute, written to the database, in batches of 1,000 (after
  one warm-up run, so that stockout alerts raised once per episode are not
  counted as a nightly cost);
- Odoo 18's computation of the quantity to order of the same rules, in batches
  of 1,000, with the JIT policy detached so that Odoo's own code runs;

and prints seconds, queries and the ratios. A benchmark, not a test: timings
vary with the machine; the ratios are what we compare.
"""

import argparse
import os
import random
import sys
import time
from datetime import datetime, timedelta

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tools import odoo_setup
from tools.loaders.complete_journey import _insert_done_moves, _insert_quants

ANCHOR_SQL = """
    WITH daily AS (
        SELECT m.product_id, m.location_id, m.date::date AS day,
               SUM(m.product_qty) AS quantity
          FROM stock_move m
          JOIN stock_location d ON d.id = m.location_dest_id
         WHERE m.state = 'done' AND d.usage = 'customer'
           AND m.date >= (now() AT TIME ZONE 'UTC')::date - 90
           AND m.date < (now() AT TIME ZONE 'UTC')::date
         GROUP BY 1, 2, 3
    )
    SELECT product_id, location_id, SUM(quantity) / 90.0,
           sqrt(GREATEST(SUM(quantity * quantity) / 90.0
                         - (SUM(quantity) / 90.0) ^ 2, 0))
      FROM daily GROUP BY 1, 2
"""


def build(env, rules, moves, log=print):
    """Products, vendors, rules and done deliveries; skipped when present."""
    Product = env["product.product"]
    if Product.search_count([("default_code", "=like", "BENCH-%")]):
        log("Benchmark data already present")
        return
    rng = random.Random(42)
    company = env.company
    warehouse = env["stock.warehouse"].search(
        [("company_id", "=", company.id)], limit=1
    )
    stock = warehouse.lot_stock_id
    customers = env.ref("stock.stock_location_customers")
    vendors = env["res.partner"].create(
        [{"name": f"Bench vendor {i}", "supplier_rank": 1} for i in range(50)]
    )
    buy = env.ref("purchase_stock.route_warehouse0_buy")
    started = time.time()
    products = Product.browse()
    for start in range(0, rules, 1000):
        products |= Product.create(
            [
                {
                    "name": f"Bench product {i}",
                    "default_code": f"BENCH-{i}",
                    "is_storable": True,
                    "standard_price": 10.0,
                    "route_ids": [(6, 0, buy.ids)],
                    "seller_ids": [
                        (
                            0,
                            0,
                            {
                                "partner_id": vendors[i % len(vendors)].id,
                                "delay": rng.randint(3, 14),
                                "price": 10.0,
                            },
                        )
                    ],
                }
                for i in range(start, min(start + 1000, rules))
            ]
        )
    policy = env["jit.replenishment.policy"].create(
        {"name": "Benchmark 95 %", "demand_window_days": 90}
    )
    env["stock.warehouse.orderpoint"].create(
        [
            {
                "product_id": product.id,
                "location_id": stock.id,
                "warehouse_id": warehouse.id,
                "jit_policy_id": policy.id,
                "trigger": "manual",
            }
            for product in products
        ]
    )
    log(f"{len(products)} products and rules in {time.time() - started:.0f} s")
    started = time.time()
    now = datetime.utcnow()
    move_rows = []
    for _index in range(moves):
        product = products[rng.randrange(len(products))]
        date = now - timedelta(seconds=rng.randrange(365 * 86400))
        move_rows.append((product, date, float(rng.randint(1, 5)), stock, customers))
    _insert_done_moves(env, company, warehouse, move_rows)
    _insert_quants(
        env, company, stock, {p.id: rng.randint(0, 200) for p in products}, now
    )
    env.cr.execute("ANALYZE")
    log(f"{moves} done deliveries in {time.time() - started:.0f} s")


def measure(env, function):
    """Seconds and SQL queries spent by ``function()``."""
    env.invalidate_all()
    queries = env.cr.sql_log_count
    started = time.perf_counter()
    function()
    return time.perf_counter() - started, env.cr.sql_log_count - queries


def run(env, log=print):
    Orderpoint = env["stock.warehouse.orderpoint"]
    rules = Orderpoint.search([("jit_policy_id", "!=", False)], order="id")
    log(f"{len(rules)} rules, {env['stock.move'].search_count([])} moves")
    results = {}

    # Warm-up: the first recompute raises one stockout alert per red rule
    # (an episode starts); the nightly runs measured here raise none again.
    Orderpoint._cron_jit_recompute(batch_size=1000, order=False)

    results["anchor"] = measure(env, lambda: env.cr.execute(ANCHOR_SQL))

    def statistics_phase():
        for start in range(0, len(rules), 1000):
            batch = rules[start : start + 1000]
            requests = [
                (
                    op.id,
                    op.product_id.id,
                    Orderpoint._jit_scope_location(op).parent_path,
                )
                for op in batch
            ]
            from odoo.addons.jit_inventory.models.jit_demand_statistics import (
                DemandRequest,
            )

            env["jit.demand.statistics"]._compute_statistics(
                [DemandRequest(*r) for r in requests], 90, "UTC"
            )
            sellers = batch._jit_sellers()
            env["jit.lead.time.statistics"]._compute_statistics(
                env.company,
                {s.partner_id.id for s in sellers.values() if s},
                batch.product_id.ids,
            )
            batch._jit_free_quantities()

    results["statistics"] = measure(env, statistics_phase)
    results["recompute"] = measure(
        env, lambda: Orderpoint._cron_jit_recompute(batch_size=1000, order=False)
    )
    for size in (500, 1000):
        results[f"recompute_{size}"] = measure(
            env, lambda size=size: rules[:size]._jit_recompute()
        )

    env.cr.execute("SAVEPOINT odoo_benchmark")
    env.cr.execute(
        "UPDATE stock_warehouse_orderpoint SET jit_policy_id = NULL WHERE id = ANY(%s)",
        [rules.ids],
    )

    def odoo_quantity_to_order():
        for start in range(0, len(rules), 1000):
            batch = rules[start : start + 1000]
            batch.mapped("qty_to_order")

    results["odoo"] = measure(env, odoo_quantity_to_order)
    env.cr.execute("ROLLBACK TO SAVEPOINT odoo_benchmark")
    env.invalidate_all()
    return results


def report(results, log=print):
    log("")
    log(f"{'measure':<58}{'seconds':>10}{'queries':>10}")
    labels = {
        "anchor": "single SQL: daily demand mean and deviation, 90 days",
        "statistics": "JIT statistics phase (demand, lead time, free stock)",
        "recompute": "JIT full recompute, written, batches of 1,000",
        "recompute_500": "JIT recompute of one batch of 500 rules",
        "recompute_1000": "JIT recompute of one batch of 1,000 rules",
        "odoo": "Odoo 18 quantity to order, batches of 1,000",
    }
    for key, label in labels.items():
        seconds, queries = results[key]
        log(f"{label:<58}{seconds:>10.2f}{queries:>10}")
    odoo_seconds = results["odoo"][0]
    ours = results["recompute"][0]
    log("")
    log(f"Recompute speed-up over Odoo's quantity to order: {odoo_seconds / ours:.1f}x")
    log(
        "Statistics phase / single SQL anchor: "
        f"{results['statistics'][0] / results['anchor'][0]:.2f}x"
    )
    log(
        "Queries for 500 then 1,000 rules: "
        f"{results['recompute_500'][1]} then {results['recompute_1000'][1]}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="jit_benchmark")
    parser.add_argument("--rules", type=int, default=2000)
    parser.add_argument("--moves", type=int, default=200000)
    args = parser.parse_args()
    odoo = odoo_setup.require_odoo()
    import subprocess

    import psycopg2

    params = {"dbname": "postgres"}
    for name, key in (("HOST", "host"), ("PORT", "port"), ("USER", "user")):
        if os.environ.get(f"JIT_DB_{name}"):
            params[key] = os.environ[f"JIT_DB_{name}"]
    if os.environ.get("JIT_DB_PASSWORD"):
        params["password"] = os.environ["JIT_DB_PASSWORD"]
    connection = psycopg2.connect(**params)
    connection.autocommit = True
    with connection.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [args.database])
        exists = cr.fetchone()
    connection.close()
    if not exists:
        print(f"Creating {args.database} with jit_inventory (about a minute)")
        subprocess.run(
            odoo_setup.odoo_command(
                f"--database={args.database}",
                f"--addons-path={odoo_setup.addons_path()}",
                "--init=jit_inventory",
                "--without-demo=all",
                "--stop-after-init",
                "--no-http",
                "--log-level=warn",
                *odoo_setup.db_options(),
            ),
            check=True,
        )
    registry = odoo_setup.open_environment(args.database, ["--log-level=warn"])
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        build(env, args.rules, args.moves)
        cr.commit()
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        results = run(env)
        cr.rollback()
    report(results)


if __name__ == "__main__":
    main()
