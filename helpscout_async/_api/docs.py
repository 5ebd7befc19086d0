"""The Docs API v1: its profile (the operations come with the Docs resources).

Host ``docsapi.helpscout.net/v1``, HTTP Basic with the API key as user and ``X`` as
password, its own budget (2000 requests per 10 minutes for one site; more sites
raise it) reported in ``X-RateLimit-Limit``/``-Remaining``/``-Reset``, 24-hex ids,
lists wrapped as ``{"articles": {"page", "pages", "count", "items"}}`` and errors
as ``{code, error}``. Reads and writes weigh the same.

The operations are Help Scout's documented 40 (``shared/spec/docs-endpoints.tsv`` lists
38; Get and Update Site Restrictions are on the same documentation index). Updates and
deletes answer ``200``; a create answers ``201`` with the new id at the end of
``Location`` (and the record itself with ``reload=true``).
"""

from __future__ import annotations

from functools import partial

from ._row import Operation, Profile, row

DOCS = Profile(
    name="docs",
    base_url="https://docsapi.helpscout.net/v1",
    prefixes=("/v1",),
    auth="basic",
    token_path=None,
    limit_header="X-RateLimit-Limit",
    remaining_header="X-RateLimit-Remaining",
    reset_header="X-RateLimit-Reset",
    # A 429 carries no Retry-After: X-RateLimit-Reset says when the window frees budget.
    retry_after_headers=("Retry-After", "X-RateLimit-Reset"),
    per_window=2000,
    window=600.0,
    write_weight=1,
    error_shape="code-error",
    id_type="hex24",
    doc_root="https://developer.helpscout.com/docs-api/",
)

SITE_LIMITS: tuple[int, ...] = (2000, 3000, 4000)
"""Requests per 10 minutes for an account with 1, 2, or 3 or more Docs sites."""


def limit_for_sites(sites: int) -> int:
    """The Docs budget (requests per 10 minutes) of an account with ``sites`` sites."""
    return SITE_LIMITS[min(max(sites, 1), len(SITE_LIMITS)) - 1]


_d = partial(row, "docs")
_OK = frozenset({200})
_A = "/v1/articles/{article_id}"

