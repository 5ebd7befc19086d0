"""Everything a Docs handler needs, kept on the Docs sub-application under :data:`DOCS`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web

from .._faults import Faults
from .._metrics import Metrics
from ._limits import DocsLimiter
from ._store import JSON, DocsStore

LIVE_ROOT = "https://docsapi.helpscout.net/v1"


@dataclass
class DocsState:
    """The fake Docs account: its store, API key, budget, faults and metrics."""

    store: DocsStore
    api_key: str
    limiter: DocsLimiter | None
    faults: Faults
    metrics: Metrics
    clock: Callable[[], float]
    base_url: str = LIVE_ROOT


DOCS = web.AppKey("helpscout_docs", DocsState)


def state_of(request: web.Request) -> DocsState:
    """The Docs account behind this request."""
    return request.config_dict[DOCS]


def collection_view(store: DocsStore, record: JSON) -> JSON:
    """A collection as served: with its article counts."""
    mine = store.articles_in(record["id"])
    published = sum(1 for a in mine if a.get("status") == "published")
    return {**record, "articleCount": len(mine), "publishedArticleCount": published}


def category_view(store: DocsStore, record: JSON) -> JSON:
    """A category as served: with its article counts."""
    mine = store.articles_of_category(record["id"])
    published = sum(1 for a in mine if a.get("status") == "published")
    return {**record, "articleCount": len(mine), "publishedArticleCount": published}


_NOT_IN_REF = ("text", "categories", "related", "keywords")


def article_ref(record: JSON) -> JSON:
    """An article as lists serve it (``ArticleRef``: no text)."""
    return {k: v for k, v in record.items() if k not in _NOT_IN_REF}
