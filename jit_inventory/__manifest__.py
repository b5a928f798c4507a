# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "JIT Inventory",
    "summary": "Reorder rules sized from real demand and lead times, "
    "with days of cover and stockout alerts",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/jit-for-odoo/jit-for-odoo",
    "author": "JIT for Odoo",
    "license": "LGPL-3",
    "development_status": "Beta",
    "application": True,
    "installable": True,
    "depends": ["stock", "purchase_stock"],
    "data": [],
    "demo": [],
}
