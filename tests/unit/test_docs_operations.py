"""The Docs rows of the operation table against the Docs client, the inventory and the fake."""

from __future__ import annotations

import csv
import inspect
import re
from pathlib import Path

import helpscout_async as hs
from helpscout_async import _api
from helpscout_async.docs._base import DocsResource
from helpscout_async.testing.docs._app import HANDLERS

SPEC = Path(__file__).resolve().parent.parent / "fixtures" / "spec" / "docs-endpoints.tsv"
_PARAM = re.compile(r"\{[^}]*\}")


def _shape(path: str) -> str:
    """A path with its parameters blanked and its query dropped (the inventory's spelling)."""
    return _PARAM.sub("{}", path.split("?", 1)[0])


def _groups(client: hs.Docs) -> dict[str, DocsResource]:
    return {n: v for n, v in vars(client).items() if isinstance(v, DocsResource)}


def test_every_row_is_a_docs_client_method() -> None:
    client = hs.Docs(api_key="k")
    groups = _groups(client)
    methods = {
        f"{name}.{member}"
        for name, group in groups.items()
        for member, _ in inspect.getmembers(type(group), inspect.isfunction)
        if not member.startswith("_")
    }
    rows = {op.name for op in _api.family_rows("docs")}
    assert rows - methods == set(), "rows without a Docs method"
    assert methods - rows == set(), "Docs methods without a row"


def test_rows_are_the_documented_operations() -> None:
    with SPEC.open(newline="") as handle:
        documented = {
            (r["method"], _shape(r["path"])) for r in csv.DictReader(handle, delimiter="\t")
        }
    rows = {(op.method, _shape(op.path)) for op in _api.family_rows("docs")}
    assert rows == documented
    assert len(_api.family_rows("docs")) == 40


def test_docs_facts_of_rows() -> None:
    ops = {op.name: op for op in _api.family_rows("docs")}
    for op in ops.values():
        if op.method in ("PUT", "DELETE"):
            assert op.ok == {200}, op.name  # the Docs API answers 200, not 204
        if op.method == "POST" and op.group != "assets":
            assert op.new_id == "location", op.name
        assert op.units(_api.PROFILES["docs"].write_weight) == 1, op.name
    assert ops["articles.update_views"].retry == "post"  # a repeat would count twice
    assert ops["articles.update"].retry == "idempotent"
    assert ops["sites.list"].key == "sites"


def test_the_fake_has_a_handler_for_every_row() -> None:
    assert set(HANDLERS) == {op.name for op in _api.family_rows("docs")}


def test_limit_for_sites_is_the_one_fact() -> None:
    assert [_api.docs.limit_for_sites(n) for n in (0, 1, 2, 3, 10)] == [
        2000,
        2000,
        3000,
        4000,
        4000,
    ]
