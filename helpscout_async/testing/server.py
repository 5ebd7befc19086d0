"""``FakeHelpScout``: the fake Mailbox API served in-process, and the ``fake-server`` command.

``async with FakeHelpScout(seed=1, conversations=500) as fake:`` fills a store
with seeded data, serves it on a free loopback port and exposes ``base_url``,
OAuth credentials, the store, metrics and live fault settings. ``main(argv)``
runs the same server from the command line until SIGINT/SIGTERM (the command
itself lives in ``_command``).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Sequence
from types import TracebackType
from typing import Any

from aiohttp import web

from . import _checks, _seed
from ._app import create_app
from ._auth import TokenAuthority
from ._faults import ChurnResult, FaultRule, Faults
from ._limits import FakeRateLimits, RateLimiter
from ._metrics import Metrics
from ._state import State
from ._store import Store
from ._webhook_events import emit_conversation, emit_rating
from ._webhooks import DeliveryPolicy, Webhooks
from .docs import DocsAccount, DocsRateLimits, DocsStore
from .docs.account import DEFAULT_DOCS_LIMITS

JSON = dict[str, Any]
DEFAULT_LIMITS = FakeRateLimits()


def _derive(seed: int, what: str, length: int) -> str:
    return hashlib.sha256(f"helpscout-fake/{seed}/{what}".encode()).hexdigest()[:length]


class FakeHelpScout:
    """A fake Help Scout account served over HTTP on loopback.

    Args:
        seed: makes the data (and the client credentials) reproducible.
        conversations: how many conversations to seed (0 or more; a few end up merged).
        customers: how many customers (``None`` lets the seeder choose from
            ``conversations``: a quarter of them, at least 10).
        mailboxes: how many mailboxes, each with folders, fields and workflows (>= 1).
        users: how many users; the first is the owner and ``GET /users/me`` (>= 1).
        rate_limit: the server's budget; ``None`` or ``enabled=False`` turns it off.
        faults: a :class:`Faults` object, or fault rules to start with.
        token_ttl: seconds a client-credentials access token lives (``expires_in``);
            one of the code flow or of a refresh lives ``min(token_ttl, 7200)``, as the
            live API's 7200 s.
        host: the address to listen on (loopback by default).
        port: the port to listen on, 0-65535; 0 picks a free one.
        store: serve this store instead of seeding one.
        clock: monotonic clock for rate windows and token expiry (tests may
            pass a manual one).
        embedded_threads: cut ``embed=threads`` lists to this many newest threads,
            as the live API does for long chats (``None``: embed them all).
        docs_sites: how many Docs sites to seed for the Docs API served under ``/v1``
            (see ``docs_base_url`` and ``docs_api_key``).
        docs_articles: how many Docs articles to seed.
        docs_rate_limit: the Docs API's own budget (``None`` turns it off).
        docs_store: serve this Docs store instead of seeding one.
        body_modified_at: put ``modifiedAt`` in conversation bodies. The live API
            does not (it sorts and filters by it all the same), and neither does
            the fake by default; tests that read it from bodies opt in.
        webhook_policy: attempts, backoff, timeout and time scale of webhook deliveries
            (``DeliveryPolicy(time_scale=0.001)`` runs Help Scout's retries in milliseconds).
        plan: the account's plan, ``standard``, ``plus`` or ``pro``; on ``standard``
            every report answers 403, as on the live API.
    """

    def __init__(
        self,
        *,
        seed: int = 0,
        conversations: int = 100,
        customers: int | None = None,
        mailboxes: int = 3,
        users: int = 8,
        rate_limit: FakeRateLimits | None = DEFAULT_LIMITS,
        faults: Faults | Iterable[FaultRule] | None = None,
        token_ttl: float = 172800.0,
        host: str = "127.0.0.1",
        port: int = 0,
        store: Store | None = None,
        clock: Callable[[], float] = time.monotonic,
        embedded_threads: int | None = None,
        docs_sites: int = 1,
        docs_articles: int = 30,
        docs_rate_limit: DocsRateLimits | None = DEFAULT_DOCS_LIMITS,
        docs_store: DocsStore | None = None,
        body_modified_at: bool = False,
        webhook_policy: DeliveryPolicy | None = None,
        plan: str = "plus",
    ) -> None:
        """Seed the store (unless one is given); nothing listens until :meth:`start`.

        Raises:
            TypeError: a count, ``port`` or ``token_ttl`` of the wrong type.
            ValueError: a negative count, no mailbox or user to seed with, a port
                outside 0-65535, or a ``token_ttl`` that is not a positive finite number.
        """
        _checks.whole("seed", seed, minimum=-(2**63))
        _checks.whole("conversations", conversations, minimum=0)
        if customers is not None:
            _checks.whole("customers", customers, minimum=0)
        _checks.whole("mailboxes", mailboxes, minimum=1)
        _checks.whole("users", users, minimum=1)
        _checks.whole("port", port, minimum=0, maximum=65535)
        _checks.seconds("token_ttl", token_ttl)
        if plan not in ("standard", "plus", "pro"):
            raise ValueError(f"plan must be 'standard', 'plus' or 'pro', got {plan!r}")
        if not isinstance(host, str) or not host:
            raise ValueError(f"host must be a host name or address, got {host!r}")
        if store is None:
            store = Store()
            _seed.generate(
                store,
                seed=seed,
                conversations=conversations,
                customers=customers,
                mailboxes=mailboxes,
                users=users,
            )
        self.store = store
        self.seed = seed
        self.host = host
        self.port = port
        self.client_id = _derive(seed, "client_id", 32)
        self.client_secret = _derive(seed, "client_secret", 32)
        if isinstance(faults, Faults):
            self.faults = faults
        else:
            self.faults = Faults(faults or (), seed=seed)
        limits = rate_limit if rate_limit is not None and rate_limit.enabled else None
        self.rate_limit = limits
        self._clock = clock
        self._state = State(
            store=store,
            auth=TokenAuthority(self.client_id, self.client_secret, token_ttl, clock),
            limiter=RateLimiter(limits, clock) if limits is not None else None,
            faults=self.faults,
            metrics=Metrics(limits.window if limits is not None else 60.0, clock),
            clock=clock,
            embedded_threads=embedded_threads,
            body_modified_at=body_modified_at,
            webhook_policy=webhook_policy or DeliveryPolicy(),
            plan=plan,
        )
        self.metrics = self._state.metrics
        self.docs = DocsAccount(
            seed=seed,
            sites=docs_sites,
            articles=docs_articles,
            rate_limit=docs_rate_limit,
            faults=self.faults,
            store=docs_store,
            clock=clock,
        )
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    @property
    def url(self) -> str:
        """The server's origin, e.g. ``http://127.0.0.1:PORT`` (``/_fake/metrics`` lives here)."""
        return self.base_url.removesuffix("/v2")

    @property
    def docs_base_url(self) -> str:
        """The Docs API root, ``http://127.0.0.1:PORT/v1``."""
        return self.docs.base_url

    @property
    def docs_api_key(self) -> str:
        """The Docs API key (HTTP Basic user name; any password)."""
        return self.docs.api_key

    @property
    def token_url(self) -> str:
        """Where to ``POST`` for OAuth tokens."""
        return f"{self.base_url}/oauth2/token"

    @property
    def limiter(self) -> RateLimiter | None:
        """The live rate budget (``None`` when limits are off)."""
        return self._state.limiter

    async def start(self) -> None:
        """Listen on ``host:port`` (a free port when 0) and set ``base_url``.

        Calling it again while serving does nothing.

        Raises:
            OSError: the address cannot be listened on (a port in use, an unknown
                host); nothing is left running.
        """
        if self._runner is not None:
            return
        app = create_app(self._state)
        self.docs.mount(app)
        runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.host, self.port)
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        host, port = runner.addresses[0][:2]
        self.port = int(port)
        shown = f"[{host}]" if ":" in str(host) else str(host)
        self.base_url = f"http://{shown}:{self.port}/v2"
        self._state.base_url = self.base_url
        self.docs.started(self.url)
        self._state.cache.clear()  # pages built before now carried the old base URL

    async def close(self) -> None:
        """Stop serving and close every connection (webhook deliveries still pending stop)."""
        await self._state.webhooks.close()
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def __aenter__(self) -> FakeHelpScout:
        """Start serving (see :meth:`start`) and return the fake."""
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop serving (see :meth:`close`)."""
        await self.close()

    def issue_token(self) -> str:
        """A fresh access token, as if the client-credentials flow had run.

        Returns:
            A bearer token the fake accepts for ``token_ttl`` seconds.
        """
        return str(self._state.auth.issue()["access_token"])

    def issue_refresh_token(self) -> str:
        """A refresh token, as the authorization-code flow would hand out.

        Returns:
            A token usable once with ``grant_type=refresh_token``; the reply rotates it.
        """
        return str(self._state.auth.issue(with_refresh=True)["refresh_token"])

    def authorize(self) -> str:
        """An authorization code, as the authorize redirect would hand back.

        Returns:
            A code usable once with ``grant_type=authorization_code``.
        """
        return self._state.auth.authorize()

    def expire_tokens(self) -> None:
        """Expire every access token issued so far (API requests then get 401)."""
        self._state.auth.expire_all()

    def warm(self) -> None:
        """Serialize every conversation and customer list item now (fake-server does).

        Costs about 2 s per 100,000 conversations at start, and makes the first walk
        of a large store as fast as later ones.
        """
        self._state.warm()

    def churn(self, *, modify: int = 0, create: int = 0, delete: int = 0) -> ChurnResult:
        """Modify, create and delete conversations now, as agents and customers would.

        Args:
            modify: how many existing conversations to change (status, tags, a thread).
            create: how many new conversations to add.
            delete: how many conversations to delete.

        Returns:
            The ids modified, created and deleted.
        """
        return self._state.churn(modify, create, delete)

    def merge(self, source_id: int, target_id: int) -> None:
        """Merge conversation ``source_id`` into ``target_id``, as an agent would.

        The source's threads move to the target; a GET of the source then answers
        301 with the target's ``Location``, and ``convo.merged`` webhooks are sent.

        Args:
            source_id: the conversation merged away.
            target_id: the conversation that survives.

        Raises:
            KeyError: either conversation does not exist.
        """
        store = self.store
        if source_id not in store.conversations or target_id not in store.conversations:
            raise KeyError("both conversations must exist")
        moved = store.get_threads(source_id)
        store.materialize_threads(target_id)[:0] = moved
        target = store.conversations[target_id]
        target["threads"] = int(target.get("threads", 0)) + len(moved)
        del store.conversations[source_id]
        store.threads.pop(source_id, None)
        store.merged[source_id] = target_id
        self._state.changed(conversations=[source_id, target_id])
        emit_conversation(self._state, "convo.merged", target)

    @property
    def webhooks(self) -> Webhooks:
        """The webhook subscriptions and deliveries (``.log`` of every attempt)."""
        return self._state.webhooks

    def add_webhook(
        self,
        url: str,
        events: Iterable[str],
        secret: str,
        *,
        label: str | None = None,
        mailbox_ids: Iterable[int] = (),
    ) -> int:
        """Subscribe ``url`` to ``events``, as Create Webhook would.

        Args:
            url: where deliveries are POSTed.
            events: event names (``convo.created``, ...).
            secret: the signing secret (1-40 characters).
            label: a name for the webhook.
            mailbox_ids: only events of these mailboxes (all when empty).

        Returns:
            The new webhook's id.

        Raises:
            ValueError: a bad URL, an unknown event, or a secret not of 1-40 characters.
        """
        return self._state.webhooks.add(
            url, events, secret, label=label, mailbox_ids=mailbox_ids
        ).id

    def emit_webhook(self, event: str, body: object, *, mailbox_id: int | None = None) -> int:
        """Send any event now (Beacon chats, survey responses, tag changes...).

        Call it inside the running loop.

        Args:
            event: the event name (``X-HelpScout-Event``).
            body: the JSON body to deliver.
            mailbox_id: the mailbox the event belongs to, for mailbox-filtered webhooks.

        Returns:
            How many webhooks it was sent to.
        """
        return self._state.webhooks.emit(event, body, mailbox_id=mailbox_id)

    def rate(self, conversation_id: int, rating: str = "great", comments: str = "") -> JSON:
        """A customer rates the latest reply of a conversation: ``satisfaction.ratings``.

        Args:
            conversation_id: the conversation rated.
            rating: ``great``, ``ok`` or ``not-good``.
            comments: the customer's comment.

        Returns:
            The v2 Rating object that was sent.

        Raises:
            KeyError: no such conversation.
        """
        return emit_rating(self._state, conversation_id, rating, comments)

    async def drain_webhooks(self) -> None:
        """Wait until every webhook delivery started so far is done, retries included."""
        await self._state.webhooks.drain()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``fake-server`` command (see :mod:`helpscout_async.testing._command`).

    Args:
        argv: the command's arguments (default ``sys.argv[1:]``).

    Returns:
        The exit status: 0 after SIGINT/SIGTERM, 2 for bad arguments or an address
        that cannot be listened on (one line on stderr says which).
    """
    from ._command import main as run

    return run(argv)
