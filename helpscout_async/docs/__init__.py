"""The Docs API v1 client: ``Docs`` and its resource groups (articles, collections...)."""

from .articles import Articles
from .assets import Assets
from .categories import Categories
from .client import Docs, docs_rate_limit
from .export import DOCS_RESOURCES, DocsCheckpoint, export_docs
from .library import Collections
from .redirects import Redirects
from .sites import Sites

__all__ = [
    "DOCS_RESOURCES",
    "Articles",
    "Assets",
    "Categories",
    "Collections",
    "Docs",
    "DocsCheckpoint",
    "Redirects",
    "Sites",
    "docs_rate_limit",
    "export_docs",
]
