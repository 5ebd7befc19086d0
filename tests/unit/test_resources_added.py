"""Operations added on the operation table: tags.get, ratings.get, workflows.run; request()."""

from __future__ import annotations

from typing import Any

import pytest
from _unit_support import API, body_of, calls, fixture, make_client
from aioresponses import aioresponses

import helpscout_async as hs

# -- tags.get ----------------------------------------------------------------------------------


async def test_tags_get(mocked: aioresponses) -> None:
    mocked.get(f"{API}/tags/1", payload=fixture("tag_get"))
    async with make_client() as client:
        tag = await client.tags.get(1)
    assert (tag.id, tag.name, tag.slug) == (1, "Dark Side", "dark-side")
    assert len(calls(mocked, "GET", f"{API}/tags/1")) == 1


# -- ratings.get -------------------------------------------------------------------------------


async def test_ratings_get(mocked: aioresponses) -> None:
    mocked.get(f"{API}/ratings/1", payload=fixture("rating_get"))
    async with make_client() as client:
        rating = await client.ratings.get(1)
    assert (rating.id, rating.rating, rating.thread_id) == (1, "great", 10)
    assert rating.customer is not None
    assert rating.customer.first_name == "Happy"


@pytest.mark.parametrize("call", ["tags", "ratings"])
@pytest.mark.parametrize(("bad", "error"), [("1", TypeError), (0, ValueError), (True, TypeError)])
async def test_get_checks_the_id(
    mocked: aioresponses, call: str, bad: Any, error: type[Exception]
) -> None:
    async with make_client() as client:
        with pytest.raises(error, match=f"{call[:-1]}_id must be a positive int id"):
            await getattr(client, call).get(bad)
    assert not mocked.requests


# -- workflows.run -----------------------------------------------------------------------------


async def test_workflows_run_sends_the_documented_body(mocked: aioresponses) -> None:
    mocked.post(f"{API}/workflows/20/run", status=204)
    async with make_client() as client:
        assert await client.workflows.run(20, [123, 743]) == 1
    (sent,) = calls(mocked, "POST", f"{API}/workflows/20/run")
    assert body_of(sent) == fixture("request_workflow_run")


async def test_workflows_run_is_not_resent_after_a_server_error(
    mocked: aioresponses, fast_backoff: list[int]
) -> None:
    mocked.post(f"{API}/workflows/20/run", status=503, repeat=True)
    async with make_client() as client:
        with pytest.raises(hs.ServerError):
            await client.workflows.run(20, [1])
    assert len(calls(mocked, "POST", f"{API}/workflows/20/run")) == 1


@pytest.mark.parametrize(
    ("ids", "error", "match"),
    [
        ([], ValueError, "at least one"),
        ([1, 0], ValueError, "conversation_ids must be a positive int id"),
        (["7"], TypeError, "conversation_ids must be a positive int id"),
    ],
)
async def test_workflows_run_checks_its_arguments(
    mocked: aioresponses, ids: list[Any], error: type[Exception], match: str
) -> None:
    async with make_client() as client:
        with pytest.raises(error, match=match):
            await client.workflows.run(20, ids)
        with pytest.raises(ValueError, match="workflow_id must be a positive int id"):
            await client.workflows.run(-1, [1])
    assert not mocked.requests


# -- client.request ----------------------------------------------------------------------------


async def test_request_reaches_versioned_and_relative_paths(mocked: aioresponses) -> None:
    mocked.get("https://api.helpscout.net/v3/system-users?page=2", payload={"ok": 3})
    mocked.get(f"{API}/tags/5", payload={"id": 5})
    mocked.put(f"{API}/mailboxes/1/routing", status=204)
    async with make_client() as client:
        assert await client.request("GET", "/v3/system-users", params={"page": 2}) == {"ok": 3}
        assert await client.request("get", "/tags/5") == {"id": 5}
        assert await client.request("PUT", "/v2/mailboxes/1/routing", json={"a": [1]}) is None
    (put,) = calls(mocked, "PUT", f"{API}/mailboxes/1/routing")
    assert body_of(put) == {"a": [1]}
    assert put.kwargs["headers"]["Authorization"].startswith("Bearer ")


async def test_request_retries_and_raises_like_any_call(
    mocked: aioresponses, fast_backoff: list[int]
) -> None:
    url = f"{API}/conversations/9"
    mocked.get(url, status=500)
    mocked.get(url, payload={"id": 9})
    mocked.post(f"{API}/conversations/9/notes", status=500)
    mocked.get(f"{API}/nope", status=404, payload={"message": "Resource not found"})
    async with make_client() as client:
        assert await client.request("GET", "/v2/conversations/9") == {"id": 9}
        with pytest.raises(hs.ServerError):
            await client.request("POST", "/v2/conversations/9/notes", json={"text": "x"})
        with pytest.raises(hs.NotFound, match="GET /v2/nope -> 404: Resource not found"):
            await client.request("GET", "/v2/nope")
    assert len(calls(mocked, "GET", url)) == 2
    assert len(calls(mocked, "POST", f"{API}/conversations/9/notes")) == 1


@pytest.mark.parametrize(
    ("method", "path", "error", "match"),
    [
        ("TRACE", "/v2/x", ValueError, "method must be one of GET, POST"),
        ("GET", "v2/x", ValueError, "path must start with '/'"),
        ("GET", "https://evil.example.com/v2/x", ValueError, "refusing to send the bearer token"),
        ("GET", 3, TypeError, "path must be a str"),
    ],
)
async def test_request_refuses_bad_input(
    mocked: aioresponses, method: str, path: Any, error: type[Exception], match: str
) -> None:
    async with make_client() as client:
        with pytest.raises(error, match=match):
            await client.request(method, path)
    assert not mocked.requests
