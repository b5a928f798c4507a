"""Regenerate an addon's translation template, i18n/<addon>.pot.

    python3 tools/export_pot.py jit_pricing [jit_payables ...]

Installs the addons into a throw-away database (without demo data), exports
their terms with Odoo's own exporter, and drops the database.
"""

import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tools import odoo_setup


def main():
    addons = sys.argv[1:] or odoo_setup.JIT_ADDONS
    odoo_setup.require_odoo()
    db_name = f"jit_pot_{os.getpid()}"
    data_dir = tempfile.mkdtemp(prefix="jit_pot_")
    common = [
        f"--database={db_name}",
        f"--addons-path={odoo_setup.addons_path()}",
        f"--data-dir={data_dir}",
        "--no-http",
        "--log-level=warn",
        *odoo_setup.db_options(),
    ]
    try:
        subprocess.run(
            odoo_setup.odoo_command(
                *common,
                f"--init={','.join(addons)}",
                "--without-demo=all",
                "--stop-after-init",
            ),
            check=True,
        )
        for addon in addons:
            target = os.path.join(odoo_setup.REPO_ROOT, addon, "i18n", f"{addon}.pot")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            subprocess.run(
                odoo_setup.odoo_command(
                    *common,
                    f"--i18n-export={target}",
                    f"--modules={addon}",
                    "--stop-after-init",
                ),
                check=True,
            )
            print(f"wrote {target}")
    finally:
        subprocess.run(["dropdb", "--if-exists", "--force", db_name], check=False)


if __name__ == "__main__":
    main()
