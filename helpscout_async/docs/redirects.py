"""Docs URL redirects: old addresses of a site and where they now lead."""

from __future__ import annotations

from typing import Literal, overload

from .._convert import structure
from ..models.docs import Redirect, RedirectedUrl
from ..pagination import Stream
from ._base import (
    DocsResource,
    hex_id,
    text,
    unwrap,
)


class Redirects(DocsResource):
    """``docs.redirects``: old URLs of a site and where they now lead."""

    def list(self, site_id: str, *, page: int | None = None) -> Stream[Redirect]:
        """A site's redirects.

        Args:
            site_id: the site's 24-hex id.
            page: start the walk at this page.

        Returns:
            A ``Stream`` of ``Redirect``.

        Raises:
            TypeError, ValueError: an argument is not one the API takes.
        """
        return self._stream(
            "redirects.list", Redirect, None, page=page, site_id=hex_id("site_id", site_id)
        )

    async def get(self, redirect_id: str) -> Redirect:
        """One redirect.

        Args:
            redirect_id: the redirect's 24-hex id.

        Returns:
            The ``Redirect``.

        Raises:
            NotFound: no such redirect.
            TypeError, ValueError: ``redirect_id`` is not a 24-hex id.
        """
        return await self._item(
            "redirects.get", "redirect", Redirect, redirect_id=hex_id("redirect_id", redirect_id)
        )

    async def find(self, url: str, *, site_id: str) -> RedirectedUrl | None:
        """Where a site's old URL (path) now leads.

        Args:
            url: the old path, e.g. ``/article/22-old-article`` (``#anchor`` allowed).
            site_id: the site's 24-hex id.

        Returns:
            The ``RedirectedUrl``, or ``None`` when nothing redirects from ``url``.

        Raises:
            TypeError, ValueError: an argument is not one the API takes.
        """
        params = {"url": text("url", url), "siteId": hex_id("site_id", site_id)}
        response = await self._call("redirects.find", params=params)
        data = response.json()
        if isinstance(data, dict) and data.get("redirectedUrl") is None and "redirectedUrl" in data:
            return None
        return structure(unwrap(data, "redirectedUrl", "redirects.find"), RedirectedUrl)

    @overload
    async def create(
        self, *, site_id: str, url_mapping: str, redirect: str, reload: Literal[False] = ...
    ) -> str: ...

    @overload
    async def create(
        self, *, site_id: str, url_mapping: str, redirect: str, reload: Literal[True]
    ) -> Redirect: ...

    async def create(
        self, *, site_id: str, url_mapping: str, redirect: str, reload: bool = False
    ) -> str | Redirect:
        """Redirect an old path of a site to a new URL.

        Args:
            site_id: the site's 24-hex id.
            url_mapping: the old path (starts with ``/``).
            redirect: the fully qualified URL to send readers to.
            reload: answer with the created ``Redirect`` instead of its id.

        Returns:
            The new redirect's 24-hex id, or the ``Redirect`` with ``reload=True``.

        Raises:
            ValidationError: the API refused a field (e.g. the path already redirects).
            TypeError, ValueError: an argument is not one the API takes.
        """
        body = _redirect_body(site_id, url_mapping, redirect)
        return await self._make("redirects.create", "redirect", Redirect, body, reload=reload)

    @overload
    async def update(
        self,
        redirect_id: str,
        *,
        site_id: str,
        url_mapping: str,
        redirect: str,
        reload: Literal[False] = ...,
    ) -> None: ...

    @overload
    async def update(
        self,
        redirect_id: str,
        *,
        site_id: str,
        url_mapping: str,
        redirect: str,
        reload: Literal[True],
    ) -> Redirect: ...

    async def update(
        self,
        redirect_id: str,
        *,
        site_id: str,
        url_mapping: str,
        redirect: str,
        reload: bool = False,
    ) -> Redirect | None:
        """Replace a redirect (the API takes every field).

        Args:
            redirect_id: the redirect's 24-hex id.
            site_id, url_mapping, redirect: as for :meth:`create`.
            reload: answer with the updated ``Redirect``.

        Returns:
            ``None``, or the ``Redirect`` with ``reload=True``.

        Raises:
            NotFound: no such redirect.
            ValidationError: the API refused a field.
            TypeError, ValueError: an argument is not one the API takes.
        """
        body = _redirect_body(site_id, url_mapping, redirect)
        return await self._change(
            "redirects.update",
            "redirect",
            Redirect,
            body,
            reload=reload,
            redirect_id=hex_id("redirect_id", redirect_id),
        )

    async def delete(self, redirect_id: str) -> None:
        """Delete a redirect.

        Args:
            redirect_id: the redirect's 24-hex id.

        Raises:
            NotFound: no such redirect.
            TypeError, ValueError: ``redirect_id`` is not a 24-hex id.
        """
        await self._call("redirects.delete", redirect_id=hex_id("redirect_id", redirect_id))


def _redirect_body(site_id: str, url_mapping: str, redirect: str) -> dict[str, str]:
    mapping = str(text("url_mapping", url_mapping))
    target = str(text("redirect", redirect))
    if not mapping.startswith("/"):
        raise ValueError(f"url_mapping must be a path starting with '/', got {mapping!r}")
    if not target.startswith(("https://", "http://")):
        raise ValueError(f"redirect must be a fully qualified http(s) URL, got {target!r}")
    return {"siteId": hex_id("site_id", site_id), "urlMapping": mapping, "redirect": target}


__all__ = ["Redirects"]
