"""pytest settings shared by every test of the repository (see tests/run.py)."""

import pytest


@pytest.fixture(scope="session", autouse=True)
def odoo_manifests_parsed_once(load_registry):
    """Parse every addon manifest once, before any browser tour starts.

    Odoo's HTTP server fills its table of static folders, parsing each
    manifest, on the first request; with a tour, several server threads make
    that first request at once, and CPython 3.11 before 3.11.8 can then fail
    inside ``ast.parse`` ("AST constructor recursion depth mismatch"), so the
    page gets an error instead of JSON. Parsed here in one thread, the
    manifests are cached and the threads only read them.
    """
    import odoo.http

    odoo.http.root.statics  # noqa: B018 - computing the cached property
    yield
