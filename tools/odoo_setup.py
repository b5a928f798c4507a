"""Locate the Odoo 18 this machine provides and build the options to run it.

Shared by the test runner, the local start command, the loaders and the
benchmark. Odoo is never vendored: it must be importable as ``odoo``, from the
official Docker image, a pip install, or a source checkout on ``sys.path``.
"""

import os
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JIT_ADDONS = ["jit_inventory", "jit_pricing", "jit_payables", "jit_readiness"]

HOW_TO_PROVIDE_ODOO = """\
Odoo 18.0 is not importable by this python3 ({python}).
The JIT for Odoo addons run on a real Odoo 18.0 and PostgreSQL; provide Odoo by
one of:
  - the official Docker image: docker compose up (see README.md);
  - a pip install of Odoo 18.0 (for example the nightly source archive);
  - a source checkout of Odoo 18.0 with its requirements installed and its root
    folder on sys.path (a .pth file in site-packages).
Then check with: python3 -c "import odoo.release as r; print(r.version)"
"""


def require_odoo():
    """Import Odoo 18 or exit with a message saying how to provide it."""
    try:
        import odoo.release
    except ImportError:
        sys.stderr.write(HOW_TO_PROVIDE_ODOO.format(python=sys.executable))
        sys.exit(2)
    if odoo.release.version_info[0] != 18:
        sys.stderr.write(
            f"Odoo {odoo.release.version} is importable, but these addons need "
            f"Odoo 18.0.\n"
        )
        sys.exit(2)
    return odoo


def odoo_addons_paths():
    """Folders that hold Odoo's standard addons, wherever Odoo is installed.

    A packaged Odoo keeps every addon in ``odoo/addons``; a source checkout
    keeps the base addons there and the others in ``addons/`` beside it.
    """
    require_odoo()
    import odoo.addons

    paths = [os.path.abspath(p) for p in odoo.addons.__path__]
    checkout_addons = os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__))), "addons"
    )
    if os.path.isdir(os.path.join(checkout_addons, "stock")):
        paths.append(checkout_addons)
    return [p for p in dict.fromkeys(paths) if os.path.isdir(p)]


def addons_path():
    """The full addons path: our repository first, then Odoo's own."""
    return ",".join([REPO_ROOT, *odoo_addons_paths()])


def find_odoo_addon(name):
    """Folder of one of Odoo's standard addons, to run its own tests."""
    for path in odoo_addons_paths():
        candidate = os.path.join(path, name)
        if os.path.isfile(os.path.join(candidate, "__manifest__.py")):
            return candidate
    raise FileNotFoundError(f"Odoo addon {name} not found in {odoo_addons_paths()}")


def db_options():
    """Connection options from JIT_DB_HOST, JIT_DB_PORT, JIT_DB_USER and
    JIT_DB_PASSWORD; unset ones keep Odoo's defaults (the local socket)."""
    options = []
    for env_name in ("HOST", "PORT", "USER", "PASSWORD"):
        value = os.environ.get(f"JIT_DB_{env_name}")
        if value:
            options.append(f"--db_{env_name.lower()}={value}")
    return options


def odoo_command(*args):
    """Command line that runs the Odoo server of this python3."""
    return [sys.executable, "-m", "odoo", *args]


def data_dir():
    """Odoo's data folder (filestore, sessions) for the local commands:
    $JIT_DATA_DIR, else a folder in the system's temporary directory. The
    start command and the loaders must share it, or attachments made while
    loading would be missing when the database is served."""
    import tempfile

    return os.environ.get("JIT_DATA_DIR") or os.path.join(
        tempfile.gettempdir(), "jit_for_odoo_data"
    )


def open_environment(db_name, extra_options=()):
    """Parse Odoo's configuration and return a registry for ``db_name``."""
    odoo = require_odoo()
    odoo.tools.config.parse_config(
        [
            f"--database={db_name}",
            f"--addons-path={addons_path()}",
            f"--data-dir={data_dir()}",
            *db_options(),
            *extra_options,
        ]
    )
    from odoo.modules.registry import Registry

    return Registry(db_name)
