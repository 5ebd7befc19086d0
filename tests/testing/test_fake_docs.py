"""The fake Docs API over HTTP, driven by a plain aiohttp session (never the client)."""

from __future__ import annotations

import base64
import json
import struct
import zlib
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import pytest_asyncio

from helpscout_async.testing import FakeHelpScout
from helpscout_async.testing.docs import DocsRateLimits, DocsStore, generate, limit_for_sites

JSON = dict[str, Any]


class Docs:
    """A tiny Docs API caller: Basic auth with the fake's key, JSON in and out."""

    def __init__(self, fake: FakeHelpScout, session: aiohttp.ClientSession) -> None:
        self.fake = fake
        self.session = session
        token = base64.b64encode(f"{fake.docs_api_key}:X".encode()).decode()
        self.auth = {"Authorization": f"Basic {token}"}

    async def call(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        data: Any = None,
        headers: dict[str, str] | None = None,
        **params: Any,
    ) -> tuple[int, Any, dict[str, str]]:
        async with self.session.request(
            method,
            self.fake.docs_base_url + path,
            params={k: str(v) for k, v in params.items()},
            json=body,
            data=data,
            headers=self.auth if headers is None else headers,
        ) as resp:
            raw = await resp.read()
            return resp.status, json.loads(raw) if raw else None, dict(resp.headers)

    async def get(self, path: str, **params: Any) -> Any:
        status, body, _ = await self.call("GET", path, **params)
        assert status == 200, body
        return body


@pytest_asyncio.fixture
async def docs() -> AsyncIterator[Docs]:
    async with (
        FakeHelpScout(seed=3, conversations=2, docs_articles=24) as fake,
        aiohttp.ClientSession() as session,
    ):
        yield Docs(fake, session)


def first(records: dict[str, JSON]) -> JSON:
    return next(iter(records.values()))


# --- auth, envelopes, errors --------------------------------------------------------------


async def test_api_key_is_http_basic_user(docs: Docs) -> None:
    status, body, headers = await docs.call("GET", "/collections", headers={})
    assert status == 401
    assert body == {"code": 401, "error": "Invalid API key"}
    assert headers["WWW-Authenticate"].startswith("Basic")
    wrong = base64.b64encode(b"nope:X").decode()
    status, _, _ = await docs.call(
        "GET", "/collections", headers={"Authorization": f"Basic {wrong}"}
    )
    assert status == 401


async def test_list_envelope_and_rate_headers(docs: Docs) -> None:
    status, body, headers = await docs.call("GET", "/collections")
    assert status == 200
    page = body["collections"]
    assert (page["page"], page["pages"], page["count"]) == (1, 1, 3)
    assert [c["order"] for c in page["items"]] == [1, 2, 3]
    assert sum(c["articleCount"] for c in page["items"]) == 24
    assert headers["X-RateLimit-Limit"] == "2000"
    assert headers["X-RateLimit-Remaining"] == "1999"
    assert 0 < int(headers["X-RateLimit-Reset"]) <= 600


async def test_list_sites_is_not_wrapped(docs: Docs) -> None:
    body = await docs.get("/sites")
    assert set(body) == {"page", "pages", "count", "items"}
    assert body["items"][0]["subDomain"] == "docs"


async def test_page_size_and_pages(docs: Docs) -> None:
    collection = first(docs.fake.docs.store.collections)
    body = await docs.get(f"/collections/{collection['id']}/articles", pageSize=3, page=2)
    page = body["articles"]
    assert page["count"] == 8
    assert page["pages"] == 3
    assert len(page["items"]) == 3
    assert "text" not in page["items"][0]  # ArticleRef
    beyond = await docs.get(f"/collections/{collection['id']}/articles", pageSize=3, page=9)
    assert beyond["articles"]["items"] == []


