"""Kanban card loops for a sample of the real-data products, for jit_inventory.

Runs after the loaders that create products under JIT reorder rules (add
``"kanban_loops"`` at the end of ``LOADERS`` in tools/load_demo.py). It takes
the products with the highest average daily usage among the computed JIT rules
on a warehouse's stock location that buy from a vendor, have nothing on order
and hold in free stock everything the loop's Full cards stand for, and puts each under a
kanban loop at that location, bought from the rule's vendor: one container
holds about three days of use, so a loop has about (lead time + review period)
x 1.2 / 3 cards. Products that already have a loop are left alone.

A loop and an automatic reorder rule on the same product and location would
both order it (readme/ROADMAP.md). So the rule of each product put under a loop
is set to manual (trigger "manual"): the loop replenishes, the rule still
computes the demand and shows the status. Each rule switched is logged.
"""

import math

ADDON = "jit_inventory"
SAMPLE_SIZE = 12
CONTAINER_DAYS = 3.0
SAFETY_FACTOR = 0.2


def load(env, log, sample_size=SAMPLE_SIZE):
    rules = env["stock.warehouse.orderpoint"].search(
        [
            ("jit_policy_id", "!=", False),
            ("jit_computed_at", "!=", False),
            ("jit_vendor_id", "!=", False),
            ("jit_average_daily_usage", ">", 0),
        ],
        order="jit_average_daily_usage desc, id",
    )
    on_order = {
        product.id
        for [product] in env["purchase.order.line"]._read_group(
            [
                ("product_id", "in", rules.product_id.ids),
                ("order_id.state", "in", ("draft", "sent", "to approve")),
            ],
            ["product_id"],
        )
    }
    # A loop starts with every card Full: only products whose free stock
    # really holds all the cards, and with nothing on order, get one.
    rules = rules.filtered(
        lambda rule: rule.warehouse_id
        and rule.location_id == rule.warehouse_id.lot_stock_id
        and rule.product_id.id not in on_order
        and rule.jit_free_qty >= _loop_coverage(rule) + _container(rule)
    )
    looped = set(
        env["jit.kanban.loop"]
        .with_context(active_test=False)
        .search([("product_id", "in", rules.product_id.ids)])
        .mapped(lambda loop: (loop.product_id.id, loop.location_id.id))
    )
    values = []
    looped_rules = env["stock.warehouse.orderpoint"]
    for rule in rules:
        if len(values) + len(looped) >= sample_size:
            break
        if (rule.product_id.id, rule.location_id.id) in looped:
            continue
        container = _container(rule)
        values.append(
            {
                "product_id": rule.product_id.id,
                "location_id": rule.location_id.id,
                "company_id": rule.company_id.id,
                "policy_id": rule.jit_policy_id.id,
                "source_type": "vendor",
                "vendor_id": rule.jit_vendor_id.id,
                "container_qty": container,
                "safety_factor": SAFETY_FACTOR,
            }
        )
        looped_rules |= rule
    if not values:
        log.info("kanban loops: nothing to add (%s loops already)", len(looped))
        return
    loops = env["jit.kanban.loop"].create(values)
    log.info(
        "kanban loops: %s loops created with %s cards",
        len(loops),
        sum(loops.mapped("card_target")),
    )
    automatic = looped_rules.filtered(lambda rule: rule.trigger == "auto")
    automatic.write({"trigger": "manual"})
    for rule in automatic:
        log.info(
            "kanban loops: rule %s set to manual; its loop replenishes it",
            rule.display_name,
        )


def _container(rule):
    """About three days of the rule's demand, in whole units."""
    return max(1.0, math.ceil(rule.jit_average_daily_usage * CONTAINER_DAYS))


def _loop_coverage(rule):
    """Quantity the loop's cards hold in all: demand over lead time and
    review period, plus the safety factor."""
    return (
        rule.jit_average_daily_usage
        * (rule.jit_lead_time_days + rule.jit_policy_id.review_period_days)
        * (1 + SAFETY_FACTOR)
    )
