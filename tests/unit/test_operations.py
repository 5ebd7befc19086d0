"""The operation table: its rows against the documented inventory and the client's methods.

Every row names a client method that exists, every public resource method has a
row, and every row's method, path and doc page are those of Help Scout's
documentation inventory (``tests/fixtures/spec/*.tsv``, copied from the spec).
"""

from __future__ import annotations

import csv
import inspect
from pathlib import Path

import pytest

import helpscout_async as hs
from helpscout_async import _api
from helpscout_async._resource import Resource

SPEC = Path(__file__).resolve().parent.parent / "fixtures" / "spec"


def _documented(name: str) -> set[tuple[str, str, str]]:
    with (SPEC / name).open(newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        # A doc cell may name a second page: "a/b/ (also a/c/)"; the first is the row's.
        return {(r["method"], r["path"], r["doc"].split(" (")[0]) for r in rows}


def _groups(client: hs.HelpScout) -> dict[str, Resource]:
    return {name: value for name, value in vars(client).items() if isinstance(value, Resource)}


def _public_methods(group: Resource) -> set[str]:
    return {
        name
        for name, member in inspect.getmembers(type(group), inspect.isfunction)
        if not name.startswith("_")
    }


_CLIENT_FAMILIES = ("mailbox", "chat")
"""The families whose groups hang on ``HelpScout`` (Docs has its own client)."""


def _client_rows() -> tuple[_api.Operation, ...]:
    return tuple(op for family in _CLIENT_FAMILIES for op in _api.family_rows(family))


def test_every_row_names_a_client_method_that_exists() -> None:
    client = hs.HelpScout(access_token="t")
    for op in _client_rows():
        group = getattr(client, op.group, None)
        assert isinstance(group, Resource), f"{op.name}: client has no group {op.group!r}"
        assert callable(getattr(group, op.call, None)), f"{op.name}: no method {op.call!r}"


def test_every_public_resource_method_has_a_row() -> None:
    client = hs.HelpScout(access_token="t")
    names = {op.name for op in _client_rows()}
    methods = {f"{g}.{m}" for g, group in _groups(client).items() for m in _public_methods(group)}
    assert methods - names == set(), "resource methods without a row"
    assert names - methods == set(), "rows without a resource method"


def test_rows_are_the_documented_operations() -> None:
    documented = _documented("mailbox-endpoints.tsv")
    for op in _api.family_rows("mailbox"):
        assert (op.method, op.path, op.doc) in documented, op.name


def test_rows_are_consistent() -> None:
    for op in _api.OPERATIONS:
        profile = _api.PROFILES[op.family]
        assert op.path.startswith(tuple(p + "/" for p in profile.prefixes)), op.name
        assert op.ok, op.name
        assert all(200 <= s < 300 for s in op.ok), op.name
        if op.page is not None:
            assert (op.method, bool(op.key)) == ("GET", True), op.name
            # Numbered pages have the server's page size (one-page shapes need none).
            assert op.page_size or op.page not in ("hal", "docs"), op.name
        if op.model is not None:
            assert isinstance(getattr(hs.models, op.model, None), type), op.name
        if op.new_id is not None:
            assert op.method == "POST", op.name
        # A DELETE, and End Chat (writes to an ended chat answer 404).
        assert op.gone_is_done == (op.method == "DELETE" or op.name == "chats.end"), op.name


def test_derived_facts_of_rows() -> None:
    tags = _api.operation("conversations.update_tags")
    assert (tags.method, tags.ok, tags.retry, tags.new_id) == ("PUT", {204}, "idempotent", None)
    assert tags.params == ("conversation_id",)
    assert tags.units(2) == 2
    assert tags.fill({"conversation_id": 7}) == "/v2/conversations/7/tags"
    reply = _api.operation("conversations.reply")
    assert (reply.ok, reply.retry, reply.new_id) == ({201}, "post", "resource-id")
    run = _api.operation("workflows.run")
    assert (run.ok, run.retry, run.new_id) == ({204}, "post", None)
    listing = _api.operation("conversations.list")
    assert (listing.units(2), listing.page_size, listing.key) == (1, 25, "conversations")
    assert _api.row("mailbox", "x.y", "GET", "/v2/x", "x/", cost=5).units(2) == 5
    assert _api.operation("conversations.delete").gone_is_done


def test_fill_checks_its_arguments() -> None:
    op = _api.operation("conversations.update_tags")
    with pytest.raises(TypeError, match="conversation_id"):
        op.fill({})
    with pytest.raises(TypeError, match="takes"):
        op.fill({"conversation_id": 1, "thread_id": 2})
    assert op.fill({"conversation_id": "a/b"}) == "/v2/conversations/a%2Fb/tags"


def test_unknown_operation() -> None:
    with pytest.raises(KeyError, match=r"no mailbox operation is named 'tags\.nope'"):
        _api.operation("tags.nope")


def test_endpoints_lists_the_table() -> None:
    found = hs.endpoints()
    assert len(found) == len(_api.OPERATIONS)
    first = found[0]
    assert first == hs.Endpoint(
        family="mailbox",
        method="GET",
        path="/v2/conversations",
        call="conversations.list",
        doc="https://developer.helpscout.com/mailbox-api/endpoints/conversations/list/",
    )
    assert {e.call for e in hs.endpoints("mailbox")} >= {"tags.get", "ratings.get", "workflows.run"}
    assert len(hs.endpoints("docs")) == 40
    with pytest.raises(ValueError, match="family must be one of"):
        hs.endpoints("nope")


@pytest.mark.parametrize(
    ("base", "root"),
    [
        ("https://api.helpscout.net/v2", "https://api.helpscout.net"),
        ("https://api.helpscout.net/v2/", "https://api.helpscout.net"),
        ("http://127.0.0.1:8080/v3", "http://127.0.0.1:8080"),
        ("https://proxy.example.com/helpscout", "https://proxy.example.com/helpscout"),
        ("https://docsapi.helpscout.net/v1", "https://docsapi.helpscout.net"),
    ],
)
def test_api_root(base: str, root: str) -> None:
    assert _api.api_root(base) == root


def test_profiles() -> None:
    mailbox, docs = _api.PROFILES["mailbox"], _api.PROFILES["docs"]
    assert (mailbox.auth, mailbox.id_type, mailbox.write_weight) == ("bearer", "int", 2)
    assert mailbox.root() == "https://api.helpscout.net"
    assert (docs.auth, docs.id_type, docs.per_window, docs.window) == ("basic", "hex24", 2000, 600)
    assert docs.limit_header == "X-RateLimit-Limit"
    assert hs.RateLimit() == hs.RateLimit(
        per_minute=mailbox.per_window, window=mailbox.window, write_weight=mailbox.write_weight
    )


def test_a_fixed_query_in_a_path_is_kept_apart() -> None:
    op = _api.row("mailbox", "x.y", "DELETE", "/v2/x/{x_id}?async=true", "x/", ok=frozenset({202}))
    assert (op.route, op.query, op.params) == ("/v2/x/{x_id}", {"async": "true"}, ("x_id",))
    assert op.fill({"x_id": 3}) == "/v2/x/3"
    plain = _api.operation("tags.get")
    assert (plain.route, plain.query, plain.accept) == (plain.path, {}, None)
    assert _api.row("mailbox", "x.z", "GET", "/v2/x", "x/", accept="message/rfc822").accept == (
        "message/rfc822"
    )
