"""The Docs fake's records: sites, collections, categories, articles and what hangs off them.

Records are kept as the API serves them (camelCase JSON objects keyed by their 24-hex id),
so handlers copy and filter rather than translate. Counts (``articleCount`` ...) are not
stored: they are computed when a record is served, so they never drift.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

JSON = dict[str, Any]

HEX24 = re.compile(r"[0-9a-f]{24}")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


def slugify(name: str) -> str:
    """``"Billing & Payments"`` -> ``"billing-payments"`` (as Docs URLs spell names)."""
    return _SLUG_JUNK.sub("-", name.lower()).strip("-") or "untitled"


def now_iso() -> str:
    """UTC now at second resolution: ``YYYY-MM-DDTHH:MM:SSZ``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class DocsStore:
    """Every record of one fake Docs account.

    Attributes:
        sites, collections, categories, articles, redirects: records by id.
        revisions: an article's saved versions, oldest first.
        drafts: an article's unpublished draft text.
        restrictions: a site's reader restrictions (``SiteRestriction`` objects).
        assets: uploaded files by link, as ``(filename, size in bytes)``.
        user_id: the Help Scout user the API key belongs to (``createdBy``).
    """

    sites: dict[str, JSON] = field(default_factory=dict)
    collections: dict[str, JSON] = field(default_factory=dict)
    categories: dict[str, JSON] = field(default_factory=dict)
    articles: dict[str, JSON] = field(default_factory=dict)
    redirects: dict[str, JSON] = field(default_factory=dict)
    revisions: dict[str, list[JSON]] = field(default_factory=dict)
    drafts: dict[str, str] = field(default_factory=dict)
    restrictions: dict[str, JSON] = field(default_factory=dict)
    assets: dict[str, tuple[str, int]] = field(default_factory=dict)
    user_id: int = 73423
    user_first_name: str = "Jamie"
    user_last_name: str = "Writer"
    salt: str = "docs"
    _ids: itertools.count[int] = field(default_factory=itertools.count, repr=False)
    _numbers: dict[str, int] = field(default_factory=dict, repr=False)

    def new_id(self, kind: str) -> str:
        """A fresh 24-hex id, deterministic for the store's ``salt`` and creation order."""
        n = next(self._ids)
        return hashlib.sha1(f"{self.salt}/{kind}/{n}".encode()).hexdigest()[:24]

    def next_number(self, kind: str) -> int:
        """The next ``number`` of a kind (articles, collections and categories each count)."""
        records = {"article": self.articles, "collection": self.collections}.get(
            kind, self.categories
        )
        if kind not in self._numbers:
            self._numbers[kind] = max(
                (int(r.get("number", 0)) for r in records.values()), default=0
            )
        self._numbers[kind] += 1
        return self._numbers[kind]

    def person(self) -> JSON:
        """The API key's user as a revision's ``createdBy`` object."""
        return {
            "id": self.user_id,
            "firstName": self.user_first_name,
            "lastName": self.user_last_name,
        }

    def find(self, records: dict[str, JSON], key: str) -> JSON | None:
        """A record by id, or by ``number`` when ``key`` is all digits (Get by id or number)."""
        record = records.get(key)
        if record is None and key.isdigit():
            number = int(key)
            record = next((r for r in records.values() if r.get("number") == number), None)
        return record

    def articles_in(self, collection_id: str) -> list[JSON]:
        """The articles of one collection."""
        return [a for a in self.articles.values() if a.get("collectionId") == collection_id]

    def articles_of_category(self, category_id: str) -> list[JSON]:
        """The articles filed under one category."""
        return [a for a in self.articles.values() if category_id in a.get("categories", ())]

    def site_of_article(self, article: JSON) -> str | None:
        """The site an article's collection belongs to."""
        collection = self.collections.get(str(article.get("collectionId")))
        return None if collection is None else collection.get("siteId")

    def delete_article(self, article_id: str) -> None:
        """Remove an article with its revisions and draft, and every reference to it."""
        self.articles.pop(article_id, None)
        self.revisions.pop(article_id, None)
        self.drafts.pop(article_id, None)
        for other in self.articles.values():
            if article_id in other.get("related", ()):
                other["related"] = [r for r in other["related"] if r != article_id]

    def delete_category(self, category_id: str) -> None:
        """Remove a category; its articles stay, uncategorized from it."""
        self.categories.pop(category_id, None)
        for article in self.articles.values():
            if category_id in article.get("categories", ()):
                article["categories"] = [c for c in article["categories"] if c != category_id]

    def delete_collection(self, collection_id: str) -> None:
        """Remove a collection with its categories and articles."""
        for article in self.articles_in(collection_id):
            self.delete_article(article["id"])
        for category in list(self.categories.values()):
            if category.get("collectionId") == collection_id:
                self.categories.pop(category["id"], None)
        self.collections.pop(collection_id, None)

    def delete_site(self, site_id: str) -> None:
        """Remove a site with its collections, redirects and restrictions."""
        for collection in list(self.collections.values()):
            if collection.get("siteId") == site_id:
                self.delete_collection(collection["id"])
        for redirect in list(self.redirects.values()):
            if redirect.get("siteId") == site_id:
                self.redirects.pop(redirect["id"], None)
        self.restrictions.pop(site_id, None)
        self.sites.pop(site_id, None)
