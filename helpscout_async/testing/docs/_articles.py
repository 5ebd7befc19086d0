"""Article handlers: lists, search, related, revisions, CRUD, upload, views and drafts."""

from __future__ import annotations

import html
import re
from typing import Any

from aiohttp import web

from ._http import (
    DocsError,
    choice,
    created,
    flag,
    hex_id,
    id_list,
    invalid,
    not_found,
    page_envelope,
    read_object,
    respond,
    sort_text,
    text_field,
)
from ._state import article_ref, state_of
from ._store import JSON, DocsStore, now_iso, slugify

STATUSES = ("published", "notpublished")
_SORTS = {
    "order": sort_text("number"),
    "number": sort_text("number"),
    "status": sort_text("status"),
    "name": sort_text("name"),
    "popularity": sort_text("popularity"),
    "createdAt": sort_text("createdAt"),
    "updatedAt": sort_text("updatedAt"),
}
_TAGS = re.compile(r"<[^>]+>")


def _status_filter(request: web.Request, records: list[JSON]) -> list[JSON]:
    wanted = choice(request.query, "status", ("all", *STATUSES), "all")
    return records if wanted == "all" else [r for r in records if r.get("status") == wanted]


def _article_page(request: web.Request, records: list[JSON]) -> web.Response:
    body = page_envelope(
        request.query,
        _status_filter(request, records),
        article_ref,
        sort=_SORTS,
        default_sort="order",
        default_order="desc",
    )
    return respond({"articles": body})


def _article(store: DocsStore, request: web.Request) -> JSON:
    article = store.articles.get(hex_id(request, what="Article"))
    if article is None:
        raise not_found("Article")
    return article


async def list_in_collection(request: web.Request) -> web.Response:
    """``GET /v1/collections/{id}/articles``."""
    store = state_of(request).store
    collection_id = hex_id(request, what="Collection")
    if collection_id not in store.collections:
        raise not_found("Collection")
    return _article_page(request, store.articles_in(collection_id))


async def list_in_category(request: web.Request) -> web.Response:
    """``GET /v1/categories/{id}/articles``."""
    store = state_of(request).store
    category_id = hex_id(request, what="Category")
    if category_id not in store.categories:
        raise not_found("Category")
    return _article_page(request, store.articles_of_category(category_id))


async def list_related(request: web.Request) -> web.Response:
    """``GET /v1/articles/{id}/related``."""
    store = state_of(request).store
    article = _article(store, request)
    related = [store.articles[r] for r in article.get("related", ()) if r in store.articles]
    return _article_page(request, related)


def _search_view(store: DocsStore, record: JSON) -> JSON:
    collection = store.collections.get(record["collectionId"], {})
    text = " ".join(html.unescape(_TAGS.sub(" ", record.get("text") or "")).split())
    return {
        "id": record["id"],
        "collectionId": record["collectionId"],
        "categoryIds": list(record.get("categories", ())),
        "slug": record.get("slug"),
        "name": record.get("name"),
        "preview": text[:160],
        "url": record.get("publicUrl"),
        "docsUrl": f"/docs/{record['collectionId']}/article/{record['id']}",
        "number": record.get("number"),
        "status": record.get("status"),
        "visibility": collection.get("visibility", "public"),
    }


async def search(request: web.Request) -> web.Response:
    """``GET /v1/search/articles``: words of ``query`` in the name or text (case-blind)."""
    store = state_of(request).store
    q = request.query
    query = (q.get("query") or "").strip()
    if not query:
        raise invalid("query", "may not be empty")
    visibility = choice(q, "visibility", ("all", "public", "private"), "all")
    words = [w for w in query.lower().split() if w != "*"]
    hits: list[tuple[int, JSON]] = []
    for article in _status_filter(request, list(store.articles.values())):
        collection = store.collections.get(article["collectionId"], {})
        if q.get("collectionId") and article["collectionId"] != q["collectionId"]:
            continue
        if q.get("siteId") and collection.get("siteId") != q["siteId"]:
            continue
        if visibility != "all" and collection.get("visibility") != visibility:
            continue
        haystack = f"{article.get('name', '')} {article.get('text', '')}".lower()
        score = sum(haystack.count(w) for w in words)
        if score or not words:
            hits.append((score, article))
    hits.sort(key=lambda hit: (-hit[0], hit[1].get("number", 0)))
    body = page_envelope(q, [a for _, a in hits], lambda r: _search_view(store, r))
    return respond({"articles": body})


