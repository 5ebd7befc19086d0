"""Everything a request handler needs, kept on the aiohttp app under :data:`STATE`."""

from __future__ import annotations

import random
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import partial

from aiohttp import web

from ._auth import TokenAuthority
from ._cache import Cache
from ._faults import ChurnResult, Faults, apply_churn
from ._hal import dumps
from ._limits import RateLimiter
from ._metrics import Metrics
from ._store import JSON, Store
from ._webhooks import DeliveryPolicy, Webhooks


@dataclass
class State:
    """The fake account: its store, caches, tokens, budget, faults and metrics."""

    store: Store
    auth: TokenAuthority
    limiter: RateLimiter | None
    faults: Faults
    metrics: Metrics
    clock: Callable[[], float]
    base_url: str = "https://api.helpscout.net/v2"
    embedded_threads: int | None = None
    body_modified_at: bool = False
    plan: str = "plus"
    webhook_policy: DeliveryPolicy = field(default_factory=DeliveryPolicy)
    cache: Cache = field(init=False)
    webhooks: Webhooks = field(init=False)
    _next_number: int | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.cache = Cache(self.store)
        self.webhooks = Webhooks(self.webhook_policy, self.metrics, self.clock, self.store.new_id)

    def changed(
        self, *rebuild: str, conversations: Collection[int] = (), customers: Collection[int] = ()
    ) -> None:
        """A write happened: bump ``store.version`` and invalidate what it touched.

        Args:
            rebuild: collections whose cached listings must be recomputed.
            conversations, customers: ids created, changed or deleted; their
                listings are updated in place and their cached bytes dropped.
        """
        update = {"conversations": conversations, "customers": customers}
        self.cache.changed(*rebuild, update={k: v for k, v in update.items() if v})

    def warm(self) -> None:
        """Serialize every conversation and customer list item now, once.

        The first walk over a large store then costs page joins only, as every later
        walk does (about 20 µs a record, so 2 s for 100,000 conversations).
        """
        for rid, record in self.store.conversations.items():
            self.cache.item("conversations", rid, partial(self.conversation_bytes, record))
        for rid, record in self.store.customers.items():
            self.cache.item("customers", rid, partial(dumps, record))

    def conversation_view(self, conv: JSON) -> JSON:
        """A conversation as the API shows it: without ``modifiedAt`` (unless opted in).

        The live API sorts and filters by ``modifiedAt`` but leaves it out of the
        bodies; the store keeps it for sorting and filtering.
        """
        if self.body_modified_at or "modifiedAt" not in conv:
            return conv
        return {k: v for k, v in conv.items() if k != "modifiedAt"}

    def conversation_bytes(self, conv: JSON) -> bytes:
        """:meth:`conversation_view` serialized."""
        return dumps(self.conversation_view(conv))

    def next_number(self) -> int:
        """The next conversation ``number`` (one above the highest in the store)."""
        if self._next_number is None:
            numbers = (c.get("number", 0) for c in self.store.conversations.values())
            self._next_number = max(numbers, default=0)
        self._next_number += 1
        return self._next_number

    def churn(
        self, modify: int = 0, create: int = 0, delete: int = 0, rng: random.Random | None = None
    ) -> ChurnResult:
        """Apply churn now and invalidate what it touched."""
        self.cache.sync()
        result = apply_churn(
            self.store,
            rng or self.faults.churn_rng,
            modify=modify,
            create=create,
            delete=delete,
        )
        if result.created:
            self._next_number = None  # the seeder numbered the new conversations
        self.faults.touched.extend(result)
        if result:
            # The seeder's new_conversation touches the store itself; what it changed
            # is known (new ids, counts in the directory), so keep the record cache.
            self.cache.adopt()
            self.cache.forget_all("customers")
            touched = result.modified + result.deleted + result.created
            self.changed("customers", "directory", conversations=touched)
        return result

    def race(self, ids: list[int]) -> None:
        """The ``race`` fault: edit or delete some of a page's conversations now.

        Called by a list page after its ids were taken from the sorted listing and
        before their bodies are rendered.
        """
        modify, delete = self.faults.race_amounts()
        if not (modify or delete):
            return
        self.cache.sync()
        result = apply_churn(
            self.store, self.faults.churn_rng, modify=modify, delete=delete, among=ids
        )
        self.faults.touched.extend(result)
        self.metrics.fault("race_modify", len(result.modified))
        self.metrics.fault("race_delete", len(result.deleted))
        if result:
            self.cache.adopt()
            self.changed("customers", "directory", conversations=result.modified + result.deleted)


STATE = web.AppKey("helpscout_fake_state", State)
