"""The fake server's in-memory store: API-shaped JSON dicts, indexed by id.

Everything held here is exactly what the real API would put in a response body
(camelCase keys, ISO-8601 ``Z`` timestamps), so handlers serve records without
translating them. The seed generator (``_seed.py``) fills a store; the
application (``_app.py``) reads and mutates it. Neither imports the client.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]


@dataclass
class Store:
    """All records of one fake Help Scout account.

    Attributes:
        conversations: conversation id -> conversation body as ``GET /conversations/{id}``
            returns it, *without* ``_embedded.threads`` (threads live in ``threads``).
        threads: conversation id -> that conversation's threads, newest first, each as
            ``GET /conversations/{id}/threads`` returns it. Only *materialized* threads
            live here (created or changed through the API); seeded threads are made on
            demand by ``thread_source`` so that 100,000 seeded conversations stay small.
        thread_source: makes the seeded threads of a conversation, deterministically,
            when ``threads`` has no entry for it. Read threads through ``get_threads``.
        merged: id of a conversation merged away -> id of the surviving conversation
            (``GET`` on the old id answers 301 with a ``Location`` of the survivor).
        attachment_files: attachment id -> the uploaded file's bytes (a seeded
            attachment's content is made up from its id and size when read).
        company_id: the account's id, as ``GET /users/me`` shows it (``companyId``).
        customers: customer id -> customer body as ``GET /customers/{id}`` returns it
            (with ``_embedded`` emails, phones, chats, social_profiles, websites, address).
        customer_properties: slug -> customer property definition
            (``GET /customer-properties``); customers' values live in their
            ``_embedded.properties``.
        mailboxes: mailbox id -> mailbox body.
        folders: mailbox id -> that mailbox's folders.
        fields: mailbox id -> that mailbox's custom fields (``GET /mailboxes/{id}/fields``).
        users: user id -> user body.
        teams: team id -> team body.
        team_members: team id -> member user ids.
        tags: tag id -> tag body (``GET /tags``).
        workflows: workflow id -> workflow body.
        workflow_runs: each ``POST /workflows/{id}/run`` served: (workflow id, conversation ids).
        ratings: rating id -> satisfaction rating body (``GET /ratings/{id}``).
        organizations: organization id -> organization body (without counts or
            property values, which are computed or kept apart).
        organization_properties: slug -> organization property definition (its
            ``id`` is the ``definitionId`` values carry; never shown on the definition).
        organization_values: organization id -> property slug -> value.
        saved_replies: mailbox id -> saved reply id -> ``{id, name, text, chatText}``.
        routing: mailbox id -> routing configuration (the rotation is computed).
        user_statuses: user id -> ``{userId, email, chat}`` status.
        reassignment: user id -> ``{enabled, awayDuration}``.
        system_users: system user id -> system user body (``GET /v3/system-users``).
        chats: live chat UUID -> chat body as ``GET /v2/chats/{id}`` returns it, without
            ``_embedded.events`` (the events live in ``chat_events``).
        chat_events: chat UUID -> that chat's events, oldest first.
        me_user_id: the user that ``GET /users/me`` answers with.
        next_id: the next id to hand out for any created record (ids are unique
            across record kinds, as they are in practice large and distinct).
        version: bumped on every write; page caches key on it.
    """

    conversations: dict[int, JSON] = field(default_factory=dict)
    threads: dict[int, list[JSON]] = field(default_factory=dict)
    thread_source: Callable[[int], list[JSON]] | None = None
    merged: dict[int, int] = field(default_factory=dict)
    attachment_files: dict[int, bytes] = field(default_factory=dict)
    company_id: int = 1
    customers: dict[int, JSON] = field(default_factory=dict)
    customer_properties: dict[str, JSON] = field(default_factory=dict)
    mailboxes: dict[int, JSON] = field(default_factory=dict)
    folders: dict[int, list[JSON]] = field(default_factory=dict)
    fields: dict[int, list[JSON]] = field(default_factory=dict)
    users: dict[int, JSON] = field(default_factory=dict)
    teams: dict[int, JSON] = field(default_factory=dict)
    team_members: dict[int, list[int]] = field(default_factory=dict)
    tags: dict[int, JSON] = field(default_factory=dict)
    workflows: dict[int, JSON] = field(default_factory=dict)
    workflow_runs: list[tuple[int, list[int]]] = field(default_factory=list)
    ratings: dict[int, JSON] = field(default_factory=dict)
    organizations: dict[int, JSON] = field(default_factory=dict)
    organization_properties: dict[str, JSON] = field(default_factory=dict)
    organization_values: dict[int, dict[str, str]] = field(default_factory=dict)
    saved_replies: dict[int, dict[int, JSON]] = field(default_factory=dict)
    routing: dict[int, JSON] = field(default_factory=dict)
    user_statuses: dict[int, JSON] = field(default_factory=dict)
    reassignment: dict[int, JSON] = field(default_factory=dict)
    system_users: dict[int, JSON] = field(default_factory=dict)
    chats: dict[str, JSON] = field(default_factory=dict)
    chat_events: dict[str, list[JSON]] = field(default_factory=dict)
    me_user_id: int = 0
    next_id: int = 1_000_000
    version: int = 0

    def new_id(self) -> int:
        """Hand out a fresh id for a created record.

        Returns:
            An id no record of this store has had.
        """
        self.next_id += 1
        return self.next_id

    def get_threads(self, conversation_id: int) -> list[JSON]:
        """The threads of a conversation: materialized ones, else the seeded ones.

        Args:
            conversation_id: the conversation.

        Returns:
            Its threads, newest first; do not change them (see
            :meth:`materialize_threads`).
        """
        found = self.threads.get(conversation_id)
        if found is not None:
            return found
        if self.thread_source is None:
            return []
        return self.thread_source(conversation_id)

    def materialize_threads(self, conversation_id: int) -> list[JSON]:
        """The thread list of a conversation, stored so that it can be changed.

        Args:
            conversation_id: the conversation.

        Returns:
            The stored list itself: changes to it are what the fake serves.
        """
        found = self.threads.get(conversation_id)
        if found is None:
            found = self.threads[conversation_id] = list(self.get_threads(conversation_id))
        return found

    def touch(self) -> None:
        """Record that something changed, so cached pages are rebuilt."""
        self.version += 1
