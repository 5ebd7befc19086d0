"""Site, site restriction, redirect and asset handlers."""

from __future__ import annotations

import secrets
import struct
from typing import Any

from aiohttp import web

from ._http import (
    DocsError,
    created,
    flag,
    hex_id,
    invalid,
    not_found,
    page_envelope,
    read_object,
    respond,
    text_field,
)
from ._state import state_of
from ._store import JSON, DocsStore, now_iso

_SITE_TEXT = (
    "subDomain",
    "cname",
    "companyName",
    "title",
    "logoUrl",
    "favIconUrl",
    "touchIconUrl",
    "homeUrl",
    "homeLinkText",
    "bgColor",
    "description",
    "contactEmail",
    "styleSheetUrl",
    "headerCode",
)
_SITE_BOOL = ("hasPublicSite", "hasContactForm")
_SITE_INT = ("logoWidth", "logoHeight", "mailboxId")


def _site_fields(body: JSON) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    status = body.get("status")
    if status is not None:
        if status not in ("active", "inactive"):
            raise invalid("status", "must be active or inactive", status)
        changes["status"] = status
    for key in _SITE_TEXT:
        if key in body:
            value = body[key]
            if value is not None and not isinstance(value, str):
                raise invalid(key, "must be a string", value)
            changes[key] = value
    for key, kind in [(k, bool) for k in _SITE_BOOL] + [(k, int) for k in _SITE_INT]:
        if key in body and body[key] is not None:
            value = body[key]
            if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
                raise invalid(key, f"must be a{'n integer' if kind is int else ' boolean'}", value)
            changes[key] = value
    return changes


def _site(store: DocsStore, request: web.Request) -> JSON:
    record = store.sites.get(hex_id(request, what="Site"))
    if record is None:
        raise not_found("Site")
    return record


def _unique_subdomain(store: DocsStore, changes: dict[str, Any], own_id: str) -> None:
    sub = changes.get("subDomain")
    if sub is not None and any(
        s.get("subDomain") == sub for s in store.sites.values() if s["id"] != own_id
    ):
        raise invalid("subDomain", "is already taken", sub)


async def list_sites(request: web.Request) -> web.Response:
    """``GET /v1/sites``: the page is not wrapped in a ``sites`` key."""
    store = state_of(request).store
    return respond(page_envelope(request.query, list(store.sites.values()), dict))


async def get_site(request: web.Request) -> web.Response:
    """``GET /v1/sites/{id}``."""
    return respond({"site": _site(state_of(request).store, request)})


async def create_site(request: web.Request) -> web.Response:
    """``POST /v1/sites``: ``subDomain`` and ``title`` required."""
    state = state_of(request)
    store = state.store
    body = await read_object(request)
    for key in ("subDomain", "title"):
        text_field(body, key, required=True)
    record: JSON = {"id": store.new_id("site"), "status": "active", "hasPublicSite": True}
    changes = _site_fields(body)
    _unique_subdomain(store, changes, record["id"])
    record.update(
        {k: None for k in _SITE_TEXT + _SITE_INT},
        hasContactForm=False,
        createdBy=store.user_id,
        updatedBy=None,
        createdAt=now_iso(),
        updatedAt=None,
    )
    record.update(changes)
    store.sites[record["id"]] = record
    store.restrictions[record["id"]] = {"enabled": False}
    reload = flag(request.query, body, "reload")
    return created(
        state.base_url, f"/sites/{record['id']}", "site", dict(record) if reload else None
    )


async def update_site(request: web.Request) -> web.Response:
    """``PUT /v1/sites/{id}``."""
    store = state_of(request).store
    record = _site(store, request)
    body = await read_object(request)
    changes = _site_fields(body)
    _unique_subdomain(store, changes, record["id"])
    record.update(changes, updatedBy=store.user_id, updatedAt=now_iso())
    return respond({"site": dict(record)} if flag(request.query, body, "reload") else None)


