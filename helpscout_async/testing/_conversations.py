"""Conversations: list (every filter of the live API), get, create, delete.

The listing of a filter set is built once (filtered, then sorted with ties
broken by id) and then kept up to date record by record as writes and churn
touch conversations; pages are cached as bytes, so serving a page is O(page).
Churn, when configured, happens on each list request before the page is served.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from aiohttp import web

from ._cache import SortedIds
from ._common import (
    bad_request,
    created,
    hal,
    list_page,
    no_content,
    normalize_datetime,
    now_iso,
    path_id,
    query_choice,
    query_datetime,
    query_int,
    query_int_list,
    read_object,
    state_of,
)
from ._hal import FieldError, rejected
from ._query import QueryError, QueryField, compile_query
from ._records import (
    conversation_links,
    customer_email,
    customer_links,
    customer_ref,
    find_customer_by_email,
    tag_ref,
    user_ref,
)
from ._state import State
from ._store import Store
from ._threads import build_thread, load_conversation, touch_conversation

JSON = dict[str, Any]
PAGE_SIZE = 25
STATUSES = ("active", "pending", "closed", "spam", "open", "all")
CREATE_STATUSES = ("active", "pending", "closed")
TYPES = ("email", "chat", "phone")
THREAD_TYPES = ("customer", "reply", "note", "chat", "phone")
SORT_FIELDS = (
    "createdAt",
    "customerEmail",
    "customerName",
    "mailboxid",
    "modifiedAt",
    "number",
    "score",
    "status",
    "subject",
    "waitingSince",
)
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


def query_fields(store: Store) -> dict[str, QueryField]:
    """The fields the conversation ``query`` understands."""
    return {
        "subject": QueryField(lambda c: (str(c.get("subject") or ""),)),
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
    render = None
    if embed:

        def render(c: JSON) -> JSON:
            return {**c, "_embedded": {"threads": store.get_threads(c["id"])}}

    return list_page(
        request,
        collection="conversations",
        key=key,
        name="conversations",
        size=PAGE_SIZE,
        href_path="/conversations",
        listing=listing,
        records=store.conversations,
        render=render,
        cache_items=not embed,
        extra_key=embed,
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
    conv = load_conversation(state, cid, follow_merge="")
    if request.query.get("embed") == "threads":
        conv = {**conv, "_embedded": {"threads": state.store.get_threads(cid)}}
    return hal(state, conv)


async def delete_conversation(request: web.Request) -> web.Response:
    """``DELETE /conversations/{id}``: 204."""
    state = state_of(request)
    cid = path_id(request)
    load_conversation(state, cid)
    state.store.conversations.pop(cid, None)
    state.store.threads.pop(cid, None)
    state.changed(conversations=[cid])
    return no_content()


def _enum(body: JSON, key: str, choices: tuple[str, ...], errors: list[FieldError]) -> str:
    value = body.get(key)
    if value is None:
        errors.append(FieldError(key, "may not be null"))
        return ""
    if value not in choices:
        allowed = ", ".join(f"'{c}'" for c in choices)
        errors.append(rejected(key, f"Expected one of these: {allowed}", value))
        return ""
    return str(value)


def _customer(state: State, body: JSON, errors: list[FieldError], now: str) -> JSON | None:
    raw = body.get("customer")
    if not isinstance(raw, dict):
        errors.append(FieldError("customer", "may not be null"))
        return None
    if raw.get("id") is not None:
        found = state.store.customers.get(raw["id"]) if isinstance(raw["id"], int) else None
        if found is None:
            errors.append(rejected("customer.id", "Customer not found", raw["id"]))
        return found
    email = raw.get("email")
    if not isinstance(email, str) or "@" not in email:
        errors.append(FieldError("customer", "must have an id or a valid email"))
        return None
    found = find_customer_by_email(state.store, email)
    if found is not None:
        return found
    cid = state.store.new_id()
    customer: JSON = {
        "id": cid,
        "firstName": str(raw.get("firstName") or ""),
        "lastName": str(raw.get("lastName") or ""),
        "gender": "Unknown",
        "photoType": "unknown",
        "photoUrl": "",
        "createdAt": now,
        "updatedAt": now,
        "_embedded": {
            "emails": [{"id": state.store.new_id(), "value": email, "type": "work"}],
            "phones": [],
            "chats": [],
            "social_profiles": [],
            "websites": [],
        },
        "_links": customer_links(cid),
    }
    return customer


def custom_fields(state: State, mailbox_id: int, raw: Any, errors: list[FieldError]) -> list[JSON]:
    """``[{id, value}]`` checked against the mailbox's fields -> ``customFields``."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        errors.append(rejected("fields", "must be a list", raw))
        return []
    defs = {f["id"]: f for f in state.store.fields.get(mailbox_id, [])}
    out = []
    for i, item in enumerate(raw):
        fid = item.get("id") if isinstance(item, dict) else None
        field = defs.get(fid) if isinstance(fid, int) else None
        if field is None or not isinstance(item, dict):
            errors.append(rejected(f"fields[{i}].id", "Custom field not found", fid))
            continue
        value = item.get("value")
        text = "" if value is None else str(value)
        if str(field.get("type", "")).lower() == "dropdown" and value not in (None, ""):
            labels = {str(o["id"]): str(o.get("label", "")) for o in field.get("options", [])}
            if text not in labels:
                errors.append(rejected(f"fields[{i}].value", "Not a valid option", value))
                continue
            text = labels[text]
        out.append(
            {"id": fid, "name": field.get("name", ""), "value": str(value or ""), "text": text}
        )
    return out


