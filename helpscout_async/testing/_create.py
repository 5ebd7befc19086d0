"""``POST /conversations``: validation with per-field errors, then the new record.

Answers 201 with no body and the new id in ``Resource-ID`` and ``Location``.
A customer given by email is found or created; tags by name are found or
created; custom field values are checked against the mailbox's fields.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from ._common import bad_request, created, normalize_datetime, now_iso, read_object, state_of
from ._hal import FieldError, rejected
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
from ._threads import build_thread, touch_conversation

JSON = dict[str, Any]
CREATE_STATUSES = ("active", "pending", "closed")
TYPES = ("email", "chat", "phone")
THREAD_TYPES = ("customer", "reply", "note", "chat", "phone")


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