async def delete_site(request: web.Request) -> web.Response:
    """``DELETE /v1/sites/{id}``: its collections, articles and redirects go with it."""
    store = state_of(request).store
    store.delete_site(_site(store, request)["id"])
    return respond()


async def get_restrictions(request: web.Request) -> web.Response:
    """``GET /v1/sites/{id}/restricted``: the ``SiteRestriction`` object, not wrapped."""
    store = state_of(request).store
    site = _site(store, request)
    return respond(store.restrictions.get(site["id"], {"enabled": False}))


async def update_restrictions(request: web.Request) -> web.Response:
    """``PUT /v1/sites/{id}/restricted``: a shared secret is made for callback sign-in."""
    store = state_of(request).store
    site = _site(store, request)
    body = await read_object(request)
    enabled = body.get("enabled")
    if not isinstance(enabled, bool):
        raise invalid("enabled", "must be a boolean", enabled)
    result: JSON = {"enabled": enabled}
    if enabled:
        if body.get("authentication", "CALLBACK") != "CALLBACK":
            raise invalid("authentication", "must be CALLBACK", body.get("authentication"))
        config = body.get("callbackConfiguration")
        sign_in = config.get("signInUrl") if isinstance(config, dict) else None
        if not isinstance(sign_in, str) or not sign_in.startswith(("http://", "https://")):
            raise invalid("callbackConfiguration.signInUrl", "must be a URL", sign_in)
        old = store.restrictions.get(site["id"], {}).get("callbackConfiguration", {})
        secret = old.get("sharedSecret") or secrets.token_urlsafe(32)
        result.update(
            authentication="CALLBACK",
            callbackConfiguration={"signInUrl": sign_in, "sharedSecret": secret},
        )
    store.restrictions[site["id"]] = result
    return respond(result)


# --- redirects ----------------------------------------------------------------------------


def _redirect(store: DocsStore, request: web.Request) -> JSON:
    record = store.redirects.get(hex_id(request, what="Redirect"))
    if record is None:
        raise not_found("Redirect")
    return record


async def list_redirects(request: web.Request) -> web.Response:
    """``GET /v1/redirects/site/{siteId}``."""
    store = state_of(request).store
    site = store.sites.get(hex_id(request, what="Site"))
    if site is None:
        raise not_found("Site")
    records = [r for r in store.redirects.values() if r.get("siteId") == site["id"]]
    return respond({"redirects": page_envelope(request.query, records, dict)})


async def get_redirect(request: web.Request) -> web.Response:
    """``GET /v1/redirects/{id}``."""
    return respond({"redirect": _redirect(state_of(request).store, request)})


async def find_redirect(request: web.Request) -> web.Response:
    """``GET /v1/redirects?url=&siteId=``: where an old path leads (``null`` if nowhere)."""
    store = state_of(request).store
    url = request.query.get("url", "")
    site_id = request.query.get("siteId", "")
    if not url:
        raise invalid("url", "may not be empty")
    if not site_id:
        raise invalid("siteId", "may not be empty")
    path, _, anchor = url.partition("#")
    for record in store.redirects.values():
        if record.get("siteId") == site_id and record.get("urlMapping") == path:
            target = store.articles.get(str(record.get("documentId")), {})
            found = {
                "type": record.get("type"),
                "redirect": str(record.get("redirect") or "") + (f"#{anchor}" if anchor else ""),
                "slug": target.get("slug"),
                "number": target.get("number"),
                "anchor": anchor or record.get("anchor"),
            }
            return respond({"redirectedUrl": found})
    return respond({"redirectedUrl": None})


def _redirect_fields(store: DocsStore, body: JSON, *, creating: bool) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for key in ("siteId", "urlMapping", "redirect"):
        value = text_field(body, key, required=creating)
        if value is not None:
            changes[key] = value
    if "siteId" in changes and changes["siteId"] not in store.sites:
        raise invalid("siteId", "unknown site", changes["siteId"])
    mapping = changes.get("urlMapping")
    if mapping is not None and not mapping.startswith("/"):
        raise invalid("urlMapping", "must be a path starting with /", mapping)
    target = changes.get("redirect")
    if target is not None and not target.startswith(("http://", "https://")):
        raise invalid("redirect", "must be a fully qualified URL", target)
    return changes


