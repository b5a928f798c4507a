"""Shared records of the JIT addons (see docs/DEVELOPING.md).

The four addons install alone yet share one menu, one settings section and one
group category. Those records live under the ``base`` namespace so that no
single addon owns them; Odoo's XML loader only updates records of another
namespace, so this hook creates any that are missing before the addon's data
file (data/jit_shared.xml) fills them in, and the uninstall hook removes them
with the last JIT addon. Every JIT addon carries the same hook.
"""

JIT_ADDONS = ("jit_inventory", "jit_pricing", "jit_payables", "jit_readiness")

SETTINGS_ARCH = """
<xpath expr="//form" position="inside">
    <app string="Just in Time" name="just_in_time"
         logo="/base/static/description/modules.png"/>
</xpath>
"""

# (xml id, model, values); parents come first.
SHARED_RECORDS = (
    ("base.module_category_just_in_time", "ir.module.category", {}),
    ("base.menu_jit_root", "ir.ui.menu", {}),
    ("base.menu_jit_configuration", "ir.ui.menu", {"parent": "base.menu_jit_root"}),
    ("base.res_config_settings_view_form_jit", "ir.ui.view", {"view": True}),
)


def pre_init_hook(env):
    for xml_id, model, options in SHARED_RECORDS:
        if env.ref(xml_id, raise_if_not_found=False):
            continue
        values = {"name": "Just in Time"}
        if options.get("parent"):
            values = {
                "name": "Configuration",
                "parent_id": env.ref(options["parent"]).id,
            }
        if options.get("view"):
            values = {
                "name": "res.config.settings.view.form.just.in.time",
                "model": "res.config.settings",
                "inherit_id": env.ref("base.res_config_settings_view_form").id,
                "arch": SETTINGS_ARCH,
            }
        record = env[model].create(values)
        env["ir.model.data"]._update_xmlids([{"xml_id": xml_id, "record": record}])


def uninstall_hook(env):
    """With the last JIT addon, hand the shared records over to it: Odoo then
    deletes them with the addon's own data, after the menus, views and groups
    that point to them (unlinking them here, first, would be refused)."""
    others = env["ir.module.module"].search_count(
        [
            ("name", "in", JIT_ADDONS),
            ("state", "in", ("installed", "to upgrade")),
        ]
    )
    if others:
        return
    addon = __name__.split(".")[-2]
    for xml_id, _model, _options in SHARED_RECORDS:
        module, name = xml_id.split(".")
        env["ir.model.data"].search(
            [("module", "=", module), ("name", "=", name)]
        ).module = addon
