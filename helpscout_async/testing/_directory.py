"""Read-only account structure: mailboxes (folders, fields), users, teams, tags, workflows.

All lists are 50 a page, ordered by id. The store does not record mailbox
access, so ``GET /users?mailbox=`` lists the users who work in it: those with a
personal folder there (``userId``) or a conversation of it assigned to them.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

from aiohttp import web

from ._cache import StaticIds
from ._common import hal, list_page, path_id, query_int, row_of, state_of
from ._hal import ApiError
from ._state import State

JSON = dict[str, Any]


def _one(records: Mapping[int, JSON], rid: int) -> JSON:
    found = records.get(rid)
    if found is None:
        raise ApiError(404, "Resource not found")
    return found


def _page(
    request: web.Request,
    href_path: str,
    records: Mapping[int, JSON],
    ids: list[int] | None = None,
    key: Hashable = None,
) -> web.Response:
    """One page of a list; item key and page size from the operation's row."""
    op = row_of(request)
    name = op.key or ""
    return list_page(
        request,
        collection="directory",
        key=(name, href_path, key),
        name=name,
        size=op.page_size or 50,
        href_path=href_path,
        listing=lambda: StaticIds(sorted(records) if ids is None else ids),
        records=records,
    )


async def list_mailboxes(request: web.Request) -> web.Response:
    """``GET /mailboxes``."""
    state = state_of(request)
    return _page(request, "/mailboxes", state.store.mailboxes)


async def get_mailbox(request: web.Request) -> web.Response:
    """``GET /mailboxes/{id}``."""
    state = state_of(request)
    return hal(state, _one(state.store.mailboxes, path_id(request)))


def _indexed(items: list[JSON]) -> dict[int, JSON]:
    return {int(item["id"]): item for item in items}


async def list_folders(request: web.Request) -> web.Response:
    """``GET /mailboxes/{id}/folders``."""
    state = state_of(request)
    mid = path_id(request)
    _one(state.store.mailboxes, mid)
    folders = _indexed(state.store.folders.get(mid, []))
    return _page(request, f"/mailboxes/{mid}/folders", folders, list(folders))


async def list_fields(request: web.Request) -> web.Response:
    """``GET /mailboxes/{id}/fields``."""
    state = state_of(request)
    mid = path_id(request)
    _one(state.store.mailboxes, mid)
    fields = _indexed(state.store.fields.get(mid, []))
    return _page(request, f"/mailboxes/{mid}/fields", fields, list(fields))


def _mailbox_users(state: State, mid: int) -> set[int]:
    if mid not in state.store.mailboxes:
        return set()
    users = {int(f["userId"]) for f in state.store.folders.get(mid, []) if f.get("userId")}
    for conv in state.store.conversations.values():
        if conv.get("mailboxId") == mid:
            assignee = conv.get("assignee") or {}
            if "id" in assignee:
                users.add(int(assignee["id"]))
    return users


async def list_users(request: web.Request) -> web.Response:
    """``GET /users`` with ``mailbox`` and ``email`` filters."""
    state = state_of(request)
    users = state.store.users
    mailbox = query_int(request.query, "mailbox")
    email = request.query.get("email", "").strip().lower()

    def listing() -> StaticIds:
        ids = sorted(users)
        if mailbox is not None:
            members = _mailbox_users(state, mailbox)
            ids = [i for i in ids if i in members]
        if email:
            ids = [i for i in ids if email in _user_emails(users[i])]
        return StaticIds(ids)

    version = state.cache.versions["conversations"] if mailbox is not None else None
    return list_page(
        request,
        collection="directory",
        key=("users", mailbox, email, version),
        name="users",
        size=row_of(request).page_size or 50,
        href_path="/users",
        listing=listing,
        records=users,
    )


def _user_emails(user: JSON) -> set[str]:
    out = {str(user.get("email", "")).lower()}
    out.update(str(e).lower() for e in user.get("alternateEmails") or [])
    return out


async def get_user(request: web.Request) -> web.Response:
    """``GET /users/{id}``."""
    state = state_of(request)
    return hal(state, _one(state.store.users, path_id(request)))


async def get_me(request: web.Request) -> web.Response:
    """``GET /users/me``: the user the token acts for, with the account's ``companyId``."""
    state = state_of(request)
    user = _one(state.store.users, state.store.me_user_id)
    body = {key: value for key, value in user.items() if key != "_links"}
    body["companyId"] = state.store.company_id
    return hal(state, {**body, "_links": user.get("_links", {})})


async def list_teams(request: web.Request) -> web.Response:
    """``GET /teams``."""
    state = state_of(request)
    return _page(request, "/teams", state.store.teams)


async def list_team_members(request: web.Request) -> web.Response:
    """``GET /teams/{id}/members``: the team's users."""
    state = state_of(request)
    tid = path_id(request)
    _one(state.store.teams, tid)
    users = state.store.users
    ids = [u for u in state.store.team_members.get(tid, []) if u in users]
    return _page(request, f"/teams/{tid}/members", users, ids)


async def list_tags(request: web.Request) -> web.Response:
    """``GET /tags``."""
    state = state_of(request)
    return _page(request, "/tags", state.store.tags)


async def get_tag(request: web.Request) -> web.Response:
    """``GET /tags/{tag_id}``."""
    state = state_of(request)
    return hal(state, _one(state.store.tags, path_id(request)))


async def get_rating(request: web.Request) -> web.Response:
    """``GET /ratings/{rating_id}``."""
    state = state_of(request)
    return hal(state, _one(state.store.ratings, path_id(request)))


async def list_workflows(request: web.Request) -> web.Response:
    """``GET /workflows`` (``mailboxId`` filter)."""
    state = state_of(request)
    workflows = state.store.workflows
    mailbox = query_int(request.query, "mailboxId")
    ids = sorted(workflows)
    if mailbox is not None:
        ids = [i for i in ids if workflows[i].get("mailboxId") == mailbox]
    return _page(request, "/workflows", workflows, ids, mailbox)
