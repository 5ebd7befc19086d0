"""What the spec's parameter values mean to the live API (DESIGN.md §1), as data.

The spec keeps its own names: ``status="open"`` is the API's ``active``, sort
``updatedAt`` is the API's ``modifiedAt``, a customer filter is a search clause,
and so on. Every translation lives here, once; the facade only looks them up.
"""

from __future__ import annotations

import re

STATUS = {
    "open": "active",
    "active": "active",
    "pending": "pending",
    "closed": "closed",
    "spam": "spam",
    "all": "all",
}
"""Spec status -> API status (``open`` is what the API calls ``active``)."""

CONVERSATION_SORT = {
    "updatedAt": "modifiedAt",
    "customer.name": "customerName",
    "mailbox": "mailboxid",
}
"""Spec sort field -> API ``sortField`` of List Conversations; others pass unchanged."""

CUSTOMER_SORT = {"updatedAt": "modifiedAt"}
"""Spec sort field -> API ``sortField`` of List Customers; others pass unchanged."""

PAGE_SIZE = {"conversations": 25, "customers": 50, "mailboxes": 50, "users": 50, "threads": 50}
"""The API's fixed page size per list (no size parameter exists). Only a first guess:
the facade reads ``page.size`` from each answer and goes by that."""

UNASSIGNED = 'assigned:"unassigned"'
"""The search clause for conversations nobody is assigned to (``assignee=0``)."""

CONVERSATION_KEYWORD_FIELDS = ("subject", "body")
"""Where a bare keyword in ``list_conversations(query=...)`` is looked for."""

CUSTOMER_KEYWORD_FIELDS = ("firstName", "lastName", "email")
"""Where a bare keyword in ``list_customers(query=...)`` is looked for."""

_EXPRESSION = re.compile(r"[A-Za-z_]\w*:|^\s*\(")


def quoted(text: str) -> str:
    """``text`` as a quoted search value (quotes and backslashes escaped)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def clause(field: str, value: str | int) -> str:
    """One ``field:value`` search clause; strings are quoted."""
    shown = str(value) if isinstance(value, int) else quoted(value)
    return f"{field}:{shown}"


def keyword_query(text: str, fields: tuple[str, ...]) -> str:
    """``text`` as a search: passed on when it is already an expression, else a keyword.

    ``(subject:"x" AND tag:"y")`` or ``email:"a@b.c"`` go to the API as written; a
    bare keyword such as ``refund`` becomes ``(subject:"refund" OR body:"refund")``.
    """
    text = text.strip()
    if _EXPRESSION.search(text):
        return text
    return "(" + " OR ".join(clause(f, text) for f in fields) + ")"


def all_of(clauses: list[str]) -> str | None:
    """The clauses joined with ``AND`` (each parenthesized), or ``None`` for none."""
    if not clauses:
        return None
    if len(clauses) == 1:
        return clauses[0]
    return " AND ".join(f"({c})" for c in clauses)
