"""Docs categories: the groups of articles inside a collection."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal, overload

from ..models.docs import DocsCategory
from ..pagination import Stream
from ._base import (
    CATEGORY_SORTS,
    DEFAULT_SORTS,
    ORDERS,
    DocsResource,
    body_of,
    choice,
    hex_id,
    id_or_number,
    order_value,
    text,
    tree_fields,
)


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
            **tree_fields(
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
        body = tree_fields(
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
            {"id": hex_id(f"order[{i}]", cid), "order": order_value(f"order[{cid}]", position)}
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
