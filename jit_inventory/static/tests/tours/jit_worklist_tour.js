/** @odoo-module **/
import {registry} from "@web/core/registry";

// From the Just in Time menu, open the replenishment worklist, order the red
// line now, then click again: the second click must order nothing more.
registry.category("web_tour.tours").add("jit_worklist_order_now", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Just in Time app",
            trigger: ".o_app[data-menu-xmlid='base.menu_jit_root']",
            run: "click",
        },
        {
            content: "Open the Inventory menu",
            trigger: ".o_menu_sections button:contains('Inventory')",
            run: "click",
        },
        {
            content: "Open the replenishment worklist",
            trigger: ".dropdown-item:contains('Replenishment Worklist')",
            run: "click",
        },
        {
            content: "The red line of the tour product comes first",
            trigger:
                ".o_data_row:first-child:contains('Tour Bolt'):contains('Red')",
        },
        {
            content: "Order now",
            trigger: ".o_data_row:first-child button[name='action_order_now']",
            run: "click",
        },
        {
            content: "Odoo says which RFQ it created",
            trigger: ".o_notification:contains('replenishment order')",
        },
        {
            content: "Close the notification",
            trigger: ".o_notification:contains('replenishment order') .o_notification_close",
            run: "click",
        },
        {
            content: "Order now a second time",
            trigger: ".o_data_row:first-child button[name='action_order_now']",
            run: "click",
        },
        {
            content: "Nothing more is ordered",
            trigger: ".o_notification:contains('Nothing to order')",
        },
    ],
});
