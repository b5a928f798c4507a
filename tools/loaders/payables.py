"""Vendor bills and payment runs for jit_payables, on top of the demo database.

What it does, in the main company:

1. Turns on three-way match (5 % or 50.00 per line) and fills the ACH
   identifiers and a US bank account (routing 021000021) on the first bank
   journal; adds a euro bank journal with an IBAN for SEPA.
2. Takes the requests for quotation that Odoo's replenishment created (draft
   purchase orders whose lines come from a reorder rule, as the jit_inventory
   loader leaves them), up to three; when there are none it creates three
   small purchase orders of its own. Confirms them and receives them in full,
   except the last one, received a fifth short.
3. Bills every order for its full ordered quantity: the short receipt makes
   one bill "quantity exceeds receipt", on hold. Adds a euro bill to a
   French vendor (SEPA) and a bill without order to a vendor paid by check.
4. Makes one payment run per method (NACHA, SEPA, checks), prepared by the
   administrator and released by OdooBot (a second person), so each has its
   released file with its SHA-256.

Bank numbers are public test values (routing numbers of the Federal Reserve
and of well-known banks, the IBAN example of the ISO 13616 standard).
Idempotent: bills are marked with references starting with JITPAY-DEMO; when
one exists the loader does nothing.
"""

import datetime
import math

from odoo import Command, fields

ADDON = "jit_payables"
MARK = "JITPAY-DEMO"
US_ROUTINGS = ["011000015", "121000358", "026009593"]


def _bank(env, name, bic):
    bank = env["res.bank"].search([("bic", "=", bic)], limit=1)
    return bank or env["res.bank"].create({"name": name, "bic": bic})


def _account(env, partner, number, routing=None, bank=None):
    account = env["res.partner.bank"].search(
        [("partner_id", "=", partner.id), ("acc_number", "=", number)], limit=1
    )
    if not account:
        account = env["res.partner.bank"].create(
            {
                "partner_id": partner.id,
                "acc_number": number,
                "jit_aba_routing": routing,
                "bank_id": bank.id if bank else False,
            }
        )
    return account


def _configure(env, company, log):
    company.write(
        {
            "jit_match_enabled": True,
            "jit_match_tolerance_percent": 5.0,
            "jit_match_tolerance_amount": 50.0,
            "jit_nacha_company_identification": "1234567890",
            "jit_nacha_immediate_origin": "123456789",
        }
    )
    journal_us = env["account.journal"].search(
        [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
    )
    if not journal_us.bank_account_id.jit_aba_routing:
        journal_us.bank_account_id = _account(
            env,
            company.partner_id,
            "4455667788",
            routing="021000021",
            bank=_bank(env, "Demo US Bank", "CHASUS33"),
        )
    euro = env.ref("base.EUR")
    euro.active = True
    journal_eu = env["account.journal"].search(
        [("code", "=", "JEUR"), ("company_id", "=", company.id)], limit=1
    )
    if not journal_eu:
        journal_eu = env["account.journal"].create(
            {
                "name": "Bank EUR (demo)",
                "code": "JEUR",
                "type": "bank",
                "company_id": company.id,
                "currency_id": euro.id,
                "bank_account_id": _account(
                    env,
                    company.partner_id,
                    "DE89370400440532013000",
                    bank=_bank(env, "Demo Euro Bank", "COBADEFF"),
                ).id,
            }
        )
    log.info("payables: match on, journals %s and %s", journal_us.name, journal_eu.name)
    return journal_us, journal_eu


def _orders(env, company, log):
    """Up to three replenishment RFQs, completed with orders of our own."""
    domain = [("state", "in", ("draft", "sent")), ("company_id", "=", company.id)]
    if "orderpoint_id" in env["purchase.order.line"]._fields:
        domain.append(("order_line.orderpoint_id", "!=", False))
    else:
        domain.append(("origin", "!=", False))
    orders = env["purchase.order"].search(domain, order="id", limit=3)
    log.info("payables: %s replenishment RFQs found", len(orders))
    missing = 3 - len(orders)
    if not missing:
        return orders
    products = env["product.product"].search(
        [("purchase_ok", "=", True), ("type", "=", "consu")], limit=missing
    )
    if len(products) < missing:
        products |= env["product.product"].create(
            [
                {"name": f"Packaging lot {index}", "type": "consu"}
                for index in range(missing - len(products))
            ]
        )
    us = env.ref("base.us").id
    vendors = env["res.partner"].create(
        [
            {"name": "Boston Packaging Co", "city": "Boston", "country_id": us},
            {"name": "Valley Metals Inc", "city": "San Jose", "country_id": us},
            {"name": "Harbor Freight Lines", "city": "Newark", "country_id": us},
        ][:missing]
    )
    own = env["purchase.order"].create(
        [
            {
                "partner_id": vendor.id,
                "company_id": company.id,
                "origin": MARK,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_qty": 10 + 5 * index,
                            "price_unit": 12.5 * (index + 1),
                        }
                    )
                ],
            }
            for index, (vendor, product) in enumerate(
                zip(vendors, products, strict=True)
            )
        ]
    )
    log.info("payables: %s purchase orders of our own added", len(own))
    return orders | own


