"""Fault injection: latency, 5xx, dropped connections, truncated bodies, expired tokens, churn.

Each :class:`FaultRule` fires by chance (``rate``, drawn from a seeded RNG), by
schedule (``at``: the Nth matching request; ``times``: the next k matching
requests), and can be narrowed to a method and a path glob. :class:`Faults` is
the live, mutable set the server consults once per API request. :class:`Churn`
changes conversations while a client walks the list, to test sync code for loss.
:class:`Race` edits a page's conversations after the list was sorted and before
the page's bodies are rendered, as the live API's search index allows (a body may
be newer than the position it was sorted at). :class:`PageLies` makes list pages
misreport ``totalPages`` or ``page.number``, for clients that must not trust them.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from fnmatch import fnmatchcase
from typing import Literal

from ._store import Store

FaultKind = Literal["latency", "error", "drop", "truncate", "expire_token"]
KINDS: tuple[str, ...] = ("latency", "error", "drop", "truncate", "expire_token")


@dataclass
class FaultRule:
    """One fault and when it fires.

    Attributes:
        kind: ``latency``, ``error`` (a 5xx with an error body), ``drop`` (close
            the connection without answering), ``truncate`` (a cut body) or
            ``expire_token`` (the bearer token used is expired from now on).
        rate: probability per matching request.
        at: fire on these matching requests, counted from 1.
        times: fire on the next ``times`` matching requests.
        method: only requests of this method (any when ``None``).
        path: only paths matching this glob, e.g. ``/v2/conversations*``.
        delay: seconds of latency, or a ``(low, high)`` range drawn uniformly.
        status: the status an ``error`` answers with (500, 502, 503, ...).
        after: for ``drop``, run the handler first (the write happens, the
            answer is lost); otherwise the request is never processed.
        mode: for ``truncate``, ``short`` (Content-Length promises more than is
            sent, then the connection closes) or ``json`` (a complete response
            whose JSON is cut).
        seen: matching requests seen so far.
        fired: how many times it fired.

    Raises:
        ValueError: an unknown ``kind`` or ``mode``, a ``status`` that is not 4xx or
            5xx, a ``rate`` outside 0-1, a negative ``times`` or ``at`` entry, or a
            negative or reversed ``delay``.
    """

    kind: FaultKind
    rate: float = 0.0
    at: tuple[int, ...] = ()
    times: int = 0
    method: str | None = None
    path: str | None = None
    delay: float | tuple[float, float] = 0.0
    status: int = 500
    after: bool = False
    mode: Literal["short", "json"] = "short"
    seen: int = field(default=0, compare=False)
    fired: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        """Check the rule (see the class's ``Raises``)."""
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; expected one of {KINDS}")
        if not 400 <= self.status <= 599:
            raise ValueError("status must be a 4xx or 5xx code")
        if self.mode not in ("short", "json"):
            raise ValueError(f"mode must be 'short' or 'json', not {self.mode!r}")
        if not 0.0 <= self.rate <= 1.0:  # also refuses nan
            raise ValueError(f"rate must be a probability from 0 to 1, got {self.rate!r}")
        if self.times < 0 or any(n < 1 for n in self.at):
            raise ValueError("times must be 0 or more and at lists requests counted from 1")
        low, high = self.delay if isinstance(self.delay, tuple) else (self.delay, self.delay)
        if not 0.0 <= low <= high < math.inf:
            raise ValueError(f"delay must be seconds >= 0 (low <= high), got {self.delay!r}")

    def matches(self, method: str, path: str) -> bool:
        """Whether this rule applies to a request at all.

        Args:
            method: the request's method, upper case.
            path: its path (``/v2/conversations``).

        Returns:
            ``True`` when ``method`` and the ``path`` glob both match.
        """
        if self.method is not None and self.method.upper() != method:
            return False
        return self.path is None or fnmatchcase(path, self.path)

    def draw(self, rng: random.Random) -> bool:
        """Count one matching request and decide whether the fault fires.

        Args:
            rng: the fake's seeded random stream, for ``rate``.

        Returns:
            Whether the fault fires on this request.
        """
        self.seen += 1
        fire = False
        if self.times > 0:
            self.times -= 1
            fire = True
        if self.seen in self.at:
            fire = True
        if not fire and self.rate > 0:
            fire = rng.random() < self.rate
        if fire:
            self.fired += 1
        return fire

    def latency(self, rng: random.Random) -> float:
        """Seconds of delay for one firing.

        Args:
            rng: the fake's seeded random stream, for a ``(low, high)`` range.

        Returns:
            ``delay``, or a uniform draw from its range.
        """
        if isinstance(self.delay, tuple):
            low, high = self.delay
            return rng.uniform(low, high)
        return float(self.delay)


@dataclass(frozen=True)
class Churn:
    """Changes made to conversations on each ``GET /v2/conversations`` list request.

    Each amount is an expected count per list request: the whole part always
    happens, the fraction happens with that probability (seeded).

    Attributes:
        modify: conversations changed (status, tags, a new thread) per list request.
        create: conversations added per list request.
        delete: conversations deleted per list request.
    """

    modify: float = 0.0
    create: float = 0.0
    delete: float = 0.0


@dataclass(frozen=True)
class Race:
    """Edits made to a list page's own conversations between sorting and rendering.

    Amounts are expected counts per conversation list page (whole part always,
    fraction by chance); edited conversations are rendered in their new version at
    their old position, deleted ones are left out of the page (which comes out short).

    Attributes:
        modify: conversations of the page edited per page.
        delete: conversations of the page deleted per page.
    """

    modify: float = 1.0
    delete: float = 0.0


@dataclass(frozen=True)
class PageLies:
    """List pages that misreport their figures.

    Attributes:
        total_pages_factor: ``totalPages`` (and the ``last``/``next`` links) are
            this many times the truth.
        stuck_number: ``page.number`` says 1 on every page.
    """

    total_pages_factor: int = 1
    stuck_number: bool = False


@dataclass
class ChurnResult:
    """Ids touched by one round of churn.

    Attributes:
        modified: ids of conversations changed.
        created: ids of conversations added.
        deleted: ids of conversations deleted.
    """

    modified: list[int] = field(default_factory=list)
    created: list[int] = field(default_factory=list)
    deleted: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        """Whether any id was touched."""
        return bool(self.modified or self.created or self.deleted)

    def extend(self, other: ChurnResult) -> None:
        """Add another round's ids to this one.

        Args:
            other: the round whose ids are appended.
        """
        self.modified += other.modified
        self.created += other.created
        self.deleted += other.deleted


@dataclass
class Draw:
    """The faults chosen for one request."""

    latency: float = 0.0
    expire_token: bool = False
    error: int | None = None
    drop: FaultRule | None = None
    truncate: FaultRule | None = None


class Faults:
    """The live fault configuration of a fake server (mutable while it runs).

    Args:
        rules: fault rules to start with.
        churn: conversations changed on every list request.
        race: conversations edited between sorting a page and rendering it.
        page_lies: list pages that misreport ``totalPages`` or ``page.number``.
        seed: the seed of the random streams that ``rate`` and churn draw from.

    Attributes:
        rules: the rules, in the order they are evaluated; change it freely.
        touched: every id churn and races have modified, created or deleted so far.
    """

    def __init__(
        self,
        rules: Iterable[FaultRule] = (),
        *,
        churn: Churn | None = None,
        race: Race | None = None,
        page_lies: PageLies | None = None,
        seed: int = 0,
    ) -> None:
        self.rules: list[FaultRule] = list(rules)
        self.churn = churn
        self.race = race
        self.page_lies = page_lies
        self.rng = random.Random(seed)
        self.churn_rng = random.Random(seed + 1)
        self.touched = ChurnResult()
        """Every id churn and races have modified, created or deleted so far."""

    def add(self, rule: FaultRule) -> FaultRule:
        """Add a rule while the fake runs.

        Args:
            rule: the rule to add.

        Returns:
            The same rule, whose ``seen`` and ``fired`` counters stay live.
        """
        self.rules.append(rule)
        return rule

    def clear(self) -> None:
        """Remove every rule and stop churn, races and page lies."""
        self.rules.clear()
        self.churn = None
        self.race = None
        self.page_lies = None

    def draw(self, method: str, path: str) -> Draw:
        """Evaluate every rule once for an arriving API request.

        Args:
            method: the request's method, upper case.
            path: its path.

        Returns:
            The faults to apply to this request.
        """
        out = Draw()
        for rule in self.rules:
            if not rule.matches(method, path) or not rule.draw(self.rng):
                continue
            if rule.kind == "latency":
                out.latency += rule.latency(self.rng)
            elif rule.kind == "expire_token":
                out.expire_token = True
            elif rule.kind == "error":
                out.error = out.error or rule.status
            elif rule.kind == "drop":
                out.drop = out.drop or rule
            else:
                out.truncate = out.truncate or rule
        return out

    def churn_amounts(self) -> tuple[int, int, int]:
        """Whole counts of churn for one list request.

        Returns:
            ``(modify, create, delete)``: each amount's whole part, plus one with the
            probability of its fraction.
        """
        if self.churn is None:
            return (0, 0, 0)
        c = self.churn
        return (self._count(c.modify), self._count(c.create), self._count(c.delete))

    def race_amounts(self) -> tuple[int, int]:
        """Whole counts of one page's race.

        Returns:
            ``(modify, delete)``, drawn as for :meth:`churn_amounts`.
        """
        if self.race is None:
            return (0, 0)
        return (self._count(self.race.modify), self._count(self.race.delete))

    def _count(self, expected: float) -> int:
        whole = int(expected)
        return whole + (1 if self.churn_rng.random() < expected - whole else 0)


_STATUSES = ("active", "pending", "closed")


def utc_now_iso(now: datetime | None = None) -> str:
    """UTC time at second resolution, as the API writes it."""
    return (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")


def apply_churn(
    store: Store,
    rng: random.Random,
    *,
    modify: int = 0,
    create: int = 0,
    delete: int = 0,
    now: datetime | None = None,
    among: list[int] | None = None,
) -> ChurnResult:
    """Modify, delete and create conversations in ``store`` (caller invalidates caches).

    ``among`` narrows the modified and deleted ones to those ids. A modification is
    an agent's edit (status, subject or tags; ``userUpdatedAt`` moves) or, one time
    in four, a customer's reply (only ``modifiedAt`` and ``customerWaitingSince``
    move), as on the live API.
    """
    from . import _seed

    now = now or datetime.now(UTC)
    stamp = utc_now_iso(now)
    result = ChurnResult()
    ids = [i for i in among if i in store.conversations] if among is not None else None
    if ids is None:
        ids = list(store.conversations)
    picked = rng.sample(ids, min(len(ids), modify + delete))
    for cid in picked[:delete]:
        store.conversations.pop(cid, None)
        store.threads.pop(cid, None)
        result.deleted.append(cid)
    tag_names = [t.get("name", "") for t in store.tags.values()]
    for cid in picked[delete:]:
        _edit(store, rng, store.conversations[cid], stamp, tag_names)
        result.modified.append(cid)
    for _ in range(create):
        result.created.append(_seed.new_conversation(store, rng, now=now))
    return result


def _edit(
    store: Store, rng: random.Random, conv: dict[str, object], stamp: str, tag_names: list[str]
) -> None:
    conv["modifiedAt"] = stamp
    roll = rng.random()
    if roll < 0.25:
        conv["customerWaitingSince"] = {
            "time": stamp,
            "friendly": "just now",
            "latestReplyFrom": "customer",
        }
        return
    conv["userUpdatedAt"] = stamp
    if roll < 0.6:
        conv["status"] = rng.choice([s for s in _STATUSES if s != conv.get("status")])
    elif roll < 0.8 or not tag_names:
        conv["subject"] = f"{conv.get('subject', '')} (follow-up)".strip()
    else:
        name = rng.choice(tag_names)
        old = conv.get("tags")
        current = [t for t in old if isinstance(t, dict)] if isinstance(old, list) else []
        tags = [t for t in current if t.get("tag") != name]
        if len(tags) == len(current):
            tags.append({"id": _tag_id(store, name), "color": "#929499", "tag": name})
        conv["tags"] = tags


def _tag_id(store: Store, name: str) -> int:
    for tid, tag in store.tags.items():
        if tag.get("name") == name:
            return tid
    return 0
