"""A seeded knowledge base: sites, collections, categories, articles with HTML, revisions.

Deterministic for a seed: the same seed gives the same ids, names, texts and timestamps.
Articles are spread over collections, filed under one or two categories of their
collection, related to a few neighbours, and carry one to three revisions; some are
unpublished, some have a draft; each site has a few redirects to its articles.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from ._store import JSON, DocsStore, slugify

_TOPICS = (
    "Getting Started",
    "Billing",
    "Account Settings",
    "Integrations",
    "Reporting",
    "Security",
    "Mobile Apps",
    "Troubleshooting",
)
_CATEGORIES = ("Basics", "How-to", "FAQ", "Advanced", "Reference")
_VERBS = ("Set up", "Change", "Export", "Connect", "Reset", "Invite", "Archive", "Secure")
_OBJECTS = (
    "your workspace",
    "a payment method",
    "two-factor login",
    "the Slack app",
    "a custom report",
    "team permissions",
    "email forwarding",
    "an API key",
    "the mobile app",
    "saved replies",
)
_SENTENCES = (
    "Open the settings menu in the top right corner.",
    "Changes take effect right away for everyone on your team.",
    "You can undo this at any time from the same screen.",
    "Administrators see a few more options than other users.",
    "If something looks wrong, reload the page and try again.",
    "We send a confirmation email once it is done.",
    "The export includes every record created before today.",
    "Keyboard shortcuts make this faster: press ? to list them.",
)
_EPOCH = datetime(2021, 1, 4, 9, 0, 0, tzinfo=UTC)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def article_html(rng: random.Random, title: str) -> str:
    """An article body as the Docs editor stores it: headings, paragraphs, a list."""
    parts = [f"<h2>{title}</h2>"]
    for _ in range(rng.randint(2, 4)):
        parts.append("<p>" + " ".join(rng.sample(_SENTENCES, 3)) + "</p>")
    steps = rng.sample(_SENTENCES, 3)
    parts.append("<ol>" + "".join(f"<li>{s}</li>" for s in steps) + "</ol>")
    return "\n".join(parts)


def _site(store: DocsStore, n: int, created: str) -> JSON:
    sub = "docs" if n == 0 else f"docs{n + 1}"
    return {
        "id": store.new_id("site"),
        "status": "active",
        "subDomain": sub,
        "cname": None,
        "hasPublicSite": True,
        "companyName": "Acme Inc",
        "title": f"Acme Help Center{'' if n == 0 else f' {n + 1}'}",
        "logoUrl": None,
        "logoWidth": None,
        "logoHeight": None,
        "favIconUrl": None,
        "touchIconUrl": None,
        "homeUrl": "https://acme.test",
        "homeLinkText": "Back to Acme",
        "bgColor": "#ffffff",
        "description": "Answers to common questions about Acme",
        "hasContactForm": True,
        "mailboxId": 1,
        "contactEmail": None,
        "styleSheetUrl": None,
        "headerCode": None,
        "createdBy": store.user_id,
        "updatedBy": None,
        "createdAt": created,
        "updatedAt": None,
    }


def generate(
    store: DocsStore,
    *,
    seed: int = 0,
    sites: int = 1,
    collections: int = 3,
    categories: int = 3,
    articles: int = 30,
) -> DocsStore:
    """Fill ``store`` with a knowledge base; returns it.

    Args:
        store: the store to fill (ids continue its sequence).
        seed: makes every choice reproducible.
        sites: Docs sites (each gets its share of the collections).
        collections: collections in all; the last one is private.
        categories: categories per collection.
        articles: articles in all, spread over the collections.
    """
    rng = random.Random(f"helpscout-docs/{seed}")
    store.salt = f"docs/{seed}"
    clock = _EPOCH
    site_ids = []
    for n in range(max(sites, 0)):
        site = _site(store, n, _iso(clock))
        store.sites[site["id"]] = site
        site_ids.append(site["id"])
        store.restrictions[site["id"]] = {"enabled": False}
    if not site_ids:
        return store
    collection_ids: list[str] = []
    for n in range(max(collections, 0)):
        clock += timedelta(hours=1)
        site_id = site_ids[n % len(site_ids)]
        name = _TOPICS[n % len(_TOPICS)] + ("" if n < len(_TOPICS) else f" {n // len(_TOPICS)}")
        number = store.next_number("collection")
        private = n == collections - 1 and collections > 1
        collection = {
            "id": store.new_id("collection"),
            "siteId": site_id,
            "number": number,
            "slug": slugify(name),
            "visibility": "private" if private else "public",
            "order": n + 1,
            "name": name,
            "description": f"All about {name.lower()}",
            "publicUrl": f"https://{store.sites[site_id]['subDomain']}.helpscoutdocs.com/"
            f"collection/{number}-{slugify(name)}",
            "createdBy": store.user_id,
            "updatedBy": None,
            "createdAt": _iso(clock),
            "updatedAt": None,
        }
        store.collections[collection["id"]] = collection
        collection_ids.append(collection["id"])
        for k in range(max(categories, 0)):
            cat_name = _CATEGORIES[k % len(_CATEGORIES)]
            cat_number = store.next_number("category")
            category = {
                "id": store.new_id("category"),
                "number": cat_number,
                "slug": slugify(cat_name),
                "visibility": collection["visibility"],
                "collectionId": collection["id"],
                "order": k + 1,
                "defaultSort": "popularity" if k == 0 else "name",
                "name": cat_name,
                "description": "",
                "publicUrl": f"https://{store.sites[site_id]['subDomain']}.helpscoutdocs.com/"
                f"category/{cat_number}-{slugify(cat_name)}",
                "createdBy": store.user_id,
                "updatedBy": None,
                "createdAt": _iso(clock),
                "updatedAt": None,
            }
            store.categories[category["id"]] = category
    if not collection_ids:
        return store
    by_collection: dict[str, list[str]] = {cid: [] for cid in collection_ids}
    for category in store.categories.values():
        by_collection.setdefault(category["collectionId"], []).append(category["id"])
    made: list[JSON] = []
    for n in range(max(articles, 0)):
        clock += timedelta(hours=rng.randint(1, 30))
        collection = store.collections[collection_ids[n % len(collection_ids)]]
        title = f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)}"
        if any(a["name"] == title and a["collectionId"] == collection["id"] for a in made):
            title = f"{title} ({n})"
        number = store.next_number("article")
        created = clock
        edited = created + timedelta(days=rng.randint(0, 90)) if rng.random() < 0.6 else None
        published = rng.random() < 0.85
        text = article_html(rng, title)
        pool = by_collection.get(collection["id"], [])
        sub = store.sites[collection["siteId"]]["subDomain"]
        article = {
            "id": store.new_id("article"),
            "number": number,
            "collectionId": collection["id"],
            "slug": slugify(title),
            "status": "published" if published else "notpublished",
            "hasDraft": False,
            "name": title,
            "text": text,
            "categories": rng.sample(pool, min(len(pool), rng.randint(1, 2))) if pool else [],
            "related": [],
            "publicUrl": f"https://{sub}.helpscoutdocs.com/article/{number}-{slugify(title)}",
            "popularity": round(rng.uniform(0, 10), 1),
            "viewCount": rng.randint(0, 5000),
            "createdBy": store.user_id,
            "updatedBy": store.user_id if edited else None,
            "createdAt": _iso(created),
            "updatedAt": _iso(edited) if edited else None,
            "lastPublishedAt": _iso(edited or created) if published else None,
            "keywords": rng.sample(("setup", "billing", "export", "login", "api", "mobile"), 2),
        }
        store.articles[article["id"]] = article
        made.append(article)
        versions = [created + timedelta(minutes=5 * k) for k in range(rng.randint(1, 3))]
        store.revisions[article["id"]] = [
            {
                "id": store.new_id("revision"),
                "articleId": article["id"],
                "text": text if k == len(versions) - 1 else article_html(rng, title),
                "createdBy": store.person(),
                "createdAt": _iso(moment),
            }
            for k, moment in enumerate(versions)
        ]
        if rng.random() < 0.1:
            store.drafts[article["id"]] = text + "\n<p>(draft) More to come.</p>"
            article["hasDraft"] = True
    for n, article in enumerate(made):
        peers = [a["id"] for a in made if a["collectionId"] == article["collectionId"]]
        peers.remove(article["id"])
        article["related"] = rng.sample(peers, min(len(peers), n % 3))
    for site_id in site_ids:
        mine = [a for a in made if store.site_of_article(a) == site_id][:3]
        for article in mine:
            stamp = article["createdAt"]
            redirect = {
                "id": store.new_id("redirect"),
                "siteId": site_id,
                "urlMapping": f"/old/{article['slug']}",
                "documentId": article["id"],
                "type": "article",
                "redirect": article["publicUrl"],
                "anchor": None,
                "createdBy": store.user_id,
                "modifiedBy": store.user_id,
                "createdAt": stamp,
                "modifiedAt": stamp,
            }
            store.redirects[redirect["id"]] = redirect
    return store