# fmt: off
OPERATIONS: tuple[Operation, ...] = (
    _d("articles.list", "GET", "/v1/collections/{collection_id}/articles", "articles/list/",
       page="docs", key="articles", page_size=50, model="ArticleRef"),
    _d("articles.list_in_category", "GET", "/v1/categories/{category_id}/articles",
       "articles/list/", page="docs", key="articles", page_size=50, model="ArticleRef"),
    _d("articles.search", "GET", "/v1/search/articles", "articles/search/",
       page="docs", key="articles", page_size=50, model="ArticleSearchResult"),
    _d("articles.related", "GET", f"{_A}/related", "articles/related/",
       page="docs", key="articles", page_size=50, model="ArticleRef"),
    _d("articles.revisions", "GET", f"{_A}/revisions", "articles/revisions/list/",
       page="docs", key="revisions", page_size=50, model="ArticleRevisionRef"),
    _d("articles.get", "GET", "/v1/articles/{article_id_or_number}", "articles/get/",
       model="Article"),
    _d("articles.get_revision", "GET", "/v1/revisions/{revision_id}", "articles/revisions/get/",
       model="ArticleRevision"),
    _d("articles.create", "POST", "/v1/articles", "articles/create/", new_id="location",
       model="Article"),
    _d("articles.update", "PUT", _A, "articles/update/", ok=_OK, model="Article"),
    _d("articles.upload", "POST", "/v1/articles/upload", "articles/upload/", new_id="location",
       model="Article"),
    # Adds to a count: a repeat would count twice, so it is retried like a POST.
    _d("articles.update_views", "PUT", f"{_A}/views", "articles/update-view-count/", ok=_OK,
       retry="post"),
    _d("articles.delete", "DELETE", _A, "articles/delete/", ok=_OK),
    _d("articles.save_draft", "PUT", f"{_A}/drafts", "articles/save-draft/", ok=_OK),
    _d("articles.delete_draft", "DELETE", f"{_A}/drafts", "articles/delete-draft/", ok=_OK),
    _d("assets.create_article_asset", "POST", "/v1/assets/article", "assets/create-article/",
       new_id=None, model="DocsAsset"),
    _d("assets.create_settings_asset", "POST", "/v1/assets/settings", "assets/create-settings/",
       new_id=None, model="DocsAsset"),
    _d("categories.list", "GET", "/v1/collections/{collection_id}/categories",
       "categories/list/", page="docs", key="categories", page_size=50, model="DocsCategory"),
    _d("categories.get", "GET", "/v1/categories/{category_id_or_number}", "categories/get/",
       model="DocsCategory"),
    _d("categories.create", "POST", "/v1/categories", "categories/create/", new_id="location",
       model="DocsCategory"),
    _d("categories.update", "PUT", "/v1/categories/{category_id}", "categories/update/",
       ok=_OK, model="DocsCategory"),
    _d("categories.update_order", "PUT", "/v1/collections/{collection_id}/categories",
       "categories/order/", ok=_OK),
    _d("categories.delete", "DELETE", "/v1/categories/{category_id}", "categories/delete/",
       ok=_OK),
    _d("collections.list", "GET", "/v1/collections", "collections/list/",
       page="docs", key="collections", page_size=50, model="DocsCollection"),
    _d("collections.get", "GET", "/v1/collections/{collection_id_or_number}",
       "collections/get/", model="DocsCollection"),
    _d("collections.create", "POST", "/v1/collections", "collections/create/",
       new_id="location", model="DocsCollection"),
    _d("collections.update", "PUT", "/v1/collections/{collection_id}", "collections/update/",
       ok=_OK, model="DocsCollection"),
    _d("collections.delete", "DELETE", "/v1/collections/{collection_id}",
       "collections/delete/", ok=_OK),
    _d("redirects.list", "GET", "/v1/redirects/site/{site_id}", "redirects/list/",
       page="docs", key="redirects", page_size=50, model="Redirect"),
    _d("redirects.get", "GET", "/v1/redirects/{redirect_id}", "redirects/get/",
       model="Redirect"),
    _d("redirects.find", "GET", "/v1/redirects", "redirects/find/", model="RedirectedUrl"),
    _d("redirects.create", "POST", "/v1/redirects", "redirects/create/", new_id="location",
       model="Redirect"),
    _d("redirects.update", "PUT", "/v1/redirects/{redirect_id}", "redirects/update/",
       ok=_OK, model="Redirect"),
    _d("redirects.delete", "DELETE", "/v1/redirects/{redirect_id}", "redirects/delete/",
       ok=_OK),
    # List Sites' page comes unwrapped ({page, pages, count, items} at the top).
    _d("sites.list", "GET", "/v1/sites", "sites/list/", page="docs", key="sites", page_size=50,
       model="Site"),
    _d("sites.get", "GET", "/v1/sites/{site_id}", "sites/get/", model="Site"),
    _d("sites.create", "POST", "/v1/sites", "sites/create/", new_id="location", model="Site"),
    _d("sites.update", "PUT", "/v1/sites/{site_id}", "sites/update/", ok=_OK, model="Site"),
    _d("sites.delete", "DELETE", "/v1/sites/{site_id}", "sites/delete/", ok=_OK),
    _d("sites.restrictions", "GET", "/v1/sites/{site_id}/restricted", "sites/restrictions/get/",
       model="SiteRestrictions"),
    _d("sites.update_restrictions", "PUT", "/v1/sites/{site_id}/restricted",
       "sites/restrictions/update/", ok=_OK, model="SiteRestrictions"),
)
# fmt: on
