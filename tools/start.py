"""Start JIT for Odoo locally: Odoo 18 with the addons, on real data.

    python3 tools/start.py                 # database jit_demo, http://localhost:8069

When the database does not exist yet, it is created with every JIT addon
installed (no Odoo demo data: the real data sets are the demo). Every start
then runs tools/load_demo.py (each loader does nothing when its data is
already there) and serves the database. Log in as admin / admin.
"""

import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tools import odoo_setup


def database_exists(name):
    import psycopg2

    params = {"dbname": "postgres"}
    for env_name, key in (("HOST", "host"), ("PORT", "port"), ("USER", "user")):
        if os.environ.get(f"JIT_DB_{env_name}"):
            params[key] = os.environ[f"JIT_DB_{env_name}"]
    if os.environ.get("JIT_DB_PASSWORD"):
        params["password"] = os.environ["JIT_DB_PASSWORD"]
    connection = psycopg2.connect(**params)
    try:
        with connection.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            return bool(cr.fetchone())
    finally:
        connection.close()


def installable_addons():
    return [
        addon
        for addon in odoo_setup.JIT_ADDONS
        if os.path.isfile(os.path.join(odoo_setup.REPO_ROOT, addon, "__manifest__.py"))
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", "-d", default="jit_demo")
    parser.add_argument("--port", type=int, default=8069)
    parser.add_argument("--interface", default="127.0.0.1")
    parser.add_argument(
        "--no-serve", action="store_true", help="create and load, then stop"
    )
    args = parser.parse_args()
    odoo_setup.require_odoo()
    data_dir = odoo_setup.data_dir()
    common = [
        f"--database={args.database}",
        f"--addons-path={odoo_setup.addons_path()}",
        f"--data-dir={data_dir}",
        *odoo_setup.db_options(),
    ]
    if not database_exists(args.database):
        addons = installable_addons()
        print(f"Creating {args.database} with {', '.join(addons)}", flush=True)
        subprocess.run(
            odoo_setup.odoo_command(
                *common,
                f"--init={','.join(addons)}",
                "--without-demo=all",
                "--stop-after-init",
                "--no-http",
                "--log-level=warn",
            ),
            check=True,
        )
    # Every start runs the loaders: each does nothing when its data is there,
    # and a first load that was interrupted is completed.
    print("Loading the real data sets (a few minutes the first time)", flush=True)
    subprocess.run(
        [
            sys.executable,
            os.path.join(odoo_setup.REPO_ROOT, "tools", "load_demo.py"),
            "--database",
            args.database,
        ],
        check=True,
    )
    if args.no_serve:
        return
    print(f"Odoo on http://localhost:{args.port} (admin / admin)", flush=True)
    os.execv(
        sys.executable,
        odoo_setup.odoo_command(
            *common,
            f"--db-filter=^{args.database}$",
            f"--http-port={args.port}",
            f"--http-interface={args.interface}",
        ),
    )


if __name__ == "__main__":
    main()
