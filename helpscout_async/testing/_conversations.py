"""Conversations: list (every filter of the live API), get, delete.

Bodies leave ``modifiedAt`` out, as the live API does, although lists sort and
filter by it (``FakeHelpScout(body_modified_at=True)`` puts it back).

The listing of a filter set is built once (filtered, then sorted with ties
broken by id) and then kept up to date record by record as writes and churn
touch conversations; pages are cached as bytes, so serving a page is O(page).
Churn, when configured, happens on each list request before the page is served.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from aiohttp import web

from .._api.mailbox_values import CONVERSATION_LIST_STATUSES, CONVERSATION_SORT_FIELDS
from ._cache import Listing, SortedIds, StaticIds, key_range
from ._common import (
    bad_request,
    hal,
    list_page,
    no_content,
    normalize_datetime,
    path_id,
    query_choice,
    query_datetime,
    query_int,
    query_int_list,
    row_of,
    state_of,
)
from ._hal import dumps, rejected
from ._query import QueryError, QueryField, compile_query, sole_range
from ._records import customer_email
from ._state import State
from ._store import Store
from ._threads import load_conversation

JSON = dict[str, Any]
STATUSES = CONVERSATION_LIST_STATUSES
SORT_FIELDS = CONVERSATION_SORT_FIELDS
_STATUS_SETS: dict[str, frozenset[str] | None] = {
    "active": frozenset({"active"}),
    "pending": frozenset({"pending"}),
    "closed": frozenset({"closed"}),
    "spam": frozenset({"spam"}),
    "open": frozenset({"active", "pending"}),
    "all": None,
}


def _primary(c: JSON) -> JSON:
    found = c.get("primaryCustomer")
    return found if isinstance(found, dict) else {}


def _emails(store: Store) -> Callable[[JSON], Iterable[str]]:
    def values(c: JSON) -> list[str]:
        out = []
        primary = _primary(c)
        if primary.get("email"):
            out.append(str(primary["email"]))
        elif "id" in primary and primary["id"] in store.customers:
            for e in store.customers[primary["id"]].get("_embedded", {}).get("emails") or []:
                out.append(str(e.get("value", "")))
        created_by = c.get("createdBy") or {}
        if created_by.get("type") == "customer" and created_by.get("email"):
            out.append(str(created_by["email"]))
        return out

    return values


def _assigned(c: JSON) -> list[str]:
    """``assigned:`` matches the assignee's id, name or email, or ``unassigned``."""
    who = c.get("assignee")
    if not isinstance(who, dict) or "id" not in who:
        return ["unassigned"]
    name = f"{who.get('first') or ''} {who.get('last') or ''}".strip()
    return [str(who["id"]), name, str(who.get("email") or "")]


def _bodies(store: Store) -> Callable[[JSON], Iterable[str]]:
    def values(c: JSON) -> list[str]:
        return [str(t.get("body") or "") for t in store.get_threads(int(c.get("id", 0)))]

    return values


def query_fields(store: Store) -> dict[str, QueryField]:
    """The fields the conversation ``query`` understands."""
    return {
        "subject": QueryField(lambda c: (str(c.get("subject") or ""),)),
        "body": QueryField(_bodies(store)),
        "assigned": QueryField(_assigned, "equals"),
        "email": QueryField(_emails(store), "equals"),
        "tag": QueryField(lambda c: [str(t.get("tag", "")) for t in c.get("tags") or []], "equals"),
        "status": QueryField(lambda c: (str(c.get("status", "")),), "equals"),
        "number": QueryField(lambda c: (str(c.get("number", "")),), "equals"),
        "mailboxid": QueryField(lambda c: (str(c.get("mailboxId", "")),), "equals"),
        "customerIds": QueryField(lambda c: (str(_primary(c).get("id", "")),), "equals"),
        "modifiedAt": QueryField(
            lambda c: (str(c.get("modifiedAt", "")),), "date", normalize_datetime
        ),
        "createdAt": QueryField(
            lambda c: (str(c.get("createdAt", "")),), "date", normalize_datetime
        ),
    }


def _sort_key(field: str, store: Store) -> Callable[[JSON], Any]:
    customers = store.customers

    def person(c: JSON) -> JSON:
        primary = _primary(c)
        if "first" in primary or "email" in primary:
            return primary
        found = customers.get(primary.get("id", 0))
        if found is None:
            return {}
        return {
            "first": found.get("firstName", ""),
            "last": found.get("lastName", ""),
            "email": customer_email(found),
        }

    def name(c: JSON) -> str:
        p = person(c)
        return f"{p.get('first') or ''} {p.get('last') or ''}".strip().lower()

    keys: dict[str, Callable[[JSON], Any]] = {
        "createdAt": lambda c: str(c.get("createdAt") or ""),
        "customerEmail": lambda c: str(person(c).get("email") or "").lower(),
        "customerName": name,
        "mailboxid": lambda c: int(c.get("mailboxId") or 0),
        "modifiedAt": lambda c: str(c.get("modifiedAt") or ""),
        "number": lambda c: int(c.get("number") or 0),
        "score": lambda c: 0,
        "status": lambda c: str(c.get("status") or ""),
        "subject": lambda c: str(c.get("subject") or "").lower(),
        "waitingSince": lambda c: str((c.get("customerWaitingSince") or {}).get("time") or ""),
    }
    return keys[field]