@pytest.mark.parametrize(
    ("params", "prop"),
    [({"pageSize": 101}, "pageSize"), ({"page": 0}, "page"), ({"sort": "bogus"}, "sort")],
)
async def test_bad_list_parameters_are_validation_errors(
    docs: Docs, params: dict[str, Any], prop: str
) -> None:
    collection = first(docs.fake.docs.store.collections)
    status, body, _ = await docs.call("GET", f"/collections/{collection['id']}/articles", **params)
    assert status == 400
    assert body["code"] == 400
    assert body["validationErrors"][0]["property"] == prop


async def test_sort_and_status_filters(docs: Docs) -> None:
    collection = first(docs.fake.docs.store.collections)
    path = f"/collections/{collection['id']}/articles"
    names = [
        a["name"] for a in (await docs.get(path, sort="name", order="asc"))["articles"]["items"]
    ]
    assert names == sorted(names, key=str.lower)
    published = (await docs.get(path, status="published"))["articles"]["items"]
    assert {a["status"] for a in published} == {"published"}


async def test_unknown_ids_are_404s_in_the_docs_shape(docs: Docs) -> None:
    for path in ("/articles/0123456789abcdef01234567", "/collections/nothex", "/sites/x"):
        status, body, _ = await docs.call("GET", path)
        assert status == 404
        assert set(body) == {"code", "error"}


async def test_get_by_number(docs: Docs) -> None:
    article = first(docs.fake.docs.store.articles)
    body = await docs.get(f"/articles/{article['number']}")
    assert body["article"]["id"] == article["id"]
    collection = first(docs.fake.docs.store.collections)
    assert (await docs.get(f"/collections/{collection['number']}"))["collection"]["id"] == (
        collection["id"]
    )


# --- articles -----------------------------------------------------------------------------


async def test_article_crud_round_trip(docs: Docs) -> None:
    store = docs.fake.docs.store
    collection = first(store.collections)
    category = next(c for c in store.categories.values() if c["collectionId"] == collection["id"])
    new = {
        "collectionId": collection["id"],
        "name": "Brand new",
        "text": "<p>Hello</p>",
        "status": "published",
        "categories": [category["id"]],
    }
    status, body, headers = await docs.call("POST", "/articles", body=new)
    assert status == 201
    assert body is None
    new_id = headers["Location"].rsplit("/", 1)[1]
    assert headers["Location"] == f"{docs.fake.docs_base_url}/articles/{new_id}"
    article = (await docs.get(f"/articles/{new_id}"))["article"]
    assert article["slug"] == "brand-new"
    assert article["updatedAt"] is None
    status, body, _ = await docs.call(
        "PUT", f"/articles/{new_id}", body={"text": "<p>Two</p>"}, reload="true"
    )
    assert status == 200
    assert body["article"]["text"] == "<p>Two</p>"
    assert body["article"]["updatedBy"] == store.user_id
    revisions = (await docs.get(f"/articles/{new_id}/revisions"))["revisions"]["items"]
    assert len(revisions) == 2
    assert "text" not in revisions[0]
    newest = (await docs.get(f"/revisions/{revisions[0]['id']}"))["revision"]
    assert newest["text"] == "<p>Two</p>"
    assert newest["createdBy"]["id"] == store.user_id
    status, _, _ = await docs.call("DELETE", f"/articles/{new_id}")
    assert status == 200
    status, _, _ = await docs.call("GET", f"/articles/{new_id}")
    assert status == 404


async def test_create_with_reload_returns_the_article(docs: Docs) -> None:
    collection = first(docs.fake.docs.store.collections)
    body = {"collectionId": collection["id"], "name": "Reloaded", "text": "x"}
    status, answer, headers = await docs.call("POST", "/articles", body=body, reload="true")
    assert status == 201
    assert answer["article"]["name"] == "Reloaded"
    assert headers["Location"].endswith(answer["article"]["id"])


