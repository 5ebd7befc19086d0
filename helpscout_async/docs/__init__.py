"""The Docs API v1 client: ``Docs`` and its resource groups (articles, collections...)."""

from .articles import Articles
from .client import Docs, docs_rate_limit
from .library import Categories, Collections
from .sites import Assets, Redirects, Sites

__all__ = [
    "Articles",
    "Assets",
    "Categories",
    "Collections",
    "Docs",
    "Redirects",
    "Sites",
    "docs_rate_limit",
]
