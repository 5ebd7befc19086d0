"""The fake routes exactly the operation table's rows, and shares only data with the client."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from aiohttp import web

from helpscout_async import _api
from helpscout_async.testing import FakeHelpScout, Store
from helpscout_async.testing._app import TOKEN_PATH, create_app
from helpscout_async.testing._routes import MAILBOX_HANDLERS, add_routes, route_path, route_rows

PACKAGE = Path(__file__).resolve().parents[2] / "helpscout_async"
_GLUE = {"pytest_plugin.py"}
"""The pytest plugin hands out clients of the fake: the one module that knows both."""
_OWN = {("POST", TOKEN_PATH), ("GET", "/_fake/metrics"), ("DELETE", "/_fake/metrics")}


def _app() -> web.Application:
    return create_app(FakeHelpScout(store=Store())._state)


def _served(app: web.Application) -> set[tuple[str, str]]:
    return {
        (route.method, route.resource.canonical)
        for route in app.router.routes()
        if route.method != "HEAD" and route.resource is not None
    }


def test_the_fake_serves_every_row_and_nothing_else() -> None:
    app = _app()
    rows = {(op.method, op.route) for f in ("mailbox", "chat") for op in _api.family_rows(f)}
    assert _served(app) - _OWN == rows


def test_each_route_is_named_after_its_row() -> None:
    app = _app()
    named = {
        route.name: (route.method, route.resource.canonical)
        for route in app.router.routes()
        if route.name and route.resource is not None
    }
    for family in ("mailbox", "chat"):
        rows = _api.family_rows(family)
        served = route_rows(rows)
        for op in rows:
            assert named[f"{family}:{served[op.method, op.route].name}"] == (op.method, op.route)
    # A variant (fixed query, own Accept) never names the route its plain row serves.
    served = route_rows(_api.family_rows("mailbox"))
    assert served["DELETE", "/v2/customers/{customer_id}"].name == "customers.delete"
    source = "/v2/conversations/{conversation_id}/threads/{thread_id}/original-source"
    assert served["GET", source].name == "conversations.thread_source"


def test_a_row_without_a_handler_fails() -> None:
    handlers = dict(MAILBOX_HANDLERS)
    del handlers["tags.get"]
    with pytest.raises(LookupError, match=r"rows without a handler: \['tags.get'\]"):
        add_routes(web.Application().router, _api.PROFILES["mailbox"], handlers)


def test_a_handler_without_a_row_fails() -> None:
    handlers = {**MAILBOX_HANDLERS, "tags.delete": MAILBOX_HANDLERS["tags.get"]}
    with pytest.raises(LookupError, match=r"handlers without a row: \['tags.delete'\]"):
        add_routes(web.Application().router, _api.PROFILES["mailbox"], handlers)


def test_route_templates_narrow_ids_to_the_family_shape() -> None:
    op = _api.operation("conversations.update_tags")
    assert (
        route_path(op, _api.PROFILES["mailbox"]) == r"/v2/conversations/{conversation_id:\d+}/tags"
    )
    assert route_path(op, _api.PROFILES["docs"]) == (
        "/v2/conversations/{conversation_id:[0-9a-fA-F]{24}}/tags"
    )


def _imports(path: Path) -> set[str]:
    """The absolute names of the modules ``path`` imports (relative ones resolved)."""
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def test_the_fake_imports_only_data_from_the_client_package() -> None:
    for path in (PACKAGE / "testing").glob("*.py"):
        if path.name in _GLUE:
            continue
        ours = {
            name
            for name in _imports(path)
            if name.startswith("helpscout_async") and not name.startswith("helpscout_async.testing")
        }
        allowed = {
            n for n in ours if n == "helpscout_async" or n.startswith("helpscout_async._api")
        }
        # ``from .. import _api`` shows as the package and the package's ``_api``.
        assert ours - allowed == set(), f"{path.name} imports client code: {ours - allowed}"
        if "helpscout_async" in ours:
            assert "helpscout_async._api" in ours, path.name


def test_the_client_never_imports_the_fake() -> None:
    for path in PACKAGE.rglob("*.py"):
        # The CLI's ``fake-server`` command, the export demo and ``mcp`` without credentials
        # start the fake (lazily imported).
        if "testing" in path.relative_to(PACKAGE).parts or path.name in (
            "cli.py",
            "_cli_export.py",
            "mcp_server.py",
            "_cli_docs.py",
        ):
            continue
        assert not any("helpscout_async.testing" in n for n in _imports(path)), path.name


def test_the_table_imports_nothing_but_data() -> None:
    for path in (PACKAGE / "_api").glob("*.py"):
        outside = {
            n
            for n in _imports(path)
            if n.split(".")[0] not in {"__future__", "attrs", "re", "types", "typing", "functools"}
            and not n.startswith(("urllib", "helpscout_async._api"))
        }
        assert outside == set(), f"{path.name}: {outside}"


def test_rows_sharing_a_route_must_share_a_handler(monkeypatch: pytest.MonkeyPatch) -> None:
    variant = _api.row("mailbox", "tags.get_again", "GET", "/v2/tags/{tag_id}?x=1", "tags/get/")
    rows = (*_api.family_rows("mailbox"), variant)
    monkeypatch.setattr(_api, "family_rows", lambda family: rows)
    handlers = {**MAILBOX_HANDLERS, "tags.get_again": MAILBOX_HANDLERS["tags.list"]}
    with pytest.raises(LookupError, match="must share its handler"):
        add_routes(web.Application().router, _api.PROFILES["mailbox"], handlers)
    handlers["tags.get_again"] = MAILBOX_HANDLERS["tags.get"]
    router = web.Application().router
    add_routes(router, _api.PROFILES["mailbox"], handlers)
    assert "mailbox:tags.get_again" not in router.named_resources()