async def create_conversation(request: web.Request) -> web.Response:
    """``POST /conversations``: 201, no body, ``Resource-ID`` and ``Location``."""
    state = state_of(request)
    store = state.store
    body = await read_object(request)
    errors: list[FieldError] = []
    now = now_iso()
    subject = body.get("subject")
    if not isinstance(subject, str) or not subject.strip():
        errors.append(FieldError("subject", "may not be empty"))
    mailbox_id = body.get("mailboxId")
    if mailbox_id is None:
        errors.append(FieldError("mailboxId", "may not be null"))
    elif not isinstance(mailbox_id, int) or mailbox_id not in store.mailboxes:
        errors.append(rejected("mailboxId", "Mailbox not found", mailbox_id))
    ctype = _enum(body, "type", TYPES, errors)
    status = _enum(body, "status", CREATE_STATUSES, errors)
    customer = _customer(state, body, errors, now)
    assignee = None
    if body.get("assignTo") is not None:
        user = store.users.get(body["assignTo"]) if isinstance(body["assignTo"], int) else None
        if user is None:
            errors.append(rejected("assignTo", "User not found", body["assignTo"]))
        else:
            assignee = user_ref(user)
    created_at = now
    if body.get("createdAt") is not None:
        try:
            created_at = normalize_datetime(str(body["createdAt"]))
        except ValueError:
            errors.append(rejected("createdAt", "must be an ISO-8601 date-time", body["createdAt"]))
    raw_threads = body.get("threads")
    if not isinstance(raw_threads, list) or not raw_threads:
        errors.append(FieldError("threads", "may not be empty"))
        raw_threads = []
    tags = body.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        errors.append(rejected("tags", "must be a list of strings", tags))
        tags = []
    fields: list[JSON] = []
    if isinstance(mailbox_id, int) and mailbox_id in store.mailboxes:
        fields = custom_fields(state, mailbox_id, body.get("fields"), errors)
    threads = []
    for i, raw in enumerate(raw_threads):
        if not isinstance(raw, dict) or raw.get("type") not in THREAD_TYPES:
            kind = raw.get("type") if isinstance(raw, dict) else raw
            allowed = ", ".join(f"'{t}'" for t in THREAD_TYPES)
            errors.append(rejected(f"threads[{i}].type", f"Expected one of these: {allowed}", kind))
            continue
        threads.append(
            build_thread(
                state,
                raw["type"],
                raw,
                conv_status=status or "active",
                assignee=assignee,
                customer=customer,
                user_id=raw.get("user") if isinstance(raw.get("user"), int) else None,
                now=created_at,
                errors=errors,
                prefix=f"threads[{i}].",
            )
        )
    if errors:
        raise bad_request(*errors)
    assert customer is not None
    assert isinstance(mailbox_id, int)
    assert isinstance(subject, str)
    new_customer = customer["id"] not in store.customers
    if new_customer:
        store.customers[customer["id"]] = customer
    conv = _build(state, body, subject, mailbox_id, ctype, status, customer, assignee, now)
    conv["createdAt"] = created_at
    conv["threads"] = len(threads)
    conv["preview"] = str(threads[0].get("body") or "")[:185] if threads else ""
    conv["tags"] = dedupe_tags([tag_ref(store, t, now) for t in tags])
    conv["customFields"] = fields
    store.conversations[conv["id"]] = conv
    store.threads[conv["id"]] = threads
    touch_conversation(state, conv, "directory")
    if new_customer:
        state.changed(customers=[customer["id"]])
    return created(state, f"/conversations/{conv['id']}", conv["id"])


def dedupe_tags(tags: list[JSON]) -> list[JSON]:
    seen: set[int] = set()
    out = []
    for t in tags:
        if t["id"] not in seen:
            seen.add(t["id"])
            out.append(t)
    return out


def _build(
    state: State,
    body: JSON,
    subject: str,
    mailbox_id: int,
    ctype: str,
    status: str,
    customer: JSON,
    assignee: JSON | None,
    now: str,
) -> JSON:
    store = state.store
    folders = store.folders.get(mailbox_id) or [{}]
    conv: JSON = {
        "id": store.new_id(),
        "number": state.next_number(),
        "threads": 0,
        "type": ctype,
        "folderId": folders[0].get("id", 0),
        "status": status,
        "state": "draft" if body.get("draft") else "published",
        "subject": subject,
        "preview": "",
        "mailboxId": mailbox_id,
    }
    if assignee is not None:
        conv["assignee"] = assignee
    conv["createdBy"] = {
        "id": customer["id"],
        "type": "customer",
        "email": customer_email(customer),
    }
    conv["createdAt"] = now
    if status == "closed":
        me = store.users.get(store.me_user_id)
        conv["closedBy"] = store.me_user_id
        if me is not None:
            conv["closedByUser"] = user_ref(me)
        conv["closedAt"] = now
    conv["userUpdatedAt"] = now
    conv["modifiedAt"] = now
    conv["customerWaitingSince"] = {"time": now, "friendly": "just now"}
    conv["source"] = {"type": "api", "via": "customer"}
    conv["tags"] = []
    conv["cc"] = [str(v) for v in body.get("cc") or []]
    conv["bcc"] = [str(v) for v in body.get("bcc") or []]
    conv["primaryCustomer"] = customer_ref(customer)
    conv["customFields"] = []
    conv["_links"] = conversation_links(conv)
    return conv
