"""Collection and category handlers: list, get by id or number, create, update, order, delete."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from ._http import (
    choice,
    created,
    flag,
    hex_id,
    invalid,
    not_found,
    page_envelope,
    read_object,
    respond,
    sort_text,
    text_field,
)
from ._state import category_view, collection_view, state_of
from ._store import JSON, DocsStore, now_iso, slugify

VISIBILITIES = ("public", "private")
_COLLECTION_SORTS = {
    k: sort_text(k) for k in ("number", "visibility", "order", "name", "createdAt", "updatedAt")
}
_CATEGORY_SORTS = {
    k: sort_text(k) for k in ("number", "order", "name", "articleCount", "createdAt", "updatedAt")
}


def _fields(body: JSON, record: JSON, *, creating: bool, names: tuple[str, ...]) -> dict[str, Any]:
    """The common fields of a collection or category body, validated."""
    changes: dict[str, Any] = {}
    name = text_field(body, "name", required=creating)
    if name is not None:
        changes["name"] = name
    visibility = body.get("visibility")
    if visibility is not None:
        if visibility not in VISIBILITIES:
            raise invalid("visibility", "must be public or private", visibility)
        changes["visibility"] = visibility
    order = body.get("order")
    if order is not None:
        if not isinstance(order, int) or isinstance(order, bool):
            raise invalid("order", "must be an integer", order)
        changes["order"] = order
    for key in names:
        value = text_field(body, key)
        if value is not None:
            changes[key] = slugify(value) if key == "slug" else value
    if creating and "slug" in names and "slug" not in changes:
        changes["slug"] = slugify(name or "")
    return changes


def _stamp(store: DocsStore, record: JSON, changes: dict[str, Any], *, creating: bool) -> None:
    record.update(changes)
    if not creating:
        record["updatedBy"], record["updatedAt"] = store.user_id, now_iso()


# --- collections --------------------------------------------------------------------------


async def list_collections(request: web.Request) -> web.Response:
    """``GET /v1/collections`` (``siteId``, ``visibility``, ``sort``, ``order``)."""
    store = state_of(request).store
    q = request.query
    visibility = choice(q, "visibility", ("all", *VISIBILITIES), "all")
    records = [
        c
        for c in store.collections.values()
        if (not q.get("siteId") or c.get("siteId") == q["siteId"])
        and (visibility == "all" or c.get("visibility") == visibility)
    ]
    body = page_envelope(
        q,
        records,
        lambda r: collection_view(store, r),
        sort=_COLLECTION_SORTS,
        default_sort="order",
    )
    return respond({"collections": body})


def _collection(store: DocsStore, request: web.Request) -> JSON:
    record = store.collections.get(hex_id(request, what="Collection"))
    if record is None:
        raise not_found("Collection")
    return record


async def get_collection(request: web.Request) -> web.Response:
    """``GET /v1/collections/{idOrNumber}``."""
    store = state_of(request).store
    record = store.find(store.collections, request.match_info["collection_id_or_number"])
    if record is None:
        raise not_found("Collection")
    return respond({"collection": collection_view(store, record)})


def _unique_collection_name(store: DocsStore, name: str | None, own_id: str) -> None:
    if name is not None and any(
        c["name"] == name for c in store.collections.values() if c["id"] != own_id
    ):
        raise invalid("name", "must be unique in the account", name)


async def create_collection(request: web.Request) -> web.Response:
    """``POST /v1/collections``: ``siteId`` and ``name`` required."""
    state = state_of(request)
    store = state.store
    body = await read_object(request)
    site_id = text_field(body, "siteId", required=True)
    if site_id not in store.sites:
        raise invalid("siteId", "unknown site", site_id)
    record: JSON = {"id": store.new_id("collection"), "siteId": site_id}
    changes = _fields(body, record, creating=True, names=("slug", "description"))
    _unique_collection_name(store, changes.get("name"), record["id"])
    number = store.next_number("collection")
    record.update(
        number=number,
        visibility="public",
        order=1,
        description=None,
        createdBy=store.user_id,
        updatedBy=None,
        createdAt=now_iso(),
        updatedAt=None,
    )
    _stamp(store, record, changes, creating=True)
    sub = store.sites[str(site_id)].get("subDomain", "docs")
    record["publicUrl"] = f"https://{sub}.helpscoutdocs.com/collection/{number}-{record['slug']}"
    store.collections[record["id"]] = record
    reload = flag(request.query, body, "reload")
    view = collection_view(store, record) if reload else None
    return created(state.base_url, f"/collections/{record['id']}", "collection", view)


async def update_collection(request: web.Request) -> web.Response:
    """``PUT /v1/collections/{id}``."""
    store = state_of(request).store
    record = _collection(store, request)
    body = await read_object(request)
    changes = _fields(body, record, creating=False, names=("slug", "description"))
    _unique_collection_name(store, changes.get("name"), record["id"])
    site_id = body.get("siteId")
    if site_id is not None:
        if site_id not in store.sites:
            raise invalid("siteId", "unknown site", site_id)
        changes["siteId"] = site_id
    _stamp(store, record, changes, creating=False)
    reload = flag(request.query, body, "reload")
    return respond({"collection": collection_view(store, record)} if reload else None)


async def delete_collection(request: web.Request) -> web.Response:
    """``DELETE /v1/collections/{id}``: its categories and articles go with it."""
    store = state_of(request).store
    store.delete_collection(_collection(store, request)["id"])
    return respond()


# --- categories ---------------------------------------------------------------------------


async def list_categories(request: web.Request) -> web.Response:
    """``GET /v1/collections/{id}/categories`` (``sort``, ``order``)."""
    store = state_of(request).store
    collection = _collection(store, request)
    records = [
        category_view(store, c)
        for c in store.categories.values()
        if c.get("collectionId") == collection["id"]
    ]
    body = page_envelope(
        request.query, records, lambda r: r, sort=_CATEGORY_SORTS, default_sort="order"
    )
    return respond({"categories": body})


def _category(store: DocsStore, request: web.Request) -> JSON:
    record = store.categories.get(hex_id(request, what="Category"))
    if record is None:
        raise not_found("Category")
    return record


async def get_category(request: web.Request) -> web.Response:
    """``GET /v1/categories/{idOrNumber}``."""
    store = state_of(request).store
    record = store.find(store.categories, request.match_info["category_id_or_number"])
    if record is None:
        raise not_found("Category")
    return respond({"category": category_view(store, record)})


_CATEGORY_TEXT = ("slug", "description", "defaultSort")


async def create_category(request: web.Request) -> web.Response:
    """``POST /v1/categories``: ``collectionId`` and ``name`` required."""
    state = state_of(request)
    store = state.store
    body = await read_object(request)
    collection_id = text_field(body, "collectionId", required=True)
    collection = store.collections.get(str(collection_id))
    if collection is None:
        raise invalid("collectionId", "unknown collection", collection_id)
    record: JSON = {"id": store.new_id("category"), "collectionId": collection_id}
    changes = _fields(body, record, creating=True, names=_CATEGORY_TEXT)
    number = store.next_number("category")
    record.update(
        number=number,
        visibility=collection.get("visibility", "public"),
        order=1,
        defaultSort="name",
        description="",
        createdBy=store.user_id,
        updatedBy=None,
        createdAt=now_iso(),
        updatedAt=None,
    )
    _stamp(store, record, changes, creating=True)
    sub = store.sites.get(collection.get("siteId", ""), {}).get("subDomain", "docs")
    record["publicUrl"] = f"https://{sub}.helpscoutdocs.com/category/{number}-{record['slug']}"
    store.categories[record["id"]] = record
    reload = flag(request.query, body, "reload")
    view = category_view(store, record) if reload else None
    return created(state.base_url, f"/categories/{record['id']}", "category", view)


async def update_category(request: web.Request) -> web.Response:
    """``PUT /v1/categories/{id}``."""
    store = state_of(request).store
    record = _category(store, request)
    body = await read_object(request)
    _stamp(
        store, record, _fields(body, record, creating=False, names=_CATEGORY_TEXT), creating=False
    )
    reload = flag(request.query, body, "reload")
    return respond({"category": category_view(store, record)} if reload else None)


async def update_category_order(request: web.Request) -> web.Response:
    """``PUT /v1/collections/{id}/categories``: ``{"categories": [{"id", "order"}, ...]}``."""
    store = state_of(request).store
    collection = _collection(store, request)
    entries = (await read_object(request)).get("categories")
    if not isinstance(entries, list) or not entries:
        raise invalid("categories", "must be a non-empty list of {id, order}", entries)
    orders: dict[str, int] = {}
    for entry in entries:
        cid = entry.get("id") if isinstance(entry, dict) else None
        order = entry.get("order") if isinstance(entry, dict) else None
        category = store.categories.get(str(cid))
        if category is None or category.get("collectionId") != collection["id"]:
            raise invalid("categories", "unknown category of this collection", cid)
        if not isinstance(order, int) or isinstance(order, bool):
            raise invalid("categories", "order must be an integer", order)
        orders[str(cid)] = order
    for cid, order in orders.items():
        store.categories[cid]["order"] = order
    return respond()


async def delete_category(request: web.Request) -> web.Response:
    """``DELETE /v1/categories/{id}``: its articles stay in the collection."""
    store = state_of(request).store
    store.delete_category(_category(store, request)["id"])
    return respond()
