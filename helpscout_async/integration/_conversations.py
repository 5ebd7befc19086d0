"""The conversation functions: list, get, create, update, note, tags, reply.

Each takes a client and parameters already checked against ``_spec`` and maps
them to what the live API does (``_mapping``). Reads return the API's JSON;
writes go through the typed client's methods, which never send a POST twice.
"""

from __future__ import annotations

import math
from typing import Any

from ..client import HelpScout
from ..errors import APIError, BadRequest, HelpScoutError
from . import _mapping as m
from ._pages import assemble, parse_page
from ._reader import get_json, get_object

_KEY = "conversations"


def _person(primary: Any) -> dict[str, Any] | None:
    """The spec's ``_embedded.customer`` from a conversation's ``primaryCustomer``."""
    if not isinstance(primary, dict):
        return None
    out: dict[str, Any] = {"id": primary.get("id")}
    for api, spec in (("first", "firstName"), ("last", "lastName"), ("email", "email")):
        if primary.get(api) is not None:
            out[spec] = primary[api]
    return out


def _with_customer(conv: dict[str, Any], customer: dict[str, Any] | None) -> dict[str, Any]:
    if customer is None:
        return conv
    embedded = conv.get("_embedded")
    extra = dict(embedded) if isinstance(embedded, dict) else {}
    extra["customer"] = customer
    return {**conv, "_embedded": extra}


async def list_conversations(client: HelpScout, p: dict[str, Any]) -> dict[str, Any]:
    """See ``Account.list_conversations``."""
    clauses = []
    if "customer" in p:
        clauses.append(m.clause("customerIds", p["customer"]))
    if p.get("assignee") == 0:
        clauses.append(m.UNASSIGNED)
    if "query" in p:
        clauses.append(m.keyword_query(p["query"], m.CONVERSATION_KEYWORD_FIELDS))
    sort = p.get("sort_field")
    params = {
        "status": m.STATUS[p.get("status", "open")],
        "mailbox": p.get("mailbox"),
        "tag": p.get("tag"),
        "assigned_to": p["assignee"] if p.get("assignee") else None,
        "sortField": None if sort is None else m.CONVERSATION_SORT.get(sort, sort),
        "sortOrder": p.get("sort_order"),
        "query": m.all_of(clauses),
    }

    async def fetch(number: int) -> Any:
        return await get_json(client, "/conversations", {**params, "page": number})

    result = await assemble(
        fetch,
        key=_KEY,
        page=p.get("page", 1),
        per_page=p.get("per_page", 25),
        api_size=m.PAGE_SIZE[_KEY],
        what="GET /conversations",
    )
    result["_embedded"][_KEY] = [
        _with_customer(c, _person(c.get("primaryCustomer"))) for c in result["_embedded"][_KEY]
    ]
    return result


async def _all_threads(client: HelpScout, cid: int, count: int) -> list[dict[str, Any]]:
    """Every thread of a conversation from List Threads (pages of 50), bounded by ``count``."""
    found: list[dict[str, Any]] = []
    seen: set[Any] = set()
    for number in range(1, math.ceil(count / m.PAGE_SIZE["threads"]) + 2):
        body = await get_json(client, f"/conversations/{cid}/threads", {"page": number})
        page = parse_page(body, "threads", number, f"GET /conversations/{cid}/threads")
        for thread in page.items:
            if thread.get("id") is None or thread.get("id") not in seen:
                found.append(thread)
                seen.add(thread.get("id"))
        if number >= page.total_pages or len(page.items) < (page.size or m.PAGE_SIZE["threads"]):
            break
    return found


async def get_conversation(client: HelpScout, p: dict[str, Any]) -> dict[str, Any]:
    """See ``Account.get_conversation``."""
    conv = await get_object(client, f"/conversations/{p['id']}", {"embed": "threads"})
    embedded = conv.get("_embedded")
    embedded = dict(embedded) if isinstance(embedded, dict) else {}
    threads = embedded.get("threads")
    count = conv.get("threads")
    if isinstance(threads, list) and isinstance(count, int) and len(threads) < count:
        # The API cuts some embedded thread lists short (long chats): complete them.
        found = conv.get("id")
        cid: int = found if isinstance(found, int) else p["id"]
        embedded["threads"] = await _all_threads(client, cid, count)
        conv = {**conv, "_embedded": embedded}
    person = _person(conv.get("primaryCustomer"))
    if person is not None and "firstName" not in person and isinstance(person["id"], int):
        # the body names the customer by id only: look the customer up (one request)
        found = await get_object(client, f"/customers/{person['id']}")
        emails = (found.get("_embedded") or {}).get("emails") or []
        person = {
            "id": person["id"],
            "firstName": found.get("firstName"),
            "lastName": found.get("lastName"),
            "email": emails[0].get("value") if emails and isinstance(emails[0], dict) else None,
        }
    return _with_customer(conv, person)


