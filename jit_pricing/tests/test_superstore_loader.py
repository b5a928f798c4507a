from odoo.tests import TransactionCase

from tools.loaders import superstore


def order_line(code, name, category, sales, quantity, discount, profit):
    return {
        "Product ID": code,
        "Product Name": name,
        "Category": category,
        "Sub-Category": category + " sub",
        "Sales": sales,
        "Quantity": quantity,
        "Discount": discount,
        "Profit": profit,
    }


class TestSuperstoreLoader(TransactionCase):
    def test_unit_price_and_cost_from_order_lines(self):
        """Pen, 3 lines: 2 at 10.00 (sales 20.00, profit 8.00) and 4 at 10.00
        (sales 40.00, profit 16.00), no discount; 1 at 20 % off (sales 8.00,
        profit 2.00) is left out since undiscounted lines exist. Unit price
        median(10, 10) = 10.00, unit cost median((20-8)/2, (40-16)/4) = 6.00.
        Desk, one line at 50 % off: sales 100.00 for 1, profit -20.00: price
        100 / 0.5 = 200.00, cost 120.00. The pen has more lines: first."""
        lines = [
            order_line("P1", "Pen", "Office", 20.0, 2, 0.0, 8.0),
            order_line("P1", "Pen", "Office", 40.0, 4, 0.0, 16.0),
            order_line("P1", "Pen", "Office", 8.0, 1, 0.2, 2.0),
            order_line("D1", "Desk", "Furniture", 100.0, 1, 0.5, -20.0),
        ]
        products = superstore.product_prices(lines, product_count=2)
        self.assertEqual([p["code"] for p in products], ["P1", "D1"])
        self.assertEqual((products[0]["price"], products[0]["cost"]), (10.0, 6.0))
        self.assertEqual((products[1]["price"], products[1]["cost"]), (200.0, 120.0))
        self.assertEqual(products[1]["sub_category"], "Furniture sub")

    def test_category_markup_is_the_median(self):
        """Office markups (10 - 6) / 6 = 66.7 %, (3 - 2) / 2 = 50 % and
        (5 - 4) / 4 = 25 %: median 50 %. A cost of 0 has no markup and is left
        out of the median."""
        products = [
            {"category": "Office", "price": 10.0, "cost": 6.0},
            {"category": "Office", "price": 3.0, "cost": 2.0},
            {"category": "Office", "price": 5.0, "cost": 4.0},
            {"category": "Office", "price": 1.0, "cost": 0.0},
        ]
        self.assertEqual(superstore.category_markups(products), {"Office": 50})
