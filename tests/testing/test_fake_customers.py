"""Customers (list filters, query, create, replace, delete) and the read-only directory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from _fake_support import Api, add_conversation, session, small_store

from helpscout_async.testing import FakeHelpScout

__all__ = ["session"]


@pytest_asyncio.fixture
async def api(session: aiohttp.ClientSession) -> AsyncIterator[Api]:
    store = small_store(0)
    add_conversation(store, 1, mailboxId=2, customer=202)
    async with FakeHelpScout(store=store, rate_limit=None) as fake:
        yield Api(fake, session)


async def _ids(api: Api, **params: Any) -> list[int]:
    return await api.ids("/customers", "customers", **params)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, [203, 202, 201]),  # createdAt desc
        ({"sortField": "firstName", "sortOrder": "asc"}, [201, 202, 203]),
        ({"sortField": "lastName", "sortOrder": "asc"}, [201, 203, 202]),
        ({"sortField": "modifiedAt", "sortOrder": "asc"}, [201, 202, 203]),
        ({"sortField": "score"}, [203, 202, 201]),
        ({"firstName": "bob"}, [202]),
        ({"lastName": "NG"}, [203]),
        ({"mailbox": 2}, [202]),
        ({"modifiedSince": "2024-01-01T00:12:00Z"}, [203, 202]),
        ({"query": '(email:"ann@cust.test")'}, [201]),
        ({"query": '(firstName:"b" OR lastName:"ng")'}, [203, 202]),
        ({"query": '(NOT name:"ann lee")'}, [203, 202]),
    ],
)
async def test_customer_filters(api: Api, params: dict[str, Any], expected: list[int]) -> None:
    assert await _ids(api, **params) == expected


async def test_customer_bad_parameters(api: Api) -> None:
    for params, path in (
        ({"sortField": "email"}, "sortField"),
        ({"query": "(email:"}, "query"),
        ({"modifiedSince": "x"}, "modifiedSince"),
    ):
        status, _, body = await api.call("GET", "/customers", params=params)
        assert status == 400
        assert body is not None
        assert body["_embedded"]["errors"][0]["path"] == path


async def test_create_get_replace_delete(api: Api) -> None:
    new = {
        "firstName": "Vernon",
        "lastName": "Bear",
        "gender": "Male",
        "emails": [{"type": "work", "value": "bear@acme.com"}],
        "phones": [{"type": "mobile", "value": "555"}],
        "websites": [{"value": "https://acme.com"}],
        "address": {"city": "Dallas", "country": "US", "lines": ["1 Main"]},
    }
    status, headers, body = await api.call("POST", "/customers", json_body=new)
    assert status == 201
    assert body is None
    cid = int(headers["Resource-ID"])
    assert headers["Location"] == f"{api.fake.base_url}/customers/{cid}"
    got = await api.get(f"/customers/{cid}")
    assert got["firstName"] == "Vernon"
    assert got["_embedded"]["emails"][0]["value"] == "bear@acme.com"
    assert got["_embedded"]["address"]["city"] == "Dallas"
    assert got["_links"]["self"]["href"] == f"{api.fake.base_url}/customers/{cid}"
    assert await _ids(api, query='(email:"bear@acme.com")') == [cid]
    status, _, _ = await api.call(
        "PUT", f"/customers/{cid}", json_body={"firstName": "Vern", "jobTitle": "CEO"}
    )
    assert status == 204
    got = await api.get(f"/customers/{cid}")
    assert (got["firstName"], got["jobTitle"], got.get("lastName")) == ("Vern", "CEO", None)
    assert await _ids(api, firstName="vern") == [cid]
    assert (await api.call("DELETE", f"/customers/{cid}"))[0] == 204
    assert (await api.call("GET", f"/customers/{cid}"))[0] == 404
    assert cid not in await _ids(api)


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({}, "firstName"),
        ({"firstName": "x" * 41}, "firstName"),
        ({"firstName": 5}, "firstName"),
        ({"firstName": "A", "gender": "robot"}, "gender"),
        ({"emails": [{"type": "work", "value": "not-an-email"}]}, "emails[0].value"),
        ({"firstName": "A", "emails": [{"type": "pager", "value": "a@b.co"}]}, "emails[0].type"),
        ({"firstName": "A", "phones": [{"type": "work"}]}, "phones[0].value"),
        ({"firstName": "A", "emails": "a@b.co"}, "emails"),
        ({"firstName": "A", "address": "Dallas"}, "address"),
    ],
)
async def test_customer_validation(api: Api, body: dict[str, Any], path: str) -> None:
    status, _, answer = await api.call("POST", "/customers", json_body=body)
    assert status == 400
    assert answer is not None
    assert path in {e["path"] for e in answer["_embedded"]["errors"]}


async def test_put_validation_and_404(api: Api) -> None:
    status, _, _ = await api.call("PUT", "/customers/201", json_body={"lastName": "y" * 50})
    assert status == 400
    status, _, _ = await api.call("PUT", "/customers/999", json_body={"firstName": "x"})
    assert status == 404


async def test_directory(api: Api) -> None:
    mailboxes = await api.get("/mailboxes")
    assert [m["id"] for m in mailboxes["_embedded"]["mailboxes"]] == [1, 2]
    assert (await api.get("/mailboxes/2"))["name"] == "Box 2"
    folders = await api.get("/mailboxes/2/folders")
    assert [f["id"] for f in folders["_embedded"]["folders"]] == [12, 22]
    fields = await api.get("/mailboxes/1/fields")
    assert [f["id"] for f in fields["_embedded"]["fields"]] == [31, 51]
    assert await api.ids("/users", "users") == [101, 102, 103]
    assert await api.ids("/users", "users", mailbox=2) == [102]  # owns a folder there
    op = {"op": "replace", "path": "/assignTo", "value": 103}
    assert (await api.call("PATCH", "/conversations/1", json_body=op))[0] == 204
    assert await api.ids("/users", "users", mailbox=2) == [102, 103]  # works there now
    assert await api.ids("/users", "users", mailbox=9) == []
    assert await api.ids("/users", "users", email="ALT103@acme.test") == [103]
    assert (await api.get("/users/me"))["id"] == 101
    assert (await api.get("/users/102"))["firstName"] == "User102"
    assert await api.ids("/teams", "teams") == [301]
    assert await api.ids("/teams/301/members", "users") == [101, 103]
    assert await api.ids("/tags", "tags") == [401]
    assert await api.ids("/workflows", "workflows") == [501]
    assert await api.ids("/workflows", "workflows", mailboxId=2) == []