async def list_revisions(request: web.Request) -> web.Response:
    """``GET /v1/articles/{id}/revisions``: newest first, without their text."""
    store = state_of(request).store
    article = _article(store, request)
    revisions = list(reversed(store.revisions.get(article["id"], [])))
    body = page_envelope(
        request.query, revisions, lambda r: {k: v for k, v in r.items() if k != "text"}
    )
    return respond({"revisions": body})


async def get_revision(request: web.Request) -> web.Response:
    """``GET /v1/revisions/{id}``."""
    store = state_of(request).store
    revision_id = hex_id(request, what="Revision")
    for revisions in store.revisions.values():
        for revision in revisions:
            if revision["id"] == revision_id:
                return respond({"revision": revision})
    raise not_found("Revision")


def _view(store: DocsStore, article: JSON, draft: bool = False) -> JSON:
    view = dict(article)
    if draft and article["id"] in store.drafts:
        view["text"] = store.drafts[article["id"]]
    return view


async def get_article(request: web.Request) -> web.Response:
    """``GET /v1/articles/{idOrNumber}`` (``draft=true`` for the draft's text)."""
    store = state_of(request).store
    article = store.find(store.articles, request.match_info["article_id_or_number"])
    if article is None:
        raise not_found("Article")
    return respond({"article": _view(store, article, flag(request.query, None, "draft"))})


def _revise(store: DocsStore, article: JSON, text: str, stamp: str) -> None:
    store.revisions.setdefault(article["id"], []).append(
        {
            "id": store.new_id("revision"),
            "articleId": article["id"],
            "text": text,
            "createdBy": store.person(),
            "createdAt": stamp,
        }
    )


def _apply(store: DocsStore, article: JSON, body: JSON, *, creating: bool) -> None:
    """Validate ``body`` and write its fields into ``article`` (all or nothing)."""
    changes: dict[str, Any] = {}
    name = text_field(body, "name", required=creating)
    if name is not None:
        if not name.strip():
            raise invalid("name", "may not be empty", name)
        clash = any(
            a["name"] == name and a["collectionId"] == article["collectionId"]
            for a in store.articles.values()
            if a["id"] != article["id"]
        )
        if clash:
            raise invalid("name", "must be unique within the collection", name)
        changes["name"] = name
    text = text_field(body, "text", required=creating, allow_empty=not creating)
    if text is not None:
        changes["text"] = text
    status = body.get("status")
    if status is not None:
        if status not in STATUSES:
            raise invalid("status", "must be published or notpublished", status)
        changes["status"] = status
    slug = text_field(body, "slug")
    if slug is not None:
        changes["slug"] = slugify(slug)
    elif creating:
        changes["slug"] = slugify(name or "")
    mine = {
        c["id"]: c
        for c in store.categories.values()
        if c.get("collectionId") == article["collectionId"]
    }
    for key, known in (("categories", mine), ("related", store.articles)):
        ids = id_list(body, key, known)
        if ids is not None:
            changes[key] = [i for i in ids if i != article["id"]]
    keywords = body.get("keywords")
    if keywords is not None:
        if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
            raise invalid("keywords", "must be a list of strings", keywords)
        changes["keywords"] = keywords
    stamp = now_iso()
    was_published = article.get("status") == "published"
    article.update(changes)
    if not creating:
        article["updatedBy"], article["updatedAt"] = store.user_id, stamp
    published = article.get("status") == "published"
    if published and ("text" in changes or not was_published):
        store.drafts.pop(article["id"], None)  # publishing or a new text discards the draft
        article["hasDraft"] = False
        article["lastPublishedAt"] = stamp
    if "text" in changes:
        _revise(store, article, changes["text"], stamp)


def _new_article(store: DocsStore, collection_id: str) -> JSON:
    collection = store.collections[collection_id]
    site = store.sites.get(collection.get("siteId", ""), {})
    number = store.next_number("article")
    return {
        "id": store.new_id("article"),
        "number": number,
        "collectionId": collection_id,
        "status": "notpublished",
        "hasDraft": False,
        "categories": [],
        "related": [],
        "keywords": [],
        "publicUrl": f"https://{site.get('subDomain', 'docs')}.helpscoutdocs.com/article/{number}",
        "popularity": 0.0,
        "viewCount": 0,
        "createdBy": store.user_id,
        "updatedBy": None,
        "createdAt": now_iso(),
        "updatedAt": None,
        "lastPublishedAt": None,
    }


def _collection_of(store: DocsStore, body: JSON) -> str:
    collection_id = text_field(body, "collectionId", required=True)
    if collection_id not in store.collections:
        raise invalid("collectionId", "unknown collection", collection_id)
    return str(collection_id)


