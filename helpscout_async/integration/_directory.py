"""The directory functions: customers, mailboxes, users and the current user.

Like ``_conversations``: parameters checked against ``_spec`` come in, the API's
JSON goes out, in the shapes the spec's examples read.
"""

from __future__ import annotations

from typing import Any

from ..client import HelpScout
from . import _mapping as m
from ._pages import assemble
from ._reader import Params, get_json, get_object


async def _paged(
    client: HelpScout, path: str, key: str, params: Params, p: dict[str, Any]
) -> dict[str, Any]:
    async def fetch(number: int) -> Any:
        return await get_json(client, path, {**params, "page": number})

    return await assemble(
        fetch,
        key=key,
        page=p.get("page", 1),
        per_page=p.get("per_page", 25),
        api_size=m.PAGE_SIZE[key],
        what=f"GET {path}",
    )


async def list_customers(client: HelpScout, p: dict[str, Any]) -> dict[str, Any]:
    """See ``Account.list_customers``."""
    # The API's firstName/lastName parameters match whole names; its search
    # clauses match parts of them: partial matching is a search.
    clauses = [
        m.clause(api, p[spec])
        for spec, api in (
            ("first_name", "firstName"),
            ("last_name", "lastName"),
            ("email", "email"),
        )
        if spec in p
    ]
    if "query" in p:
        clauses.append(m.keyword_query(p["query"], m.CUSTOMER_KEYWORD_FIELDS))
    sort = p.get("sort_field")
    params = {
        "mailbox": p.get("mailbox"),
        "sortField": None if sort is None else m.CUSTOMER_SORT.get(sort, sort),
        "sortOrder": p.get("sort_order"),
        "query": m.all_of(clauses),
    }
    return await _paged(client, "/customers", "customers", params, p)


async def get_customer(client: HelpScout, p: dict[str, Any]) -> dict[str, Any]:
    """See ``Account.get_customer``."""
    customer = await get_object(client, f"/customers/{p['id']}")
    embedded = customer.get("_embedded")
    extra = dict(embedded) if isinstance(embedded, dict) else {}
    extra.setdefault("emails", [])
    return {**customer, "_embedded": extra}


async def create_customer(client: HelpScout, p: dict[str, Any]) -> dict[str, Any]:
    """See ``Account.create_customer``."""
    new_id = await client.customers.create(
        first_name=p.get("first_name"),
        last_name=p.get("last_name"),
        emails=[p["email"]] if "email" in p else None,
        phones=[p["phone"]] if "phone" in p else None,
        organization=p.get("organization"),
        job_title=p.get("job_title"),
    )
    return {"id": new_id}


async def list_mailboxes(client: HelpScout, p: dict[str, Any]) -> dict[str, Any]:
    """See ``Account.list_mailboxes``."""
    return await _paged(client, "/mailboxes", "mailboxes", {}, p)


async def get_mailbox(client: HelpScout, p: dict[str, Any]) -> dict[str, Any]:
    """See ``Account.get_mailbox``."""
    return await get_object(client, f"/mailboxes/{p['id']}")


async def get_current_user(client: HelpScout, p: dict[str, Any]) -> dict[str, Any]:
    """See ``Account.get_current_user``."""
    return await get_object(client, "/users/me")


async def list_users(client: HelpScout, p: dict[str, Any]) -> dict[str, Any]:
    """See ``Account.list_users``."""
    params = {"mailbox": p.get("mailbox"), "email": p.get("email")}
    return await _paged(client, "/users", "users", params, p)
