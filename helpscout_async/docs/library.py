"""Docs collections (the top of the knowledge base's tree) and the checks categories share."""

from __future__ import annotations

from typing import Literal, overload

from ..models.docs import DocsCollection
from ..pagination import Stream
from ._base import (
    COLLECTION_SORTS,
    ORDERS,
    VISIBILITIES,
    DocsResource,
    body_of,
    choice,
    hex_id,
    id_or_number,
    text,
    tree_fields,
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
            **tree_fields(text("name", name), visibility, order, description),
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
        body = tree_fields(name, visibility, order, description)
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
