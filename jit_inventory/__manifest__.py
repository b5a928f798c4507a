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
    "data": [
        "data/jit_shared.xml",
        "security/jit_inventory_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron.xml",
        "views/jit_replenishment_policy_views.xml",
        "views/stock_warehouse_orderpoint_views.xml",
        "views/res_config_settings_views.xml",
        "data/jit_kanban_data.xml",
        "report/jit_kanban_card_report.xml",
        "wizards/jit_kanban_scan_views.xml",
        "views/jit_kanban_card_views.xml",
        "views/jit_kanban_loop_views.xml",
        "views/jit_inventory_menus.xml",
    ],
    "demo": ["demo/jit_inventory_demo.xml", "demo/jit_kanban_demo.xml"],
    "assets": {
        "web.assets_backend": [
            "jit_inventory/static/src/js/jit_scan_char_field.js",
        ],
        "web.assets_tests": [
            "jit_inventory/static/tests/tours/jit_kanban_tour.js",
        ],
    },
    "pre_init_hook": "pre_init_hook",
    "uninstall_hook": "uninstall_hook",
}
