"""Every Docs API operation: the request it sends (method, path, query, body, auth).

aioresponses stands in for the API; each case names the client call, what must go over
the wire, and a canned answer whose structuring is checked too.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from _unit_support import fixture
from aioresponses import aioresponses

import helpscout_async as hs
from helpscout_async.catalog import endpoints
from helpscout_async.models import (
    Article,
    ArticleRef,
    ArticleRevision,
    ArticleRevisionRef,
    ArticleSearchResult,
    DocsAsset,
    DocsCategory,
    DocsCollection,
    Redirect,
    RedirectedUrl,
    Site,
    SiteRestrictions,
)

API = "https://docsapi.helpscout.net"
KEY = "docs-KEY-5c1e9a7f3b"
FAST = hs.RateLimit(per_minute=100_000, window=1.0, write_weight=1, writes_per_burst=None)

A = "5214c77c45667acd25394b51"  # an article / any 24-hex id
C = "5214c83d45667acd25394b53"  # a collection
G = "5214c83d45667acd25394b54"  # a category
S = "52404efc4566740003092640"  # a site
R = "573dfa41951c0e2ad08ab695"  # a redirect / revision


def page(key: str | None, item: Any) -> Any:
    body = {"page": 1, "pages": 1, "count": 1, "items": [item]}
    return body if key is None else {key: body}


def docs(name: str) -> Any:
    return fixture(name, "docs")


LOCATION = {"Location": f"{API}/v1/things/{A}"}
Call = Callable[[hs.Docs], Awaitable[Any]]

# (id, call, method, path, query, body, status, answer, headers, check of the result)
CASES: list[tuple[str, Call, str, str, dict[str, str], Any, int, Any, dict[str, str], Any]] = [
    (
        "articles.list",
        lambda d: d.articles.list(
            C, status="published", sort="name", order="asc", page_size=20
        ).collect(),
        "GET",
        f"/v1/collections/{C}/articles",
        {"status": "published", "sort": "name", "order": "asc", "pageSize": "20", "page": "1"},
        None,
        200,
        page("articles", docs("article_object")),
        {},
        lambda r: isinstance(r[0], ArticleRef),
    ),
    (
        "articles.list_in_category",
        lambda d: d.articles.list_in_category(G).collect(),
        "GET",
        f"/v1/categories/{G}/articles",
        {"page": "1"},
        None,
        200,
        page("articles", docs("article_object")),
        {},
        lambda r: r[0].number == 125,
    ),
    (
        "articles.search",
        lambda d: d.articles.search(
            "billing", collection_id=C, site_id=S, status="all", visibility="public"
        ).collect(),
        "GET",
        "/v1/search/articles",
        {
            "query": "billing",
            "collectionId": C,
            "siteId": S,
            "status": "all",
            "visibility": "public",
            "page": "1",
        },
        None,
        200,
        page("articles", docs("article_search_object")),
        {},
        lambda r: isinstance(r[0], ArticleSearchResult),
    ),
    (
        "articles.related",
        lambda d: d.articles.related(A, sort="popularity").collect(),
        "GET",
        f"/v1/articles/{A}/related",
        {"sort": "popularity", "page": "1"},
        None,
        200,
        page("articles", docs("article_object")),
        {},
        lambda r: len(r) == 1,
    ),
    (
        "articles.revisions",
        lambda d: d.articles.revisions(A).collect(),
        "GET",
        f"/v1/articles/{A}/revisions",
        {"page": "1"},
        None,
        200,
        docs("revision_list"),
        {},
        lambda r: isinstance(r[0], ArticleRevisionRef),
    ),
    (
        "articles.get",
        lambda d: d.articles.get(A, draft=True),
        "GET",
        f"/v1/articles/{A}",
        {"draft": "true"},
        None,
        200,
        docs("article_get"),
        {},
        lambda r: isinstance(r, Article) and r.text == "Text of the article goes here.",
    ),
    (
        "articles.get (number)",
        lambda d: d.articles.get(121),
        "GET",
        "/v1/articles/121",
        {},
        None,
        200,
        docs("article_get"),
        {},
        lambda r: r.number == 121,
    ),
    (
        "articles.get_revision",
        lambda d: d.articles.get_revision(R),
        "GET",
        f"/v1/revisions/{R}",
        {},
        None,
        200,
        docs("revision_get"),
        {},
        lambda r: isinstance(r, ArticleRevision) and r.created_by.first_name == "John",
    ),
    (
        "articles.create",
        lambda d: d.articles.create(
            collection_id="5214c77c45667acd25394b51",
            status="published",
            slug="my-article",
            name="My Article",
            text="Text of the article goes here.",
            categories=["5214c83d45667acd25394b54"],
            related=["521509f145667acd25394b5b", "521509f145667acd25394b5d"],
            keywords=["return", "billing"],
        ),
        "POST",
        "/v1/articles",
        {},
        docs("request_article_create"),
        201,
        None,
        LOCATION,
        lambda r: r == A,
    ),
    (
        "articles.create (reload)",
        lambda d: d.articles.create(collection_id=C, name="n", text="t", reload=True),
        "POST",
        "/v1/articles",
        {"reload": "true"},
        {"collectionId": C, "name": "n", "text": "t"},
        201,
        docs("article_get"),
        LOCATION,
        lambda r: isinstance(r, Article),
    ),
    (
        "articles.update",
        lambda d: d.articles.update(
            A,
            status="published",
            slug="my-article",
            name="My Article",
            text="Text of the article goes here.",
            categories=["5214c83d45667acd25394b54"],
            related=["521509f145667acd25394b5b", "521509f145667acd25394b5d"],
        ),
        "PUT",
        f"/v1/articles/{A}",
        {},
        docs("request_article_update"),
        200,
        None,
        {},
        lambda r: r is None,
    ),
    (
        "articles.update (reload)",
        lambda d: d.articles.update(A, text="x", reload=True),
        "PUT",
        f"/v1/articles/{A}",
        {"reload": "true"},
        {"text": "x"},
        200,
        docs("article_get"),
        {},
        lambda r: r.id == "5215163545667acd25394b5c",
    ),
    (
        "articles.update_views",
        lambda d: d.articles.update_views(A, 5),
        "PUT",
        f"/v1/articles/{A}/views",
        {},
        {"count": 5},
        200,
        None,
        {},
        lambda r: r is None,
    ),
    (
        "articles.delete",
        lambda d: d.articles.delete(A),
        "DELETE",
        f"/v1/articles/{A}",
        {},
        None,
        200,
        None,
        {},
        lambda r: r is None,
    ),
    (
        "articles.save_draft",
        lambda d: d.articles.save_draft(A, "Text of the article draft goes here."),
        "PUT",
        f"/v1/articles/{A}/drafts",
        {},
        docs("request_article_draft_save"),
        200,
        None,
        {},
        lambda r: r is None,
    ),
    (
        "articles.delete_draft",
        lambda d: d.articles.delete_draft(A),
        "DELETE",
        f"/v1/articles/{A}/drafts",
        {},
        None,
        200,
        None,
        {},
        lambda r: r is None,
    ),
    (
        "categories.list",
        lambda d: d.categories.list(C, sort="name", order="desc").collect(),
        "GET",
        f"/v1/collections/{C}/categories",
        {"sort": "name", "order": "desc", "page": "1"},
        None,
        200,
        docs("category_list"),
        {},
        lambda r: isinstance(r[0], DocsCategory),
    ),
    (
        "categories.get",
        lambda d: d.categories.get(133),
        "GET",
        "/v1/categories/133",
        {},
        None,
        200,
        docs("category_get"),
        {},
        lambda r: r.number == 133,
    ),
    (
        "categories.create",
        lambda d: d.categories.create(
            collection_id="5214c83d45667acd25394b53",
            name="My Category",
            slug="my-category",
            visibility="public",
            order=1,
            default_sort="name",
        ),
        "POST",
        "/v1/categories",
        {},
        docs("request_category_create"),
        201,
        None,
        LOCATION,
        lambda r: r == A,
    ),
    (
        "categories.update",
        lambda d: d.categories.update(
            G,
            name="My Category",
            slug="my-category",
            visibility="public",
            order=1,
            default_sort="name",
        ),
        "PUT",
        f"/v1/categories/{G}",
        {},
        docs("request_category_update"),
        200,
        None,
        {},
        lambda r: r is None,
    ),
    (
        "categories.update_order",
        lambda d: d.categories.update_order(
            C,
            ["522f91631ef00a6bca026c9f", "522f998e1ef00a6bca026ca2", "522f91311ef00a6bca026c9e"],
        ),
        "PUT",
        f"/v1/collections/{C}/categories",
        {},
        docs("request_category_order_update"),
        200,
        None,
        {},
        lambda r: r is None,
    ),
    (
        "categories.delete",
        lambda d: d.categories.delete(G),
        "DELETE",
        f"/v1/categories/{G}",
        {},
        None,
        200,
        None,
        {},
        lambda r: r is None,
    ),
    (
        "collections.list",
        lambda d: d.collections.list(site_id=S, visibility="all", sort="name").collect(),
        "GET",
        "/v1/collections",
        {"siteId": S, "visibility": "all", "sort": "name", "page": "1"},
        None,
        200,
        page("collections", docs("collection_object")),
        {},
        lambda r: isinstance(r[0], DocsCollection),
    ),
    (
        "collections.get",
        lambda d: d.collections.get(C),
        "GET",
        f"/v1/collections/{C}",
        {},
        None,
        200,
        docs("collection_get"),
        {},
        lambda r: r.site_id == "52404efc4566740003092640",
    ),
    (
        "collections.create",
        lambda d: d.collections.create(
            site_id="52404efc4566740003092640", name="My Collection", visibility="public", order=1
        ),
        "POST",
        "/v1/collections",
        {},
        docs("request_collection_create"),
        201,
        None,
        LOCATION,
        lambda r: r == A,
    ),
    (
        "collections.update",
        lambda d: d.collections.update(C, name="My Collection", visibility="public", order=1),
        "PUT",
        f"/v1/collections/{C}",
        {},
        docs("request_collection_update"),
        200,
        None,
        {},
        lambda r: r is None,
    ),
    (
        "collections.delete",
        lambda d: d.collections.delete(C),
        "DELETE",
        f"/v1/collections/{C}",
        {},
        None,
        200,
        None,
        {},
        lambda r: r is None,
    ),
    (
        "redirects.list",
        lambda d: d.redirects.list(S).collect(),
        "GET",
        f"/v1/redirects/site/{S}",
        {"page": "1"},
        None,
        200,
        docs("redirect_list"),
        {},
        lambda r: isinstance(r[0], Redirect),
    ),
    (
        "redirects.get",
        lambda d: d.redirects.get(R),
        "GET",
        f"/v1/redirects/{R}",
        {},
        None,
        200,
        docs("redirect_get"),
        {},
        lambda r: r.modified_by == 4577,
    ),
    (
        "redirects.find",
        lambda d: d.redirects.find("/old/path#section-1", site_id=S),
        "GET",
        "/v1/redirects",
        {"url": "/old/path#section-1", "siteId": S},
        None,
        200,
        docs("redirect_find"),
        {},
        lambda r: isinstance(r, RedirectedUrl) and r.anchor == "section-1",
    ),
    (
        "redirects.find (none)",
        lambda d: d.redirects.find("/nothing", site_id=S),
        "GET",
        "/v1/redirects",
        {"url": "/nothing", "siteId": S},
        None,
        200,
        {"redirectedUrl": None},
        {},
        lambda r: r is None,
    ),
    (
        "redirects.create",
        lambda d: d.redirects.create(
            site_id="52444cc53e3e9bd67a3dc68c",
            url_mapping="/article/22-respond-to-conversations",
            redirect="http://docs.brightwurks.com/article/1746-jamie",
        ),
        "POST",
        "/v1/redirects",
        {},
        docs("request_redirect_create"),
        201,
        None,
        LOCATION,
        lambda r: r == A,
    ),
    (
        "redirects.update",
        lambda d: d.redirects.update(
            R,
            site_id="52444cc53e3e9bd67a3dc68c",
            url_mapping="/redirect/69-respond-to-conversations",
            redirect="http://docs.brightwurks.com/redirect/1746-jamie",
        ),
        "PUT",
        f"/v1/redirects/{R}",
        {},
        docs("request_redirect_update"),
        200,
        None,
        {},
        lambda r: r is None,
    ),
    (
        "redirects.delete",
        lambda d: d.redirects.delete(R),
        "DELETE",
        f"/v1/redirects/{R}",
        {},
        None,
        200,
        None,
        {},
        lambda r: r is None,
    ),
    (
        "sites.list",
        lambda d: d.sites.list().collect(),
        "GET",
        "/v1/sites",
        {"page": "1"},
        None,
        200,
        page(None, docs("site_get")["site"]),
        {},
        lambda r: isinstance(r[0], Site),
    ),
    (
        "sites.get",
        lambda d: d.sites.get(S),
        "GET",
        f"/v1/sites/{S}",
        {},
        None,
        200,
        docs("site_get"),
        {},
        lambda r: r.mailbox_id == 968,
    ),
    (
        "sites.create",
        lambda d: d.sites.create(sub_domain="support", title="Support", company_name="Acme"),
        "POST",
        "/v1/sites",
        {},
        {"subDomain": "support", "title": "Support", "companyName": "Acme"},
        201,
        None,
        LOCATION,
        lambda r: r == A,
    ),
    (
        "sites.update",
        lambda d: d.sites.update(
            S,
            **{
                name: value
                for name, value in {
                    "status": "active",
                    "sub_domain": "helpscout",
                    "cname": "docs.helpscout.net",
                    "has_public_site": True,
                    "title": "Help Scout Support",
                    "logo_url": "http://helpscout.net/logo.png",
                    "logo_width": 174,
                    "logo_height": 40,
                    "fav_icon_url": "http://helpscout.net/favicon.png",
                    "touch_icon_url": "http://helpscout.net/touchicon.png",
                    "home_url": "http://helpscout.net",
                    "home_link_text": "Home",
                    "bg_color": "#444444",
                    "description": "Frequently asked questions and support documentation for "
                    "Help Scout",
                    "has_contact_form": True,
                    "mailbox_id": 968,
                    "style_sheet_url": "http://helpscout.net/docs-style.css",
                }.items()
            },
        ),
        "PUT",
        f"/v1/sites/{S}",
        {},
        {k: v for k, v in docs("request_site_update").items() if v is not None},
        200,
        None,
        {},
        lambda r: r is None,
    ),
    (
        "sites.delete",
        lambda d: d.sites.delete(S),
        "DELETE",
        f"/v1/sites/{S}",
        {},
        None,
        200,
        None,
        {},
        lambda r: r is None,
    ),
    (
        "sites.restrictions",
        lambda d: d.sites.restrictions(S),
        "GET",
        f"/v1/sites/{S}/restricted",
        {},
        None,
        200,
        docs("site_restrictions_get"),
        {},
        lambda r: isinstance(r, SiteRestrictions) and r.enabled is True,
    ),
    (
        "sites.update_restrictions",
        lambda d: d.sites.update_restrictions(
            S, enabled=True, sign_in_url="https://example.com/signin"
        ),
        "PUT",
        f"/v1/sites/{S}/restricted",
        {},
        docs("request_site_restrictions_update"),
        200,
        docs("site_restrictions_update"),
        {},
        lambda r: r.callback_configuration.shared_secret.startswith("xU9z"),
    ),
]


def _pattern(path: str) -> re.Pattern[str]:
    return re.compile(re.escape(API + path) + r"(\?.*)?$")


def _client() -> hs.Docs:
    return hs.Docs(api_key=KEY, rate_limit=FAST, max_wait=5.0)


@pytest.mark.parametrize(
    ("case", "call", "method", "path", "query", "body", "status", "answer", "headers", "check"),
    CASES,
    ids=[c[0] for c in CASES],
)
async def test_request(
    case: str,
    call: Call,
    method: str,
    path: str,
    query: dict[str, str],
    body: Any,
    status: int,
    answer: Any,
    headers: dict[str, str],
    check: Callable[[Any], bool],
    mocked: aioresponses,
) -> None:
    m = mocked
    m.add(_pattern(path), method, status=status, payload=answer, headers=headers)
    async with _client() as client:
        result = await call(client)
    [(sent_method, url, sent)] = [
        (meth, url, c) for (meth, url), made in m.requests.items() for c in made
    ]
    assert sent_method == method
    assert url.path == path
    assert dict(url.query) == query
    data = sent.kwargs.get("data")
    assert (None if data is None else json.loads(data)) == body
    auth = sent.kwargs["headers"]["Authorization"]
    assert auth == "Basic " + base64.b64encode(f"{KEY}:X".encode()).decode()
    assert check(result)


def test_every_docs_row_has_a_case() -> None:
    covered = {c[0].split(" ")[0] for c in CASES}
    rows = {e.call for e in endpoints("docs")}
    assert rows - covered == {
        "articles.upload",
        "assets.create_article_asset",
        "assets.create_settings_asset",
    }  # multipart: tested below


async def test_upload_sends_multipart_with_the_key(mocked: aioresponses) -> None:
    m = mocked
    m.post(_pattern("/v1/articles/upload"), status=201, headers=LOCATION)
    async with _client() as client:
        new_id = await client.articles.upload(
            collection_id=C, file=("guide.md", b"# Hi"), name="Guide", type="markdown"
        )
    [sent] = [c for made in m.requests.values() for c in made]
    assert new_id == A
    form = sent.kwargs["data"]
    fields = {f[0]["name"]: f[2] for f in form._fields}
    assert fields["key"] == KEY
    assert fields["collectionId"] == C
    assert fields["name"] == "Guide"
    assert fields["type"] == "markdown"
    assert fields["file"] == b"# Hi"


async def test_assets_answer_their_link(mocked: aioresponses) -> None:
    m = mocked
    m.post(_pattern("/v1/assets/article"), status=201, payload=docs("asset_article_create"))
    m.post(_pattern("/v1/assets/settings"), status=201, payload={"filelink": "https://x/l.png"})
    async with _client() as client:
        asset = await client.assets.create_article_asset(
            article_id=A, file=("photo.jpg", b"\xff\xd8", "image/jpeg")
        )
        logo = await client.assets.create_settings_asset(
            file=("l.png", b"png"), asset_type="logo", site_id=S
        )
    assert isinstance(asset, DocsAsset)
    assert asset.width == 300
    assert logo.filelink == "https://x/l.png"


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda d: d.articles.get("123"), ValueError),
        (lambda d: d.articles.get(0), ValueError),
        (lambda d: d.articles.get(None), TypeError),
        (lambda d: d.articles.list("nothex").collect(), ValueError),
        (lambda d: d.articles.list(C, page_size=101).collect(), ValueError),
        (lambda d: d.articles.list(C, status="draft").collect(), ValueError),
        (lambda d: d.articles.search("  ").collect(), ValueError),
        (lambda d: d.articles.create(collection_id=C, name="n", text="t", categories=G), TypeError),
        (lambda d: d.articles.update(A), ValueError),
        (lambda d: d.articles.update_views(A, 0), ValueError),
        (lambda d: d.articles.upload(collection_id=C, file=b"x"), TypeError),
        (lambda d: d.categories.update_order(C, []), ValueError),
        (
            lambda d: d.redirects.create(site_id=S, url_mapping="old", redirect="https://x"),
            ValueError,
        ),
        (lambda d: d.sites.update(S, colour="red"), TypeError),
        (lambda d: d.sites.update_restrictions(S, enabled=True), TypeError),
        (
            lambda d: d.assets.create_settings_asset(file=("a", b"b"), asset_type="banner"),
            ValueError,
        ),
    ],
)
async def test_bad_arguments_fail_before_any_request(
    call: Callable[[hs.Docs], Awaitable[Any]], error: type[Exception], mocked: aioresponses
) -> None:
    async with _client() as client:
        with pytest.raises(error):
            await call(client)
    assert not mocked.requests


def test_api_key_from_the_environment_and_never_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HELPSCOUT_DOCS_API_KEY", raising=False)
    with pytest.raises(ValueError, match="HELPSCOUT_DOCS_API_KEY"):
        hs.Docs()
    monkeypatch.setenv("HELPSCOUT_DOCS_API_KEY", KEY)
    client = hs.Docs()
    assert client.base_url == "https://docsapi.helpscout.net/v1"
    assert KEY not in repr(client)
    assert KEY not in repr(client.articles)


def test_docs_budget_follows_the_sites() -> None:
    assert [hs.docs_rate_limit(n).per_minute for n in (1, 2, 3, 9)] == [2000, 3000, 4000, 4000]
    limit = hs.docs_rate_limit(2)
    assert (limit.window, limit.write_weight, limit.writes_per_burst) == (600.0, 1, None)


async def test_errors_in_the_docs_shape_are_typed(mocked: aioresponses) -> None:
    invalid = {
        "code": 400,
        "error": "Input could not be validated",
        "validationErrors": [{"property": "name", "value": "x", "message": "must be unique"}],
    }
    m = mocked
    m.post(_pattern("/v1/articles"), status=400, payload=invalid)
    m.get(_pattern(f"/v1/articles/{A}"), status=404, payload={"code": 404, "error": "Gone"})
    async with _client() as client:
        with pytest.raises(hs.ValidationError) as caught:
            await client.articles.create(collection_id=C, name="x", text="t")
        with pytest.raises(hs.NotFound, match="Gone"):
            await client.articles.get(A)
    [field] = caught.value.errors
    assert field.path == "name"
    assert field.message == "must be unique"
    assert field.rejected_value == "x"
    assert KEY not in str(caught.value)
