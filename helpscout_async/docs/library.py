"""Docs collections and categories: the knowledge base's tree."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal, overload

from ..models.docs import DocsCategory, DocsCollection
from ..pagination import Stream
from ._base import DocsResource, body_of, choice, hex_id, id_or_number, text

VISIBILITIES = ("public", "private")
ORDERS = ("asc", "desc")
COLLECTION_SORTS = ("order", "number", "visibility", "name", "createdAt", "updatedAt")
CATEGORY_SORTS = ("order", "number", "name", "articleCount", "createdAt", "updatedAt")
DEFAULT_SORTS = ("name", "number", "popularity", "createdAt", "updatedAt", "custom")


def _order(name: str, value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    return value


def _fields(
    name: str | None,
    visibility: str | None,
    order: int | None,
    description: str | None,
    **more: Any,
) -> dict[str, Any]:
    if description is not None and not isinstance(description, str):
        raise TypeError(f"description must be a str, got {type(description).__name__}")
    return body_of(
        name=None if name is None else text("name", name),
        visibility=choice("visibility", visibility, VISIBILITIES),
        order=_order("order", order),
        description=description,
        **more,
    )


class Collections(DocsResource):
    """``docs.collections``: the top level of the knowledge base."""

    def list(
        self,
        *,
        site_id: str | None = None,
        visibility: str | None = None,
        sort: str | None = None,
        order: str | None = None,
        page: int | None = None,
        concurrency: int | None = None,
    ) -> Stream[DocsCollection]:
        """Every collection (of one site with ``site_id``).

        Args:
            site_id: only this site's collections (24-hex id).
            visibility: ``all`` (default), ``public`` or ``private``.
            sort: ``order`` (default), ``number``, ``visibility``, ``name``,
                ``createdAt`` or ``updatedAt``.
            order: ``asc`` (default) or ``desc``.
            page: start the walk at this page.
            concurrency: pages fetched at once.

        Returns:
            A ``Stream`` of ``DocsCollection``.

        Raises:
            TypeError, ValueError: an argument is not one the API takes.
        """
        params = body_of(
            siteId=None if site_id is None else hex_id("site_id", site_id),
            visibility=choice("visibility", visibility, ("all", *VISIBILITIES)),
            sort=choice("sort", sort, COLLECTION_SORTS),
            order=choice("order", order, ORDERS),
        )
        return self._stream(
            "collections.list", DocsCollection, params, page=page, concurrency=concurrency
        )

    async def get(self, collection_id_or_number: str | int) -> DocsCollection:
        """One collection.

        Args:
            collection_id_or_number: the 24-hex id, or the collection's ``number``.

        Returns:
            The ``DocsCollection`` (with its article counts).

        Raises:
            NotFound: no such collection.
            TypeError, ValueError: neither a 24-hex id nor a positive number.
        """
        key = id_or_number("collection_id_or_number", collection_id_or_number)
        return await self._item(
            "collections.get", "collection", DocsCollection, collection_id_or_number=key
        )

    @overload
    async def create(
        self,
        *,
        site_id: str,
        name: str,
        visibility: str | None = ...,
        order: int | None = ...,
        description: str | None = ...,
        reload: Literal[False] = ...,
    ) -> str: ...

    @overload
    async def create(
        self,
        *,
        site_id: str,
        name: str,
        visibility: str | None = ...,
        order: int | None = ...,
        description: str | None = ...,
        reload: Literal[True],
    ) -> DocsCollection: ...

    async def create(
        self,
        *,
        site_id: str,
        name: str,
        visibility: str | None = None,
        order: int | None = None,
        description: str | None = None,
        reload: bool = False,
    ) -> str | DocsCollection:
        """Create a collection.

        Args:
            site_id: the 24-hex id of its site.
            name: its name (unique in the account).
            visibility: ``public`` (the API's default) or ``private``.
            order: its display position.
            description: up to 45 characters.
            reload: answer with the created ``DocsCollection`` instead of its id.

        Returns:
            The new collection's 24-hex id, or the ``DocsCollection`` with ``reload=True``.

        Raises:
            ValidationError: the API refused a field.
            TypeError, ValueError: an argument is not one the API takes.
        """
        body = {
            "siteId": hex_id("site_id", site_id),
            **_fields(text("name", name), visibility, order, description),
        }
        return await self._make(
            "collections.create", "collection", DocsCollection, body, reload=reload
        )

    @overload
    async def update(
        self,
        collection_id: str,
        *,
        name: str | None = ...,
        visibility: str | None = ...,
        order: int | None = ...,
        description: str | None = ...,
        reload: Literal[False] = ...,
    ) -> None: ...

    @overload
    async def update(
        self,
        collection_id: str,
        *,
        name: str | None = ...,
        visibility: str | None = ...,
        order: int | None = ...,
        description: str | None = ...,
        reload: Literal[True],
    ) -> DocsCollection: ...

    async def update(
        self,
        collection_id: str,
        *,
        name: str | None = None,
        visibility: str | None = None,
        order: int | None = None,
        description: str | None = None,
        reload: bool = False,
    ) -> DocsCollection | None:
        """Change a collection; fields left ``None`` stay as they are.

        Args:
            collection_id: the collection's 24-hex id.
            name, visibility, order, description: as for :meth:`create`.
            reload: answer with the updated ``DocsCollection``.

        Returns:
            ``None``, or the ``DocsCollection`` with ``reload=True``.

        Raises:
            NotFound: no such collection.
            ValidationError: the API refused a field.
            TypeError, ValueError: an argument is not one the API takes, or none is given.
        """
        body = _fields(name, visibility, order, description)
        if not body:
            raise ValueError("update needs at least one field to change (name, visibility...)")
        return await self._change(
            "collections.update",
            "collection",
            DocsCollection,
            body,
            reload=reload,
            collection_id=hex_id("collection_id", collection_id),
        )

    async def delete(self, collection_id: str) -> None:
        """Delete a collection with its categories and articles.

        Args:
            collection_id: the collection's 24-hex id.

        Raises:
            NotFound: no such collection.
            TypeError, ValueError: ``collection_id`` is not a 24-hex id.
        """
        await self._call("collections.delete", collection_id=hex_id("collection_id", collection_id))


class Categories(DocsResource):
    """``docs.categories``: the categories of a collection."""

    def list(
        self,
        collection_id: str,
        *,
        sort: str | None = None,
        order: str | None = None,
        page: int | None = None,
        concurrency: int | None = None,
    ) -> Stream[DocsCategory]:
        """The categories of a collection.

        Args:
            collection_id: the collection's 24-hex id.
            sort: ``order`` (default), ``number``, ``name``, ``articleCount``,
                ``createdAt`` or ``updatedAt``.
            order: ``asc`` (default) or ``desc``.
            page: start the walk at this page.
            concurrency: pages fetched at once.

        Returns:
            A ``Stream`` of ``DocsCategory``.

        Raises:
            TypeError, ValueError: an argument is not one the API takes.
        """
        params = body_of(
            sort=choice("sort", sort, CATEGORY_SORTS), order=choice("order", order, ORDERS)
        )
        return self._stream(
            "categories.list",
            DocsCategory,
            params,
            page=page,
            concurrency=concurrency,
            collection_id=hex_id("collection_id", collection_id),
        )

    async def get(self, category_id_or_number: str | int) -> DocsCategory:
        """One category.

        Args:
            category_id_or_number: the 24-hex id, or the category's ``number``.

        Returns:
            The ``DocsCategory``.

        Raises:
            NotFound: no such category.
            TypeError, ValueError: neither a 24-hex id nor a positive number.
        """
        key = id_or_number("category_id_or_number", category_id_or_number)
        return await self._item(
            "categories.get", "category", DocsCategory, category_id_or_number=key
        )

    @overload
    async def create(
        self,
        *,
        collection_id: str,
        name: str,
        slug: str | None = ...,
        visibility: str | None = ...,
        order: int | None = ...,
        default_sort: str | None = ...,
        description: str | None = ...,
        reload: Literal[False] = ...,
    ) -> str: ...

    @overload
    async def create(
        self,
        *,
        collection_id: str,
        name: str,
        slug: str | None = ...,
        visibility: str | None = ...,
        order: int | None = ...,
        default_sort: str | None = ...,
        description: str | None = ...,
        reload: Literal[True],
    ) -> DocsCategory: ...

    async def create(
        self,
        *,
        collection_id: str,
        name: str,
        slug: str | None = None,
        visibility: str | None = None,
        order: int | None = None,
        default_sort: str | None = None,
        description: str | None = None,
        reload: bool = False,
    ) -> str | DocsCategory:
        """Create a category in a collection.

        Args:
            collection_id: the 24-hex id of its collection.
            name: its name.
            slug: its URL slug (made from the name by default).
            visibility: ``public`` or ``private``.
            order: its display position.
            default_sort: how its articles are ordered (``name``, ``number``,
                ``popularity``, ``createdAt``, ``updatedAt`` or ``custom``).
            description: a short description.
            reload: answer with the created ``DocsCategory`` instead of its id.

        Returns:
            The new category's 24-hex id, or the ``DocsCategory`` with ``reload=True``.

        Raises:
            ValidationError: the API refused a field.
            TypeError, ValueError: an argument is not one the API takes.
        """
        body = {
            "collectionId": hex_id("collection_id", collection_id),
            **_fields(
                text("name", name),
                visibility,
                order,
                description,
                slug=None if slug is None else text("slug", slug),
                defaultSort=choice("default_sort", default_sort, DEFAULT_SORTS),
            ),
        }
        return await self._make("categories.create", "category", DocsCategory, body, reload=reload)

    @overload
    async def update(
        self,
        category_id: str,
        *,
        name: str | None = ...,
        slug: str | None = ...,
        visibility: str | None = ...,
        order: int | None = ...,
        default_sort: str | None = ...,
        description: str | None = ...,
        reload: Literal[False] = ...,
    ) -> None: ...

    @overload
    async def update(
        self,
        category_id: str,
        *,
        name: str | None = ...,
        slug: str | None = ...,
        visibility: str | None = ...,
        order: int | None = ...,
        default_sort: str | None = ...,
        description: str | None = ...,
        reload: Literal[True],
    ) -> DocsCategory: ...

    async def update(
        self,
        category_id: str,
        *,
        name: str | None = None,
        slug: str | None = None,
        visibility: str | None = None,
        order: int | None = None,
        default_sort: str | None = None,
        description: str | None = None,
        reload: bool = False,
    ) -> DocsCategory | None:
        """Change a category; fields left ``None`` stay as they are.

        Args:
            category_id: the category's 24-hex id.
            name, slug, visibility, order, default_sort, description: as for :meth:`create`.
            reload: answer with the updated ``DocsCategory``.

        Returns:
            ``None``, or the ``DocsCategory`` with ``reload=True``.

        Raises:
            NotFound: no such category.
            ValidationError: the API refused a field.
            TypeError, ValueError: an argument is not one the API takes, or none is given.
        """
        body = _fields(
            name,
            visibility,
            order,
            description,
            slug=None if slug is None else text("slug", slug),
            defaultSort=choice("default_sort", default_sort, DEFAULT_SORTS),
        )
        if not body:
            raise ValueError("update needs at least one field to change (name, order...)")
        return await self._change(
            "categories.update",
            "category",
            DocsCategory,
            body,
            reload=reload,
            category_id=hex_id("category_id", category_id),
        )

    async def update_order(
        self, collection_id: str, order: Mapping[str, int] | Iterable[str]
    ) -> None:
        """Set the display order of a collection's categories.

        Args:
            collection_id: the collection's 24-hex id.
            order: category id -> position, or the category ids in display order.

        Raises:
            NotFound: no such collection.
            ValidationError: an id is not a category of this collection.
            TypeError, ValueError: an argument is not one the API takes.
        """
        if isinstance(order, str | bytes):
            raise TypeError("order must be a mapping of id -> position or a list of ids")
        pairs = (
            list(order.items())
            if isinstance(order, Mapping)
            else [(cid, i) for i, cid in enumerate(order, start=1)]
        )
        if not pairs:
            raise ValueError("order must name at least one category")
        entries = [
            {"id": hex_id(f"order[{i}]", cid), "order": _order(f"order[{cid}]", position)}
            for i, (cid, position) in enumerate(pairs)
        ]
        await self._call(
            "categories.update_order",
            json={"categories": entries},
            collection_id=hex_id("collection_id", collection_id),
        )

    async def delete(self, category_id: str) -> None:
        """Delete a category (its articles stay in the collection).

        Args:
            category_id: the category's 24-hex id.

        Raises:
            NotFound: no such category.
            TypeError, ValueError: ``category_id`` is not a 24-hex id.
        """
        await self._call("categories.delete", category_id=hex_id("category_id", category_id))