async def create_conversation(client: HelpScout, p: dict[str, Any]) -> dict[str, Any]:
    """See ``Account.create_conversation``."""
    who: dict[str, Any] = (
        {"id": p["customer_id"]} if "customer_id" in p else {"email": p["customer_email"]}
    )
    kind = p.get("type", "email")
    thread: dict[str, Any] = {
        "type": "customer" if kind == "email" else "chat",
        "customer": who,
        "text": p["body"],
    }
    for name in ("cc", "bcc"):
        if name in p:
            thread[name] = p[name]
    new_id = await client.conversations.create(
        subject=p["subject"],
        mailbox_id=p["mailbox_id"],
        customer_id=p.get("customer_id"),
        customer_email=None if "customer_id" in p else p["customer_email"],
        threads=[thread],
        type=kind,
        status=m.STATUS[p.get("status", "open")],
        tags=p.get("tags"),
        assign_to=p.get("assignee_id"),
    )
    return {"id": new_id}


class UpdateIncomplete(HelpScoutError):
    """``update_conversation`` applied some fields and not others.

    Attributes:
        conversation_id: the conversation.
        applied: the fields that were changed.
        failed: field -> the error the API answered for it.
        skipped: fields not attempted (an error that is not about one field stopped
            the sequence, e.g. a network failure).
    """

    def __init__(
        self,
        conversation_id: int,
        *,
        applied: list[str],
        failed: dict[str, HelpScoutError],
        skipped: list[str],
    ) -> None:
        self.conversation_id = conversation_id
        self.applied = applied
        self.failed = failed
        self.skipped = skipped
        parts = [f"applied: {', '.join(applied) or 'nothing'}"]
        parts += [f"{name} failed: {err}" for name, err in failed.items()]
        if skipped:
            parts.append(f"not attempted: {', '.join(skipped)}")
        super().__init__(
            f"update_conversation(id={conversation_id}) incomplete; " + "; ".join(parts)
        )


async def _apply(client: HelpScout, cid: int, name: str, value: Any) -> None:
    convs = client.conversations
    if name == "status":
        await convs.update(cid, status=m.STATUS[value])
    elif name == "subject":
        await convs.update(cid, subject=value)
    elif name == "assignee_id" and value == 0:
        await convs.update(cid, unassign=True)
    elif name == "assignee_id":
        await convs.update(cid, assign_to=value)
    elif name == "mailbox_id":
        await convs.update(cid, mailbox_id=value)
    else:
        await convs.update_tags(cid, value)


_UPDATE_ORDER = ("status", "subject", "assignee_id", "mailbox_id", "tags")


async def update_conversation(client: HelpScout, p: dict[str, Any]) -> dict[str, Any]:
    """See ``Account.update_conversation``."""
    cid = p["id"]
    todo = [name for name in _UPDATE_ORDER if name in p]
    applied: list[str] = []
    failed: dict[str, HelpScoutError] = {}
    for i, name in enumerate(todo):
        try:
            await _apply(client, cid, name, p[name])
        except HelpScoutError as exc:
            # A 400/422 is about this field: the others may still apply. Anything else
            # (404, 401, a network failure...) would fail them too: stop here.
            field_error = isinstance(exc, BadRequest) or (
                isinstance(exc, APIError) and exc.status == 422
            )
            if not applied and not failed and (len(todo) == 1 or not field_error):
                raise
            failed[name] = exc
            if not field_error:
                raise UpdateIncomplete(
                    cid, applied=applied, failed=failed, skipped=todo[i + 1 :]
                ) from exc
            continue
        applied.append(name)
    if failed:
        raise UpdateIncomplete(cid, applied=applied, failed=failed, skipped=[])
    return {"id": cid, "updated": applied}


async def add_note(client: HelpScout, p: dict[str, Any]) -> dict[str, Any]:
    """See ``Account.add_note``."""
    thread_id = await client.conversations.add_note(p["id"], text=p["text"], user=p.get("user_id"))
    return {"id": thread_id, "conversationId": p["id"]}


async def update_tags(client: HelpScout, p: dict[str, Any]) -> dict[str, Any]:
    """See ``Account.update_tags``."""
    await client.conversations.update_tags(p["id"], p["tags"])
    return {"id": p["id"], "tags": p["tags"]}


async def reply_to_conversation(client: HelpScout, p: dict[str, Any]) -> dict[str, Any]:
    """See ``Account.reply_to_conversation``."""
    cid = p["id"]
    customer_id = p.get("customer_id")
    if customer_id is None:
        conv = await get_object(client, f"/conversations/{cid}")
        primary = conv.get("primaryCustomer")
        found = primary.get("id") if isinstance(primary, dict) else None
        if type(found) is not int:
            raise HelpScoutError(
                f"conversation {cid} names no primary customer; pass customer_id=<int>"
            )
        customer_id = found
    draft = bool(p.get("draft", False))
    status = p.get("status")
    thread_id = await client.conversations.reply(
        cid,
        text=p["text"],
        customer_id=customer_id,
        draft=draft,
        status=None if status is None else m.STATUS[status],
        cc=p.get("cc"),
        bcc=p.get("bcc"),
        user=p.get("user_id"),
    )
    return {"id": thread_id, "conversationId": cid, "customerId": customer_id, "draft": draft}