async def create_redirect(request: web.Request) -> web.Response:
    """``POST /v1/redirects``: ``siteId``, ``urlMapping`` and ``redirect`` required."""
    state = state_of(request)
    store = state.store
    body = await read_object(request)
    changes = _redirect_fields(store, body, creating=True)
    if any(
        r.get("siteId") == changes["siteId"] and r.get("urlMapping") == changes["urlMapping"]
        for r in store.redirects.values()
    ):
        raise invalid("urlMapping", "already redirects", changes["urlMapping"])
    stamp = now_iso()
    record: JSON = {
        "id": store.new_id("redirect"),
        "documentId": None,
        "type": "url",
        "anchor": None,
        "createdBy": store.user_id,
        "modifiedBy": store.user_id,
        "createdAt": stamp,
        "modifiedAt": stamp,
        **changes,
    }
    store.redirects[record["id"]] = record
    reload = flag(request.query, body, "reload")
    view = dict(record) if reload else None
    return created(state.base_url, f"/redirects/{record['id']}", "redirect", view)


async def update_redirect(request: web.Request) -> web.Response:
    """``PUT /v1/redirects/{id}``."""
    store = state_of(request).store
    record = _redirect(store, request)
    body = await read_object(request)
    record.update(
        _redirect_fields(store, body, creating=True),
        modifiedBy=store.user_id,
        modifiedAt=now_iso(),
    )
    return respond({"redirect": dict(record)} if flag(request.query, body, "reload") else None)


async def delete_redirect(request: web.Request) -> web.Response:
    """``DELETE /v1/redirects/{id}``."""
    store = state_of(request).store
    store.redirects.pop(_redirect(store, request)["id"])
    return respond()


# --- assets -------------------------------------------------------------------------------


def _png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG image (``None`` for anything else)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or len(data) < 24:
        return None
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


async def _asset(request: web.Request, kinds: tuple[str, ...], owner: str | None) -> web.Response:
    state = state_of(request)
    form = await request.post()
    key = form.get("key")
    if not isinstance(key, str) or not key:
        raise invalid("key", "may not be empty")
    if key != state.api_key:
        raise DocsError(401, "Invalid API key")
    kind = form.get("assetType")
    if kind not in kinds:
        raise invalid("assetType", f"must be one of {', '.join(kinds)}", kind)
    if owner is not None:
        article_id = form.get("articleId")
        if not isinstance(article_id, str) or article_id not in state.store.articles:
            raise invalid("articleId", "unknown article", article_id)
    upload = form.get("file")
    if not isinstance(upload, web.FileField):
        raise invalid("file", "must be a file")
    data = upload.file.read()
    name = form.get("fileName")
    filename = name if isinstance(name, str) and name else upload.filename
    folder = "images" if kind != "attachment" else "files"
    link = (
        f"https://helpscout.net.s3.amazonaws.com/docs/assets/{state.store.salt.replace('/', '-')}"
        f"/{folder}/{state.store.new_id('asset')}/{filename}"
    )
    state.store.assets[link] = (filename, len(data))
    body: JSON = {"filelink": link, "filename": filename}
    size = _png_size(data)
    if size is not None:
        body["width"], body["height"] = size
    return respond(body, 201)


async def create_article_asset(request: web.Request) -> web.Response:
    """``POST /v1/assets/article``: multipart ``key``, ``articleId``, ``assetType``, ``file``."""
    return await _asset(request, ("image", "attachment"), "article")


async def create_settings_asset(request: web.Request) -> web.Response:
    """``POST /v1/assets/settings``: multipart ``key``, ``assetType``, ``file``."""
    return await _asset(request, ("logo", "favicon", "touchicon"), None)
