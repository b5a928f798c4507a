"""Run the whole JIT for Odoo test suite against a real Odoo 18 and PostgreSQL.

    python3 tests/run.py                  # everything, as CI runs it
    python3 tests/run.py --addons jit_pricing --no-lint --reuse-template
    python3 tests/run.py -- -k margin     # arguments after -- go to pytest

Steps: check that Odoo 18 is importable and PostgreSQL answers; run the linters
(pre-commit: ruff, ruff-format, pylint-odoo mandatory checks, prettier for
XML); create a throw-away database and install the addons; run every addon's
tests/, the cross-addon scenarios in tests/ and Odoo's own tests for the flows
we extend, with pytest-odoo (HttpCase tours included); drop the database.
Exits non-zero on any failure, and when no test ran.
"""

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from tools import odoo_setup

# Odoo's own tests for the flows our addons extend. They must still pass on a
# database where all four addons are installed.
ODOO_FLOW_TESTS = [
    ("stock", "tests/test_replenish.py"),
    ("stock", "tests/test_proc_rule.py"),
    ("purchase_stock", "tests/test_reordering_rule.py"),
    ("purchase_stock", "tests/test_replenish_wizard.py"),
    ("purchase", "tests/test_purchase_invoice.py"),
    ("account", "tests/test_account_payment_register.py"),
    ("account", "tests/test_account_move_in_invoice.py"),
]

# Odoo tests of that list that fail identically on a database holding only
# Odoo's modules (stock, purchase_stock, account, account_check_printing, with
# Odoo's demo data) and none of ours, when run after installation: stock's
# at-install tests expect no purchase route, and the payment wizard's message
# changed. Checked with the same command on such a database; they are
# deselected, not skipped, and listed here so that the choice stays visible.
ODOO_TESTS_FAILING_WITHOUT_US = [
    "::TestStockReplenish::test_replenish_no_routes",
    "::TestProcRule::test_endless_loop_rules_from_location",
    "::TestProcRule::test_reordering_rule_1",
    "::TestProcRule::test_reordering_rule_2",
    "::TestProcRule::test_replenishment_order_to_max",
    "::TestAccountMoveInInvoiceOnchanges::test_in_invoice_payment_register_wizard",
]

# Standard modules the addons stand on; the optional template database holds
# them installed so that a developer's run only installs our addons.
ODOO_DEPENDENCIES = [
    "stock",
    "purchase_stock",
    "account",
    "account_check_printing",
    "barcodes",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--addons",
        default=",".join(odoo_setup.JIT_ADDONS),
        help="comma-separated addons to install and test (default: all four)",
    )
    parser.add_argument("--no-lint", action="store_true", help="skip pre-commit")
    parser.add_argument(
        "--no-odoo-tests",
        action="store_true",
        help="do not run Odoo's own flow tests (developer shortcut)",
    )
    parser.add_argument(
        "--reuse-template",
        action="store_true",
        help="copy a cached database with Odoo's modules installed (faster)",
    )
    parser.add_argument(
        "--keep-db", action="store_true", help="keep the test database afterwards"
    )
    parser.add_argument("pytest_args", nargs="*", help="passed on to pytest")
    return parser.parse_args()


def fail(message, code=2):
    sys.stderr.write(f"tests/run.py: {message}\n")
    sys.exit(code)


def check_postgres():
    import psycopg2

    params = {"dbname": "postgres"}
    for name, key in (("HOST", "host"), ("PORT", "port"), ("USER", "user")):
        if os.environ.get(f"JIT_DB_{name}"):
            params[key] = os.environ[f"JIT_DB_{name}"]
    if os.environ.get("JIT_DB_PASSWORD"):
        params["password"] = os.environ["JIT_DB_PASSWORD"]
    try:
        connection = psycopg2.connect(**params)
        connection.autocommit = True
        return connection
    except psycopg2.OperationalError as error:
        fail(
            f"PostgreSQL does not answer ({error}). Start it, or point "
            "JIT_DB_HOST / JIT_DB_PORT / JIT_DB_USER / JIT_DB_PASSWORD at it."
        )


def run_lint():
    print("== Linters (pre-commit)", flush=True)
    if not shutil.which("pre-commit"):
        fail("pre-commit is not installed: pip install pre-commit")
    result = subprocess.run(
        ["pre-commit", "run", "--all-files", "--show-diff-on-failure"],
        cwd=odoo_setup.REPO_ROOT,
    )
    if result.returncode:
        fail("linters failed (see above); fix them and run again", 1)


def database_exists(connection, name):
    with connection.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return bool(cr.fetchone())