@pytest.mark.parametrize(
    ("body", "prop"),
    [
        ({"name": "x", "text": "y"}, "collectionId"),
        ({"collectionId": "0" * 24, "name": "x", "text": "y"}, "collectionId"),
        ({"text": "y"}, "name"),
        ({"name": "x"}, "text"),
        ({"name": "x", "text": "y", "status": "draft"}, "status"),
        ({"name": "x", "text": "y", "categories": ["0" * 24]}, "categories"),
    ],
)
async def test_create_validation(docs: Docs, body: JSON, prop: str) -> None:
    body = {"collectionId": first(docs.fake.docs.store.collections)["id"], **body}
    if prop == "collectionId" and body["collectionId"] != "0" * 24:
        del body["collectionId"]
    status, answer, _ = await docs.call("POST", "/articles", body=body)
    assert status == 400
    assert answer["error"] == "Input could not be validated"
    assert answer["validationErrors"][0]["property"] == prop


async def test_duplicate_name_in_collection_is_refused(docs: Docs) -> None:
    article = first(docs.fake.docs.store.articles)
    body = {"collectionId": article["collectionId"], "name": article["name"], "text": "t"}
    status, answer, _ = await docs.call("POST", "/articles", body=body)
    assert status == 400
    assert answer["validationErrors"][0]["property"] == "name"


async def test_drafts(docs: Docs) -> None:
    article = next(a for a in docs.fake.docs.store.articles.values() if a["status"] == "published")
    path = f"/articles/{article['id']}"
    status, _, _ = await docs.call("PUT", f"{path}/drafts", body={"text": "<p>draft</p>"})
    assert status == 200
    assert (await docs.get(path, draft="true"))["article"]["text"] == "<p>draft</p>"
    live = (await docs.get(path))["article"]
    assert live["text"] != "<p>draft</p>"
    assert live["hasDraft"] is True
    status, _, _ = await docs.call("DELETE", f"{path}/drafts")
    assert status == 200
    assert (await docs.get(path))["article"]["hasDraft"] is False
    status, _, _ = await docs.call("DELETE", f"{path}/drafts")
    assert status == 404


async def test_new_text_on_a_published_article_discards_the_draft(docs: Docs) -> None:
    article = next(a for a in docs.fake.docs.store.articles.values() if a["status"] == "published")
    path = f"/articles/{article['id']}"
    await docs.call("PUT", f"{path}/drafts", body={"text": "later"})
    await docs.call("PUT", path, body={"text": "now"})
    assert (await docs.get(path))["article"]["hasDraft"] is False
    assert article["id"] not in docs.fake.docs.store.drafts


async def test_view_count(docs: Docs) -> None:
    article = first(docs.fake.docs.store.articles)
    before = article["viewCount"]
    await docs.call("PUT", f"/articles/{article['id']}/views")
    await docs.call("PUT", f"/articles/{article['id']}/views", body={"count": 5})
    assert article["viewCount"] == before + 6


async def test_search(docs: Docs) -> None:
    store = docs.fake.docs.store
    target = first(store.articles)
    word = target["name"].split()[-1]
    page = (await docs.get("/search/articles", query=word))["articles"]
    assert target["id"] in [hit["id"] for hit in page["items"]]
    hit = next(h for h in page["items"] if h["id"] == target["id"])
    assert hit["docsUrl"] == f"/docs/{target['collectionId']}/article/{target['id']}"
    assert "<" not in hit["preview"]
    assert len(hit["preview"]) <= 160
    private = (await docs.get("/search/articles", query="*", visibility="private"))["articles"]
    assert {h["visibility"] for h in private["items"]} == {"private"}
    status, body, _ = await docs.call("GET", "/search/articles")
    assert status == 400
    assert body["validationErrors"][0]["property"] == "query"


async def test_related(docs: Docs) -> None:
    article = next(a for a in docs.fake.docs.store.articles.values() if a["related"])
    items = (await docs.get(f"/articles/{article['id']}/related"))["articles"]["items"]
    assert {i["id"] for i in items} == set(article["related"])


