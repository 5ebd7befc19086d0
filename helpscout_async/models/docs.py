"""Models of the Docs API v1: sites, collections, categories, articles, revisions, redirects.

The Docs API is a separate family with its own shapes: ids are 24-hex strings, people are
integer user ids (``createdBy: 73423``) except on revisions, where ``createdBy`` is a
``Person`` object, redirects say ``modifiedBy``/``modifiedAt`` where the rest say
``updatedBy``/``updatedAt``, and ``updatedBy``/``updatedAt`` are an explicit ``null`` until
the first edit. Names carry a ``Docs`` prefix where they would clash with Mailbox models
(``DocsCollection``, ``DocsCategory``, ``DocsPerson``).
"""

from __future__ import annotations

from datetime import datetime

import attrs

from ._base import OpenEnum

__all__ = [
    "Article",
    "ArticleRef",
    "ArticleRevision",
    "ArticleRevisionRef",
    "ArticleSearchResult",
    "ArticleStatus",
    "CallbackConfiguration",
    "DocsAsset",
    "DocsCategory",
    "DocsCollection",
    "DocsPerson",
    "DocsVisibility",
    "Redirect",
    "RedirectedUrl",
    "Site",
    "SiteRestrictions",
    "SiteStatus",
]


class ArticleStatus(OpenEnum):
    """Whether an article is visible on the site."""

    PUBLISHED = "published"
    NOT_PUBLISHED = "notpublished"


class DocsVisibility(OpenEnum):
    """Who may see a collection (and so its categories and articles)."""

    PUBLIC = "public"
    PRIVATE = "private"


class SiteStatus(OpenEnum):
    """Whether a Docs site is live."""

    ACTIVE = "active"
    INACTIVE = "inactive"


@attrs.frozen(kw_only=True)
class DocsPerson:
    """A Help Scout user as a revision names its author (``createdBy`` object)."""

    id: int | None = None
    first_name: str | None = None
    last_name: str | None = None


@attrs.frozen(kw_only=True)
class ArticleRef:
    """An article as lists return it (List Articles, Related): everything but the text.

    ``created_by``/``updated_by`` are Help Scout user ids; ``updated_*`` are ``None``
    until the first edit.
    """

    id: str
    number: int | None = None
    collection_id: str | None = None
    slug: str | None = None
    status: ArticleStatus | None = None
    has_draft: bool | None = None
    name: str | None = None
    public_url: str | None = None
    popularity: float | None = None
    view_count: int | None = None
    created_by: int | None = None
    updated_by: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    last_published_at: datetime | None = None


@attrs.frozen(kw_only=True)
class Article(ArticleRef):
    """A whole article (Get Article, Create/Update with ``reload``): with its HTML ``text``."""

    text: str | None = None
    categories: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class ArticleSearchResult:
    """A hit of Search Articles: a ``preview`` of the text and the public and admin URLs."""

    id: str
    collection_id: str | None = None
    category_ids: tuple[str, ...] = ()
    slug: str | None = None
    name: str | None = None
    preview: str | None = None
    url: str | None = None
    docs_url: str | None = None
    number: int | None = None
    status: ArticleStatus | None = None
    visibility: DocsVisibility | None = None


@attrs.frozen(kw_only=True)
class ArticleRevisionRef:
    """A revision as List Revisions returns it (no text); ``created_by`` is a person."""

    id: str
    article_id: str | None = None
    created_by: DocsPerson | None = None
    created_at: datetime | None = None


@attrs.frozen(kw_only=True)
class ArticleRevision(ArticleRevisionRef):
    """One saved version of an article, with its text (Get Revision)."""

    text: str | None = None


@attrs.frozen(kw_only=True)
class DocsAsset:
    """An uploaded file (article or settings asset): its link and, for images, its size."""

    filelink: str | None = None
    filename: str | None = None
    width: int | None = None
    height: int | None = None


@attrs.frozen(kw_only=True)
class DocsCategory:
    """A category of a collection; ``default_sort`` orders its articles (e.g. name, custom)."""

    id: str
    number: int | None = None
    slug: str | None = None
    visibility: DocsVisibility | None = None
    collection_id: str | None = None
    order: int | None = None
    default_sort: str | None = None
    name: str | None = None
    description: str | None = None
    article_count: int | None = None
    published_article_count: int | None = None
    public_url: str | None = None
    created_by: int | None = None
    updated_by: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@attrs.frozen(kw_only=True)
class DocsCollection:
    """A collection of a site: the top level of a knowledge base's tree."""

    id: str
    site_id: str | None = None
    number: int | None = None
    slug: str | None = None
    visibility: DocsVisibility | None = None
    order: int | None = None
    name: str | None = None
    description: str | None = None
    public_url: str | None = None
    article_count: int | None = None
    published_article_count: int | None = None
    created_by: int | None = None
    updated_by: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@attrs.frozen(kw_only=True)
class Site:
    """A Docs site: its address, branding and contact form (``mailbox_id`` is a Mailbox id)."""

    id: str
    status: SiteStatus | None = None
    sub_domain: str | None = None
    cname: str | None = None
    has_public_site: bool | None = None
    company_name: str | None = None
    title: str | None = None
    logo_url: str | None = None
    logo_width: int | None = None
    logo_height: int | None = None
    fav_icon_url: str | None = None
    touch_icon_url: str | None = None
    home_url: str | None = None
    home_link_text: str | None = None
    bg_color: str | None = None
    description: str | None = None
    has_contact_form: bool | None = None
    mailbox_id: int | None = None
    contact_email: str | None = None
    style_sheet_url: str | None = None
    header_code: str | None = None
    created_by: int | None = None
    updated_by: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@attrs.frozen(kw_only=True)
class CallbackConfiguration:
    """How a restricted site signs readers in; ``shared_secret`` is kept out of ``repr``."""

    sign_in_url: str | None = None
    shared_secret: str | None = attrs.field(default=None, repr=False)


@attrs.frozen(kw_only=True)
class SiteRestrictions:
    """Whether a site is restricted to signed-in readers, and how they sign in."""

    enabled: bool | None = None
    authentication: str | None = None
    callback_configuration: CallbackConfiguration | None = None


@attrs.frozen(kw_only=True)
class Redirect:
    """A URL redirect of a site: ``url_mapping`` (old path) to ``redirect`` (new URL).

    Help Scout's bodies say ``modifiedBy``/``modifiedAt`` here; its field guide says
    ``updatedBy``/``updatedAt``. Both are read: whichever the server sends is kept.
    """

    id: str
    site_id: str | None = None
    url_mapping: str | None = None
    document_id: str | None = None
    type: str | None = None
    redirect: str | None = None
    anchor: str | None = None
    created_by: int | None = None
    modified_by: int | None = None
    created_at: datetime | None = None
    modified_at: datetime | None = None
    updated_by: int | None = None
    updated_at: datetime | None = None


@attrs.frozen(kw_only=True)
class RedirectedUrl:
    """Where Find Redirect says a URL now leads (``type`` article, category, collection...)."""

    type: str | None = None
    redirect: str | None = None
    slug: str | None = None
    number: int | None = None
    anchor: str | None = None