def drop_database(connection, name):
    with connection.cursor() as cr:
        cr.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def odoo_install(db_name, modules, data_dir):
    command = odoo_setup.odoo_command(
        f"--database={db_name}",
        f"--addons-path={odoo_setup.addons_path()}",
        f"--data-dir={data_dir}",
        f"--init={','.join(modules)}",
        "--stop-after-init",
        "--no-http",
        "--log-level=warn",
        *odoo_setup.db_options(),
    )
    print(f"== Installing {', '.join(modules)} into {db_name}", flush=True)
    result = subprocess.run(command, cwd=odoo_setup.REPO_ROOT)
    if result.returncode:
        fail(f"installing {modules} failed (exit {result.returncode})", 1)


def check_installed(connection_factory, db_name, modules):
    connection = connection_factory(db_name)
    try:
        with connection.cursor() as cr:
            cr.execute(
                "SELECT name FROM ir_module_module"
                " WHERE name = ANY(%s) AND state = 'installed'",
                [list(modules)],
            )
            installed = {row[0] for row in cr.fetchall()}
    finally:
        connection.close()
    missing = sorted(set(modules) - installed)
    if missing:
        fail(f"not installed after the install step: {', '.join(missing)}", 1)


def template_name():
    import odoo.release

    key = ",".join(sorted(ODOO_DEPENDENCIES)) + odoo.release.version
    return "jit_tmpl_" + hashlib.sha1(key.encode()).hexdigest()[:10]


def main():
    args = parse_args()
    odoo = odoo_setup.require_odoo()
    print(f"Odoo {odoo.release.version} from {os.path.dirname(odoo.__file__)}")
    addons = [a.strip() for a in args.addons.split(",") if a.strip()]
    unknown = set(addons) - set(odoo_setup.JIT_ADDONS)
    if unknown:
        fail(f"unknown addons: {', '.join(sorted(unknown))}")
    admin = check_postgres()

    def connect(db_name):
        import psycopg2

        params = admin.get_dsn_parameters()
        params["dbname"] = db_name
        params.pop("options", None)
        params.pop("target_session_attrs", None)
        if os.environ.get("JIT_DB_PASSWORD"):
            params["password"] = os.environ["JIT_DB_PASSWORD"]
        return psycopg2.connect(**params)

    if not args.no_lint:
        run_lint()

    db_name = f"jit_test_{os.getpid()}"
    data_dir = tempfile.mkdtemp(prefix="jit_test_data_")
    config_path = os.path.join(data_dir, "odoo.conf")
    exit_code = 1
    try:
        if args.reuse_template:
            template = template_name()
            if not database_exists(admin, template):
                odoo_install(template, ODOO_DEPENDENCIES, data_dir)
            with admin.cursor() as cr:
                cr.execute(f'CREATE DATABASE "{db_name}" TEMPLATE "{template}"')
        odoo_install(db_name, addons, data_dir)
        check_installed(connect, db_name, addons)

        with open(config_path, "w") as config:
            config.write(
                "[options]\n"
                f"db_name = {db_name}\n"
                f"dbfilter = ^{db_name}$\n"
                f"addons_path = {odoo_setup.addons_path()}\n"
                f"data_dir = {data_dir}\n"
                "log_level = warn\n"
            )
            for option in odoo_setup.db_options():
                key, value = option[2:].split("=", 1)
                config.write(f"{key} = {value}\n")

        test_paths = [
            os.path.join(odoo_setup.REPO_ROOT, addon, "tests") for addon in addons
        ]
        all_installed = set(addons) == set(odoo_setup.JIT_ADDONS)
        deselected = []
        if all_installed:
            test_paths.append(os.path.join(odoo_setup.REPO_ROOT, "tests"))
            if not args.no_odoo_tests:
                test_paths += [
                    os.path.join(odoo_setup.find_odoo_addon(addon), path)
                    for addon, path in ODOO_FLOW_TESTS
                ]
                for node_id in ODOO_TESTS_FAILING_WITHOUT_US:
                    deselected += ["--deselect", node_id]
        missing = [path for path in test_paths if not os.path.exists(path)]
        if missing:
            fail(f"test folders missing: {', '.join(missing)}", 1)

        command = [
            sys.executable,
            "-m",
            "pytest",
            "-c",
            os.path.join(odoo_setup.REPO_ROOT, "tests", "pytest.ini"),
            "--rootdir",
            odoo_setup.REPO_ROOT,
            f"--odoo-config={config_path}",
            "--odoo-log-level=warn",
            "--odoo-http",
            *test_paths,
            *deselected,
            *args.pytest_args,
        ]
        print("== " + " ".join(command), flush=True)
        exit_code = subprocess.run(command, cwd=odoo_setup.REPO_ROOT).returncode
        if exit_code == 5:
            sys.stderr.write("tests/run.py: pytest collected no test\n")
            exit_code = 1
    finally:
        if not args.keep_db:
            drop_database(admin, db_name)
            shutil.rmtree(data_dir, ignore_errors=True)
        else:
            print(f"Kept database {db_name} and data dir {data_dir}")
    sys.exit(exit_code)


if __name__ == "__main__":
    main()