async def test_upload_markdown_article(docs: Docs) -> None:
    collection = first(docs.fake.docs.store.collections)
    form = aiohttp.FormData()
    form.add_field("key", docs.fake.docs_api_key)
    form.add_field("collectionId", collection["id"])
    form.add_field("file", b"# Title\n\nSome *text*.", filename="guide.md")
    status, body, headers = await docs.call("POST", "/articles/upload", data=form, reload="true")
    assert status == 201
    assert body["article"]["name"] == "guide"
    assert body["article"]["text"] == "<h1>Title</h1>\n<p>Some *text*.</p>"
    assert headers["Location"].endswith(body["article"]["id"])


async def test_upload_needs_the_key_field(docs: Docs) -> None:
    form = aiohttp.FormData()
    form.add_field("collectionId", first(docs.fake.docs.store.collections)["id"])
    form.add_field("file", b"x", filename="a.html")
    status, body, _ = await docs.call("POST", "/articles/upload", data=form)
    assert status == 400
    assert body["validationErrors"][0]["property"] == "key"


def png(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (
        b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))
    )


async def test_article_asset_reports_image_size(docs: Docs) -> None:
    form = aiohttp.FormData()
    form.add_field("key", docs.fake.docs_api_key)
    form.add_field("articleId", first(docs.fake.docs.store.articles)["id"])
    form.add_field("assetType", "image")
    form.add_field("file", png(300, 100), filename="photo.png")
    status, body, _ = await docs.call("POST", "/assets/article", data=form)
    assert status == 201
    assert (body["width"], body["height"], body["filename"]) == (300, 100, "photo.png")
    assert body["filelink"] in docs.fake.docs.store.assets


async def test_settings_asset_checks_its_type(docs: Docs) -> None:
    form = aiohttp.FormData()
    form.add_field("key", docs.fake.docs_api_key)
    form.add_field("assetType", "banner")
    form.add_field("file", b"x", filename="x.png")
    status, body, _ = await docs.call("POST", "/assets/settings", data=form)
    assert status == 400
    assert body["validationErrors"][0]["property"] == "assetType"


# --- collections, categories, sites, redirects -------------------------------------------


async def test_collection_and_category_round_trip(docs: Docs) -> None:
    site = first(docs.fake.docs.store.sites)
    status, body, headers = await docs.call(
        "POST", "/collections", body={"siteId": site["id"], "name": "New shelf"}, reload="true"
    )
    assert status == 201
    cid = body["collection"]["id"]
    assert body["collection"]["articleCount"] == 0
    ids = []
    for name in ("A", "B"):
        status, _, headers = await docs.call(
            "POST", "/categories", body={"collectionId": cid, "name": name}
        )
        assert status == 201
        ids.append(headers["Location"].rsplit("/", 1)[1])
    order = {"categories": [{"id": ids[0], "order": 2}, {"id": ids[1], "order": 1}]}
    status, _, _ = await docs.call("PUT", f"/collections/{cid}/categories", body=order)
    assert status == 200
    listed = (await docs.get(f"/collections/{cid}/categories"))["categories"]["items"]
    assert [c["name"] for c in listed] == ["B", "A"]
    await docs.call("PUT", f"/categories/{ids[0]}", body={"name": "A2"})
    assert (await docs.get(f"/categories/{ids[0]}"))["category"]["name"] == "A2"
    status, _, _ = await docs.call("DELETE", f"/collections/{cid}")
    assert status == 200
    status, _, _ = await docs.call("GET", f"/categories/{ids[0]}")
    assert status == 404


async def test_collection_name_is_unique(docs: Docs) -> None:
    existing = first(docs.fake.docs.store.collections)
    body = {"siteId": existing["siteId"], "name": existing["name"]}
    status, answer, _ = await docs.call("POST", "/collections", body=body)
    assert status == 400
    assert answer["validationErrors"][0]["property"] == "name"