def _finish_create(
    request: web.Request, store: DocsStore, article: JSON, reload: bool
) -> web.Response:
    article["publicUrl"] += f"-{article['slug']}"
    store.articles[article["id"]] = article
    base = state_of(request).base_url
    return created(base, f"/articles/{article['id']}", "article", dict(article) if reload else None)


async def create_article(request: web.Request) -> web.Response:
    """``POST /v1/articles`` (``reload=true`` answers with the article)."""
    store = state_of(request).store
    body = await read_object(request)
    article = _new_article(store, _collection_of(store, body))
    _apply(store, article, body, creating=True)
    return _finish_create(request, store, article, flag(request.query, body, "reload"))


async def update_article(request: web.Request) -> web.Response:
    """``PUT /v1/articles/{id}`` (``reload=true`` answers with the article)."""
    store = state_of(request).store
    article = _article(store, request)
    body = await read_object(request)
    draft = dict(article)
    _apply(store, draft, body, creating=False)
    article.update(draft)
    return respond({"article": dict(article)} if flag(request.query, body, "reload") else None)


def _markdown(text: str) -> str:
    """Just enough Markdown for uploads: ``#`` headings and paragraphs."""
    out = []
    for block in re.split(r"\n\s*\n", text.strip()):
        heading = re.match(r"(#{1,6})\s+(.*)", block)
        if heading:
            level = len(heading[1])
            out.append(f"<h{level}>{html.escape(heading[2])}</h{level}>")
        elif block:
            out.append(f"<p>{html.escape(' '.join(block.split()))}</p>")
    return "\n".join(out)


async def upload_article(request: web.Request) -> web.Response:
    """``POST /v1/articles/upload``: multipart with ``key``, ``collectionId`` and ``file``."""
    state = state_of(request)
    store = state.store
    form = await request.post()
    key = form.get("key")
    if not isinstance(key, str) or not key:
        raise invalid("key", "may not be empty")
    if key != state.api_key:
        raise DocsError(401, "Invalid API key")
    upload = form.get("file")
    if not isinstance(upload, web.FileField):
        raise invalid("file", "must be a file")
    fields: JSON = {k: v for k, v in form.items() if isinstance(v, str)}
    raw = upload.file.read().decode("utf-8", errors="replace")
    kind = fields.get("type") or ("markdown" if upload.filename.endswith(".md") else "html")
    if kind not in ("html", "text", "markdown"):
        raise invalid("type", "must be html, text or markdown", kind)
    text = {
        "html": raw,
        "text": "".join(f"<p>{html.escape(p)}</p>" for p in raw.split("\n\n") if p.strip()),
        "markdown": _markdown(raw),
    }[kind]
    stem = upload.filename.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "Untitled"
    body: JSON = {"name": fields.get("name") or stem, "text": text, "slug": fields.get("slug")}
    article = _new_article(store, _collection_of(store, fields))
    if fields.get("categoryId"):
        body["categories"] = [fields["categoryId"]]
    _apply(store, article, body, creating=True)
    return _finish_create(request, store, article, flag(request.query, fields, "reload"))


async def update_views(request: web.Request) -> web.Response:
    """``PUT /v1/articles/{id}/views``: add ``count`` (default 1) to the view count."""
    store = state_of(request).store
    article = _article(store, request)
    body = await read_object(request) if request.can_read_body else {}
    count = request.query.get("count", body.get("count", 1))
    try:
        amount = int(count)
    except (TypeError, ValueError):
        raise invalid("count", "must be an integer", count) from None
    if amount < 1:
        raise invalid("count", "must be at least 1", amount)
    article["viewCount"] = int(article.get("viewCount", 0)) + amount
    return respond()


async def delete_article(request: web.Request) -> web.Response:
    """``DELETE /v1/articles/{id}``."""
    store = state_of(request).store
    store.delete_article(_article(store, request)["id"])
    return respond()


async def save_draft(request: web.Request) -> web.Response:
    """``PUT /v1/articles/{id}/drafts``: body ``{"text": ...}``."""
    store = state_of(request).store
    article = _article(store, request)
    text = text_field(await read_object(request), "text", required=True)
    store.drafts[article["id"]] = str(text)
    article["hasDraft"] = True
    return respond()


async def delete_draft(request: web.Request) -> web.Response:
    """``DELETE /v1/articles/{id}/drafts``."""
    store = state_of(request).store
    article = _article(store, request)
    if store.drafts.pop(article["id"], None) is None:
        raise not_found("Draft")
    article["hasDraft"] = False
    return respond()