def _custom_fields(raw: str | None) -> tuple[tuple[int, str], ...] | None:
    if not raw:
        return None
    out = []
    for part in raw.split(","):
        fid, sep, value = part.partition(":")
        try:
            out.append((int(fid), value))
        except ValueError:
            sep = ""
        if not sep:
            raise bad_request(
                rejected("customFieldsByIds", "expected id:value,id:value", raw, "QUERY")
            )
    return tuple(sorted(out))


async def list_conversations(request: web.Request) -> web.Response:
    """``GET /conversations``: 25 a page, ``status=active`` unless told otherwise."""
    state = state_of(request)
    q = request.query
    status = query_choice(q, "status", STATUSES, "active")
    mailboxes = query_int_list(q, "mailbox")
    folder = query_int(q, "folder")
    tags = tuple(sorted({t.strip().lower() for t in q.get("tag", "").split(",") if t.strip()}))
    assigned = query_int(q, "assigned_to")
    since = query_datetime(q, "modifiedSince")
    number = query_int(q, "number")
    sort_field = query_choice(q, "sortField", SORT_FIELDS, "createdAt")
    sort_order = query_choice(q, "sortOrder", ("asc", "desc"), "desc")
    custom = _custom_fields(q.get("customFieldsByIds"))
    embed = q.get("embed", "")
    if embed not in ("", "threads"):
        raise bad_request(rejected("embed", "Expected one of these: 'threads'", embed, "QUERY"))
    text = q.get("query", "").strip()
    matcher = None
    created = sole_range(text, "createdAt", normalize_datetime) if text else None
    narrow = None
    if created is not None and sort_field == "createdAt":
        low, high = created  # the keyset walk's query: bisect the createdAt listing

        def narrow(ids: StaticIds | SortedIds) -> Listing:
            return key_range(
                ids, low, high, _sort_key("createdAt", state.store), state.store.conversations
            )

        text = ""
    if text:
        try:
            matcher = compile_query(text, query_fields(state.store))
        except QueryError as exc:
            raise bad_request(rejected("query", f"Invalid query: {exc}", text, "QUERY")) from None
    _churn(state)

    allowed = _STATUS_SETS[status]
    wanted_boxes = set(mailboxes) if mailboxes else None

    def matches(c: JSON) -> bool:
        if allowed is not None and c.get("status") not in allowed:
            return False
        if wanted_boxes is not None and c.get("mailboxId") not in wanted_boxes:
            return False
        if folder is not None and c.get("folderId") != folder:
            return False
        if tags and not any(str(t.get("tag", "")).lower() in tags for t in c.get("tags") or []):
            return False
        if assigned is not None and (c.get("assignee") or {}).get("id") != assigned:
            return False
        if since is not None and str(c.get("modifiedAt") or "") < since:
            return False
        if number is not None and c.get("number") != number:
            return False
        if custom is not None and not _has_fields(c, custom):
            return False
        return matcher is None or matcher(c)

    def listing() -> SortedIds:
        key = _sort_key(sort_field, state.store)
        return SortedIds(state.store.conversations, matches, key, descending=sort_order == "desc")

    key: tuple[object, ...] = (status, mailboxes, folder, tags, assigned, since, number)
    key += (sort_field, sort_order, custom, text)
    store = state.store
    serialize: Callable[[JSON], bytes] = state.conversation_bytes
    if embed:

        def serialize(c: JSON) -> bytes:
            view = state.conversation_view(c)
            return dumps({**view, "_embedded": {"threads": embedded_threads(state, c["id"])}})

    return list_page(
        request,
        collection="conversations",
        key=key,
        name="conversations",
        size=row_of(request).page_size or 50,
        href_path="/conversations",
        listing=listing,
        records=store.conversations,
        serialize=serialize,
        cache_items=not embed,
        extra_key=embed,
        narrow=narrow,
        narrow_key=created if narrow is not None else None,
        race=state.race if state.faults.race is not None else None,
    )


def _has_fields(c: JSON, wanted: tuple[tuple[int, str], ...]) -> bool:
    have = {(f.get("id"), str(f.get("value"))) for f in c.get("customFields") or []}
    return all(w in have for w in wanted)


def _churn(state: State) -> None:
    if state.faults.churn is None:
        return
    modify, create, delete = state.faults.churn_amounts()
    if modify or create or delete:
        result = state.churn(modify, create, delete)
        state.metrics.fault("churn_modify", len(result.modified))
        state.metrics.fault("churn_create", len(result.created))
        state.metrics.fault("churn_delete", len(result.deleted))


async def get_conversation(request: web.Request) -> web.Response:
    """``GET /conversations/{id}``; ``embed=threads`` adds ``_embedded.threads``."""
    state = state_of(request)
    cid = path_id(request)
    conv = state.conversation_view(load_conversation(state, cid, follow_merge=""))
    if request.query.get("embed") == "threads":
        conv = {**conv, "_embedded": {"threads": embedded_threads(state, cid)}}
    return hal(state, conv)


def embedded_threads(state: State, conversation_id: int) -> list[JSON]:
    """The threads ``embed=threads`` shows: all, or the newest ``embedded_threads`` of them.

    The live API cuts some embedded thread lists short (long chats); a fake configured
    with a limit lets a test prove that a client completes them from ``/threads``.
    """
    threads = state.store.get_threads(conversation_id)
    limit = state.embedded_threads
    return threads if limit is None else threads[:limit]


async def delete_conversation(request: web.Request) -> web.Response:
    """``DELETE /conversations/{id}``: 204."""
    state = state_of(request)
    cid = path_id(request)
    load_conversation(state, cid)
    state.store.conversations.pop(cid, None)
    state.store.threads.pop(cid, None)
    state.changed(conversations=[cid])
    return no_content()
