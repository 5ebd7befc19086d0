"""Docs articles: lists, search, related, revisions, get, create, update, upload, drafts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, overload

from ..models.docs import (
    Article,
    ArticleRef,
    ArticleRevision,
    ArticleRevisionRef,
    ArticleSearchResult,
)
from ..pagination import Stream
from ._base import (
    DocsResource,
    FormField,
    UploadFile,
    body_of,
    choice,
    hex_id,
    hex_ids,
    id_or_number,
    page_size,
    text,
)

STATUSES = ("all", "published", "notpublished")
SORTS = ("order", "number", "status", "name", "popularity", "createdAt", "updatedAt")
ORDERS = ("asc", "desc")
VISIBILITIES = ("all", "public", "private")
UPLOAD_TYPES = ("html", "text", "markdown")


def _list_params(
    status: str | None, sort: str | None, order: str | None, size: int | None
) -> dict[str, str | int]:
    params = body_of(
        status=choice("status", status, STATUSES),
        sort=choice("sort", sort, SORTS),
        order=choice("order", order, ORDERS),
        pageSize=page_size(size),
    )
    return params


class Articles(DocsResource):
    """``docs.articles``: the knowledge base's articles (Docs API v1)."""

    def list(
        self,
        collection_id: str,
        *,
        status: str | None = None,
        sort: str | None = None,
        order: str | None = None,
        page_size: int | None = None,
        page: int | None = None,
        concurrency: int | None = None,
    ) -> Stream[ArticleRef]:
        """The articles of a collection, without their text (``ArticleRef``).

        Args:
            collection_id: the collection's 24-hex id.
            status: ``all`` (the API's default), ``published`` or ``notpublished``.
            sort: ``order`` (default), ``number``, ``status``, ``name``, ``popularity``,
                ``createdAt`` or ``updatedAt``.
            order: ``asc`` or ``desc`` (the API's default).
            page_size: items per page, 1 to 100 (the API's default is 50).
            page: start the walk at this page.
            concurrency: pages fetched at once (default: the client's).

        Returns:
            A ``Stream`` of ``ArticleRef``; ``async for`` walks every page.

        Raises:
            TypeError, ValueError: an argument is not one the API takes.
        """
        params = _list_params(status, sort, order, page_size)
        return self._stream(
            "articles.list",
            ArticleRef,
            params,
            page=page,
            concurrency=concurrency,
            collection_id=hex_id("collection_id", collection_id),
        )

    def list_in_category(
        self,
        category_id: str,
        *,
        status: str | None = None,
        sort: str | None = None,
        order: str | None = None,
        page_size: int | None = None,
        page: int | None = None,
        concurrency: int | None = None,
    ) -> Stream[ArticleRef]:
        """The articles filed under a category (``ArticleRef``, no text).

        Args:
            category_id: the category's 24-hex id.
            status, sort, order, page_size, page, concurrency: as for :meth:`list`.

        Returns:
            A ``Stream`` of ``ArticleRef``.

        Raises:
            TypeError, ValueError: an argument is not one the API takes.
        """
        params = _list_params(status, sort, order, page_size)
        return self._stream(
            "articles.list_in_category",
            ArticleRef,
            params,
            page=page,
            concurrency=concurrency,
            category_id=hex_id("category_id", category_id),
        )

    def search(
        self,
        query: str,
        *,
        collection_id: str | None = None,
        site_id: str | None = None,
        status: str | None = None,
        visibility: str | None = None,
        page: int | None = None,
        concurrency: int | None = None,
    ) -> Stream[ArticleSearchResult]:
        """Articles matching ``query``, with a text preview (``ArticleSearchResult``).

        Args:
            query: the search terms (required by the API; ``"*"`` matches all).
            collection_id, site_id: only this collection's or site's articles.
            status: ``all`` (default), ``published`` or ``notpublished``.
            visibility: ``all`` (default), ``public`` or ``private`` (the collection's).
            page: start the walk at this page.
            concurrency: pages fetched at once.

        Returns:
            A ``Stream`` of ``ArticleSearchResult``.

        Raises:
            TypeError, ValueError: an argument is not one the API takes.
        """
        params = body_of(
            query=text("query", query),
            collectionId=None if collection_id is None else hex_id("collection_id", collection_id),
            siteId=None if site_id is None else hex_id("site_id", site_id),
            status=choice("status", status, STATUSES),
            visibility=choice("visibility", visibility, VISIBILITIES),
        )
        return self._stream(
            "articles.search", ArticleSearchResult, params, page=page, concurrency=concurrency
        )

    def related(
        self,
        article_id: str,
        *,
        status: str | None = None,
        sort: str | None = None,
        order: str | None = None,
        page: int | None = None,
    ) -> Stream[ArticleRef]:
        """The articles an article lists as related.

        Args:
            article_id: the article's 24-hex id.
            status, sort, order, page: as for :meth:`list`.

        Returns:
            A ``Stream`` of ``ArticleRef``.

        Raises:
            TypeError, ValueError: an argument is not one the API takes.
        """
        params = _list_params(status, sort, order, None)
        return self._stream(
            "articles.related",
            ArticleRef,
            params,
            page=page,
            article_id=hex_id("article_id", article_id),
        )

    def revisions(self, article_id: str, *, page: int | None = None) -> Stream[ArticleRevisionRef]:
        """An article's saved versions, newest first, without their text.

        Args:
            article_id: the article's 24-hex id.
            page: start the walk at this page.

        Returns:
            A ``Stream`` of ``ArticleRevisionRef`` (get the text with :meth:`get_revision`).

        Raises:
            TypeError, ValueError: ``article_id`` is not a 24-hex id.
        """
        return self._stream(
            "articles.revisions",
            ArticleRevisionRef,
            None,
            page=page,
            article_id=hex_id("article_id", article_id),
        )

    async def get(self, article_id_or_number: str | int, *, draft: bool = False) -> Article:
        """One article with its text.

        Args:
            article_id_or_number: the 24-hex id, or the article's ``number``.
            draft: the draft's text instead of the published one, if there is a draft.

        Returns:
            The ``Article``.

        Raises:
            NotFound: no such article.
            TypeError, ValueError: the id is neither a 24-hex id nor a positive number.
        """
        if not isinstance(draft, bool):
            raise TypeError(f"draft must be a bool, got {type(draft).__name__}")
        key = id_or_number("article_id_or_number", article_id_or_number)
        return await self._item(
            "articles.get",
            "article",
            Article,
            {"draft": True} if draft else None,
            article_id_or_number=key,
        )

    async def get_revision(self, revision_id: str) -> ArticleRevision:
        """One saved version of an article, with its text.

        Args:
            revision_id: the revision's 24-hex id.

        Returns:
            The ``ArticleRevision``.

        Raises:
            NotFound: no such revision.
            TypeError, ValueError: ``revision_id`` is not a 24-hex id.
        """
        return await self._item(
            "articles.get_revision",
            "revision",
            ArticleRevision,
            revision_id=hex_id("revision_id", revision_id),
        )

    @overload
    async def create(
        self,
        *,
        collection_id: str,
        name: str,
        text: str,
        status: str | None = ...,
        slug: str | None = ...,
        categories: Iterable[str] | None = ...,
        related: Iterable[str] | None = ...,
        keywords: Iterable[str] | None = ...,
        reload: Literal[False] = ...,
    ) -> str: ...

    @overload
    async def create(
        self,
        *,
        collection_id: str,
        name: str,
        text: str,
        status: str | None = ...,
        slug: str | None = ...,
        categories: Iterable[str] | None = ...,
        related: Iterable[str] | None = ...,
        keywords: Iterable[str] | None = ...,
        reload: Literal[True],
    ) -> Article: ...

    async def create(
        self,
        *,
        collection_id: str,
        name: str,
        text: str,
        status: str | None = None,
        slug: str | None = None,
        categories: Iterable[str] | None = None,
        related: Iterable[str] | None = None,
        keywords: Iterable[str] | None = None,
        reload: bool = False,
    ) -> str | Article:
        """Create an article (sent once: a create is never repeated blindly).

        Args:
            collection_id: the 24-hex id of its collection.
            name: its title (unique in the collection).
            text: its body, HTML or plain text.
            status: ``published`` or ``notpublished`` (the API's default).
            slug: its URL slug (made from the name by default).
            categories: 24-hex ids of categories of the same collection.
            related: 24-hex ids of related articles.
            keywords: search keywords.
            reload: answer with the created ``Article`` instead of its id.

        Returns:
            The new article's 24-hex id, or the ``Article`` with ``reload=True``.

        Raises:
            ValidationError: the API refused a field (``errors`` names it).
            TypeError, ValueError: an argument is not one the API takes.
        """
        body = _article_body(
            name=text_arg("name", name),
            text=text_arg("text", text),
            status=status,
            slug=slug,
            categories=categories,
            related=related,
            keywords=keywords,
        )
        body = {"collectionId": hex_id("collection_id", collection_id), **body}
        return await self._make("articles.create", "article", Article, body, reload=reload)

    @overload
    async def update(
        self,
        article_id: str,
        *,
        name: str | None = ...,
        text: str | None = ...,
        status: str | None = ...,
        slug: str | None = ...,
        categories: Iterable[str] | None = ...,
        related: Iterable[str] | None = ...,
        keywords: Iterable[str] | None = ...,
        reload: Literal[False] = ...,
    ) -> None: ...

    @overload
    async def update(
        self,
        article_id: str,
        *,
        name: str | None = ...,
        text: str | None = ...,
        status: str | None = ...,
        slug: str | None = ...,
        categories: Iterable[str] | None = ...,
        related: Iterable[str] | None = ...,
        keywords: Iterable[str] | None = ...,
        reload: Literal[True],
    ) -> Article: ...

    async def update(
        self,
        article_id: str,
        *,
        name: str | None = None,
        text: str | None = None,
        status: str | None = None,
        slug: str | None = None,
        categories: Iterable[str] | None = None,
        related: Iterable[str] | None = None,
        keywords: Iterable[str] | None = None,
        reload: bool = False,
    ) -> Article | None:
        """Change an article; fields left ``None`` stay as they are.

        A new text on a published article (or publishing one) discards its draft.

        Args:
            article_id: the article's 24-hex id.
            name, text, status, slug, categories, related, keywords: as for :meth:`create`
                (``categories=[]`` removes every category).
            reload: answer with the updated ``Article``.

        Returns:
            ``None``, or the ``Article`` with ``reload=True``.

        Raises:
            NotFound: no such article.
            ValidationError: the API refused a field.
            TypeError, ValueError: an argument is not one the API takes, or no field is given.
        """
        body = _article_body(
            name=None if name is None else text_arg("name", name),
            text=text,
            status=status,
            slug=slug,
            categories=categories,
            related=related,
            keywords=keywords,
        )
        if not body:
            raise ValueError("update needs at least one field to change (name, text, status...)")
        return await self._change(
            "articles.update",
            "article",
            Article,
            body,
            reload=reload,
            article_id=hex_id("article_id", article_id),
        )

    @overload
    async def upload(
        self,
        *,
        collection_id: str,
        file: UploadFile,
        name: str | None = ...,
        slug: str | None = ...,
        category_id: str | None = ...,
        type: str | None = ...,
        reload: Literal[False] = ...,
    ) -> str: ...

    @overload
    async def upload(
        self,
        *,
        collection_id: str,
        file: UploadFile,
        name: str | None = ...,
        slug: str | None = ...,
        category_id: str | None = ...,
        type: str | None = ...,
        reload: Literal[True],
    ) -> Article: ...

    async def upload(
        self,
        *,
        collection_id: str,
        file: UploadFile,
        name: str | None = None,
        slug: str | None = None,
        category_id: str | None = None,
        type: str | None = None,
        reload: bool = False,
    ) -> str | Article:
        """Create an article from an HTML, text or Markdown file (a multipart upload).

        Args:
            collection_id: the 24-hex id of its collection.
            file: ``(filename, content)`` or ``(filename, content, content_type)``.
            name: its title (the file's name by default).
            slug: its URL slug.
            category_id: the 24-hex id of its category (uncategorized by default).
            type: ``html``, ``text`` or ``markdown`` (guessed from the file name).
            reload: answer with the created ``Article`` instead of its id.

        Returns:
            The new article's id, or the ``Article`` with ``reload=True``.

        Raises:
            ValidationError: the API refused a field.
            TypeError, ValueError: an argument is not one the API takes.
        """
        form: list[FormField] = [
            ("key", self._api_key),
            ("collectionId", hex_id("collection_id", collection_id)),
            ("file", self._file_field("file", file)),
        ]
        extra = body_of(
            name=None if name is None else text_arg("name", name),
            slug=None if slug is None else text_arg("slug", slug),
            categoryId=None if category_id is None else hex_id("category_id", category_id),
            type=choice("type", type, UPLOAD_TYPES),
        )
        form += list(extra.items())
        return await self._make(
            "articles.upload", "article", Article, None, reload=reload, form=form
        )

    async def update_views(self, article_id: str, count: int = 1) -> None:
        """Add ``count`` views to an article (they feed its popularity).

        Not idempotent: retried only when the request certainly never reached the API.

        Args:
            article_id: the article's 24-hex id.
            count: views to add (1 by default).

        Raises:
            NotFound: no such article.
            TypeError, ValueError: ``count`` is not a positive int.
        """
        if isinstance(count, bool) or not isinstance(count, int):
            raise TypeError(f"count must be a positive int, got {type(count).__name__}")
        if count < 1:
            raise ValueError(f"count must be >= 1, got {count!r}")
        await self._call(
            "articles.update_views",
            json={"count": count},
            article_id=hex_id("article_id", article_id),
        )

    async def delete(self, article_id: str) -> None:
        """Delete an article (with its revisions and draft).

        Args:
            article_id: the article's 24-hex id.

        Raises:
            NotFound: no such article.
            TypeError, ValueError: ``article_id`` is not a 24-hex id.
        """
        await self._call("articles.delete", article_id=hex_id("article_id", article_id))

    async def save_draft(self, article_id: str, text: str) -> None:
        """Save a draft text for an article (the published text is unchanged).

        Args:
            article_id: the article's 24-hex id.
            text: the draft's body.

        Raises:
            NotFound: no such article.
            TypeError, ValueError: an argument is not one the API takes.
        """
        await self._call(
            "articles.save_draft",
            json={"text": text_arg("text", text)},
            article_id=hex_id("article_id", article_id),
        )

    async def delete_draft(self, article_id: str) -> None:
        """Discard an article's draft.

        Args:
            article_id: the article's 24-hex id.

        Raises:
            NotFound: no such article, or it has no draft.
            TypeError, ValueError: ``article_id`` is not a 24-hex id.
        """
        await self._call("articles.delete_draft", article_id=hex_id("article_id", article_id))


def text_arg(name: str, value: str) -> str:
    """A required, non-blank text argument."""
    checked = text(name, value)
    assert checked is not None
    return checked


def _strings(name: str, values: Iterable[str] | None) -> list[str] | None:
    if values is None:
        return None
    if isinstance(values, str | bytes):
        raise TypeError(f"{name} must be a list of str, not a single {type(values).__name__}")
    out = list(values)
    for i, value in enumerate(out):
        if not isinstance(value, str):
            raise TypeError(f"{name}[{i}] must be a str, got {type(value).__name__}")
    return out


def _article_body(
    *,
    name: str | None,
    text: str | None,
    status: str | None,
    slug: str | None,
    categories: Iterable[str] | None,
    related: Iterable[str] | None,
    keywords: Iterable[str] | None,
) -> dict[str, object]:
    if text is not None and not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    return body_of(
        name=name,
        text=text,
        status=choice("status", status, ("published", "notpublished")),
        slug=None if slug is None else text_arg("slug", slug),
        categories=hex_ids("categories", categories),
        related=hex_ids("related", related),
        keywords=_strings("keywords", keywords),
    )