def _short_quantity(quantity):
    """Units left out of a short receipt: a fifth of the quantity, at least 1."""
    return max(1, math.ceil(quantity * 0.2))


def _receive(env, order, short):
    """Receive the order in full, or a fifth short (at least one unit) on its
    first line: far enough out of the 5 % / 50.00 tolerance to be held."""
    pickings = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
    if not pickings:
        for line in order.order_line.filtered(
            lambda po_line: po_line.qty_received_method == "manual"
        ):
            line.qty_received = line.product_qty - (
                _short_quantity(line.product_qty) if short else 0
            )
        return
    for index, move in enumerate(pickings.move_ids):
        missing = _short_quantity(move.product_uom_qty) if short and index == 0 else 0
        move.quantity = move.product_uom_qty - missing
    pickings.move_ids.picked = True
    pickings.with_context(
        skip_backorder=True, picking_ids_not_to_backorder=pickings.ids
    ).button_validate()


def _bill_order(env, order, index, today):
    bill = env["account.move"].create(
        {
            "move_type": "in_invoice",
            "partner_id": order.partner_id.id,
            "invoice_date": today,
            "invoice_date_due": today,
            "ref": f"{MARK}-{index:03d}",
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": line.product_id.id,
                        "quantity": line.product_qty,
                        "product_uom_id": line.product_uom.id,
                        "price_unit": line.price_unit,
                        "tax_ids": [Command.set(line.taxes_id.ids)],
                        "purchase_line_id": line.id,
                    }
                )
                for line in order.order_line.filtered(
                    lambda po_line: not po_line.display_type
                )
            ],
        }
    )
    bill.action_post()
    return bill


def _plain_bill(env, partner, amount, index, today, currency=None):
    bill = env["account.move"].create(
        {
            "move_type": "in_invoice",
            "partner_id": partner.id,
            "invoice_date": today,
            "invoice_date_due": today,
            "currency_id": (currency or env.company.currency_id).id,
            "ref": f"{MARK}-{index:03d}",
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": "Services (demo)",
                        "quantity": 1,
                        "price_unit": amount,
                        "tax_ids": [],
                    }
                )
            ],
        }
    )
    bill.action_post()
    return bill


def _release(env, run, log):
    admin = env.ref("base.user_admin")
    run.with_user(admin).action_prepare()
    run.action_release()
    log.info(
        "payables: run %s (%s) released, %s payments, file %s sha256 %s",
        run.name,
        run.payment_method,
        run.payment_count,
        run.file_name,
        run.file_sha256,
    )


def load(env, log):
    if env["account.move"].search_count([("ref", "=like", f"{MARK}-%")]):
        log.info("payables: demo bills already loaded, nothing to do")
        return
    company = env.company
    today = fields.Date.context_today(env.user)
    journal_us, journal_eu = _configure(env, company, log)

    orders = _orders(env, company, log)
    orders.filtered(lambda o: o.state in ("draft", "sent")).button_confirm()
    bills = env["account.move"]
    for index, order in enumerate(orders):
        _receive(env, order, short=index == len(orders) - 1)
        bills |= _bill_order(env, order, index + 1, today)
    held = bills.filtered("jit_on_hold")
    log.info("payables: %s bills from orders, %s on hold", len(bills), len(held))

    us_vendors = (bills - held).partner_id.commercial_partner_id
    us_bank = _bank(env, "Demo Vendor Bank", "BOFAUS3N")
    for index, vendor in enumerate(us_vendors):
        _account(env, vendor, f"00012345{index:04d}", US_ROUTINGS[index % 3], us_bank)

    french = env["res.partner"].search(
        [("name", "=", "Société Générale & Fils Éditions")], limit=1
    )
    if not french:
        french = env["res.partner"].create(
            {
                "name": "Société Générale & Fils Éditions",
                "street": "12 rue de l'Église",
                "zip": "75001",
                "city": "Paris",
                "country_id": env.ref("base.fr").id,
            }
        )
    _account(
        env,
        french,
        "FR7630001007941234567890185",
        bank=_bank(env, "Demo FR Bank", "BNPAFRPP"),
    )
    _plain_bill(env, french, 1234.56, 90, today, currency=env.ref("base.EUR"))
    check_vendor = env["res.partner"].search(
        [("name", "=", "Main Street Janitorial")], limit=1
    )
    check_vendor = check_vendor or env["res.partner"].create(
        {"name": "Main Street Janitorial"}
    )
    _plain_bill(env, check_vendor, 219.99, 91, today)

    limit = today + datetime.timedelta(days=30)
    runs = env["jit.payment.run"].create(
        [
            {
                "payment_method": "nacha",
                "journal_id": journal_us.id,
                "date_due_limit": limit,
                "date_execution": today,
                "partner_ids": [Command.set(us_vendors.ids)],
            },
            {
                "payment_method": "sepa",
                "journal_id": journal_eu.id,
                "date_due_limit": limit,
                "date_execution": today,
                "partner_ids": [Command.set(french.ids)],
            },
            {
                "payment_method": "check",
                "journal_id": journal_us.id,
                "date_due_limit": limit,
                "date_execution": today,
                "partner_ids": [Command.set(check_vendor.ids)],
            },
        ]
    )
    for run in runs:
        _release(env, run, log)