async def test_site_round_trip_and_restrictions(docs: Docs) -> None:
    status, body, headers = await docs.call(
        "POST", "/sites", body={"subDomain": "more", "title": "More docs"}
    )
    assert status == 201
    sid = headers["Location"].rsplit("/", 1)[1]
    await docs.call("PUT", f"/sites/{sid}", body={"title": "Renamed"})
    assert (await docs.get(f"/sites/{sid}"))["site"]["title"] == "Renamed"
    assert await docs.get(f"/sites/{sid}/restricted") == {"enabled": False}
    restricted = {
        "enabled": True,
        "authentication": "CALLBACK",
        "callbackConfiguration": {"signInUrl": "https://example.com/signin"},
    }
    status, body, _ = await docs.call("PUT", f"/sites/{sid}/restricted", body=restricted)
    assert status == 200
    assert body["callbackConfiguration"]["sharedSecret"]
    assert await docs.get(f"/sites/{sid}/restricted") == body
    status, _, _ = await docs.call("DELETE", f"/sites/{sid}")
    assert status == 200


async def test_redirects(docs: Docs) -> None:
    store = docs.fake.docs.store
    site = first(store.sites)
    page = (await docs.get(f"/redirects/site/{site['id']}"))["redirects"]
    assert page["count"] == 3
    seeded = page["items"][0]
    found = (await docs.get("/redirects", url=seeded["urlMapping"], siteId=site["id"]))[
        "redirectedUrl"
    ]
    assert found["redirect"] == seeded["redirect"]
    assert found["type"] == "article"
    missing = await docs.get("/redirects", url="/never", siteId=site["id"])
    assert missing == {"redirectedUrl": None}
    new = {"siteId": site["id"], "urlMapping": "/a", "redirect": "https://x.test/b"}
    status, _, headers = await docs.call("POST", "/redirects", body=new)
    assert status == 201
    rid = headers["Location"].rsplit("/", 1)[1]
    await docs.call("PUT", f"/redirects/{rid}", body={**new, "urlMapping": "/c"})
    assert (await docs.get(f"/redirects/{rid}"))["redirect"]["urlMapping"] == "/c"
    status, _, _ = await docs.call("POST", "/redirects", body={**new, "urlMapping": "/c"})
    assert status == 400
    status, _, _ = await docs.call("DELETE", f"/redirects/{rid}")
    assert status == 200


# --- rate limit ---------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_rate_limit_429_spends_nothing_and_frees_after_the_window() -> None:
    clock = Clock()
    limits = DocsRateLimits(limit=3, window=6.0)
    async with (
        FakeHelpScout(
            conversations=1, docs_articles=2, docs_rate_limit=limits, clock=clock
        ) as fake,
        aiohttp.ClientSession() as session,
    ):
        docs = Docs(fake, session)
        for left in (2, 1, 0):
            status, _, headers = await docs.call("GET", "/sites")
            assert status == 200
            assert headers["X-RateLimit-Remaining"] == str(left)
        status, body, headers = await docs.call("GET", "/sites")
        assert status == 429
        assert body == {"code": 429, "error": "Rate limit exceeded"}
        assert headers["X-RateLimit-Reset"] == "6.00"
        clock.now += 2.5
        status, _, headers = await docs.call("GET", "/sites")
        assert status == 429
        assert headers["X-RateLimit-Reset"] == "3.50"
        clock.now += 3.5
        status, _, _ = await docs.call("GET", "/sites")
        assert status == 200
        assert fake.docs.metrics.rate_limited == 2
        assert fake.metrics.rate_limited == 0  # the Mailbox budget is another one


def test_limit_follows_the_number_of_sites() -> None:
    assert [limit_for_sites(n) for n in (1, 2, 3, 7)] == [2000, 3000, 4000, 4000]
    store = generate(DocsStore(), sites=2, articles=4)
    fake = FakeHelpScout(conversations=1, docs_store=store)
    assert fake.docs.limiter is not None
    assert fake.docs.limiter.limit == 3000


def test_seed_is_deterministic() -> None:
    one = generate(DocsStore(), seed=5, articles=10)
    two = generate(DocsStore(), seed=5, articles=10)
    other = generate(DocsStore(), seed=6, articles=10)
    assert one.articles == two.articles
    assert one.articles != other.articles
    assert all(a["text"].startswith("<h2>") for a in one.articles.values())
