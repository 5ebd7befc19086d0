"""Docs sites, with their reader restrictions."""

from __future__ import annotations

from typing import Any, Literal, overload

from .._convert import structure
from ..models.docs import Site, SiteRestrictions
from ..pagination import Stream
from ._base import (
    DocsResource,
    choice,
    hex_id,
    json_object,
    text,
)

SITE_FIELDS = {
    "status": "status",
    "sub_domain": "subDomain",
    "cname": "cname",
    "has_public_site": "hasPublicSite",
    "company_name": "companyName",
    "title": "title",
    "logo_url": "logoUrl",
    "logo_width": "logoWidth",
    "logo_height": "logoHeight",
    "fav_icon_url": "favIconUrl",
    "touch_icon_url": "touchIconUrl",
    "home_url": "homeUrl",
    "home_link_text": "homeLinkText",
    "bg_color": "bgColor",
    "description": "description",
    "has_contact_form": "hasContactForm",
    "mailbox_id": "mailboxId",
    "contact_email": "contactEmail",
    "style_sheet_url": "styleSheetUrl",
    "header_code": "headerCode",
}
"""Site settings: keyword argument -> JSON key (Help Scout's Update Site fields)."""

_BOOLS = {"has_public_site", "has_contact_form"}
_INTS = {"logo_width", "logo_height", "mailbox_id"}


def _site_body(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(fields) - set(SITE_FIELDS))
    if unknown:
        raise TypeError(
            f"unknown site field(s) {', '.join(unknown)}; expected some of {', '.join(SITE_FIELDS)}"
        )
    body: dict[str, Any] = {}
    for name, value in fields.items():
        if value is None:
            continue
        if name in _BOOLS:
            ok = isinstance(value, bool)
        elif name in _INTS:
            ok = isinstance(value, int) and not isinstance(value, bool)
        else:
            ok = isinstance(value, str)
        if not ok:
            kind = "a bool" if name in _BOOLS else "an int" if name in _INTS else "a str"
            raise TypeError(f"{name} must be {kind}, got {type(value).__name__}")
        if name == "status":
            choice("status", value, ("active", "inactive"))
        body[SITE_FIELDS[name]] = value
    return body


class Sites(DocsResource):
    """``docs.sites``: the account's Docs sites and who may read them."""

    def list(self, *, page: int | None = None) -> Stream[Site]:
        """Every Docs site of the account.

        Args:
            page: start the walk at this page.

        Returns:
            A ``Stream`` of ``Site``.

        Raises:
            TypeError, ValueError: ``page`` is not a positive int.
        """
        return self._stream("sites.list", Site, None, page=page)

    async def get(self, site_id: str) -> Site:
        """One site.

        Args:
            site_id: the site's 24-hex id.

        Returns:
            The ``Site``.

        Raises:
            NotFound: no such site.
            TypeError, ValueError: ``site_id`` is not a 24-hex id.
        """
        return await self._item("sites.get", "site", Site, site_id=hex_id("site_id", site_id))

    @overload
    async def create(
        self, *, sub_domain: str, title: str, reload: Literal[False] = ..., **fields: Any
    ) -> str: ...

    @overload
    async def create(
        self, *, sub_domain: str, title: str, reload: Literal[True], **fields: Any
    ) -> Site: ...

    async def create(
        self, *, sub_domain: str, title: str, reload: bool = False, **fields: Any
    ) -> str | Site:
        """Create a site.

        Args:
            sub_domain: its ``*.helpscoutdocs.com`` name.
            title: its title.
            reload: answer with the created ``Site`` instead of its id.
            **fields: any other setting of ``SITE_FIELDS`` (``company_name``,
                ``home_url``, ``has_contact_form``, ``mailbox_id``...).

        Returns:
            The new site's 24-hex id, or the ``Site`` with ``reload=True``.

        Raises:
            ValidationError: the API refused a field (e.g. a sub-domain taken).
            TypeError, ValueError: an argument is not one the API takes.
        """
        body = _site_body(
            {"sub_domain": text("sub_domain", sub_domain), "title": text("title", title), **fields}
        )
        return await self._make("sites.create", "site", Site, body, reload=reload)

    @overload
    async def update(
        self, site_id: str, *, reload: Literal[False] = ..., **fields: Any
    ) -> None: ...

    @overload
    async def update(self, site_id: str, *, reload: Literal[True], **fields: Any) -> Site: ...

    async def update(self, site_id: str, *, reload: bool = False, **fields: Any) -> Site | None:
        """Change a site's settings; settings not given stay as they are.

        Args:
            site_id: the site's 24-hex id.
            reload: answer with the updated ``Site``.
            **fields: settings of ``SITE_FIELDS`` (``title``, ``bg_color``...).

        Returns:
            ``None``, or the ``Site`` with ``reload=True``.

        Raises:
            NotFound: no such site.
            ValidationError: the API refused a field.
            TypeError, ValueError: an argument is not one the API takes, or none is given.
        """
        body = _site_body(fields)
        if not body:
            raise ValueError("update needs at least one setting to change (title, ...)")
        return await self._change(
            "sites.update", "site", Site, body, reload=reload, site_id=hex_id("site_id", site_id)
        )

    async def delete(self, site_id: str) -> None:
        """Delete a site with its collections, articles and redirects.

        Args:
            site_id: the site's 24-hex id.

        Raises:
            NotFound: no such site.
            TypeError, ValueError: ``site_id`` is not a 24-hex id.
        """
        await self._call("sites.delete", site_id=hex_id("site_id", site_id))

    async def restrictions(self, site_id: str) -> SiteRestrictions:
        """Whether a site is restricted to signed-in readers, and how they sign in.

        Args:
            site_id: the site's 24-hex id.

        Returns:
            The ``SiteRestrictions`` (its shared secret is kept out of ``repr``).

        Raises:
            NotFound: no such site.
            TypeError, ValueError: ``site_id`` is not a 24-hex id.
        """
        response = await self._call("sites.restrictions", site_id=hex_id("site_id", site_id))
        return structure(json_object(response.json(), "sites.restrictions"), SiteRestrictions)

    async def update_restrictions(
        self, site_id: str, *, enabled: bool, sign_in_url: str | None = None
    ) -> SiteRestrictions:
        """Restrict a site to readers signed in through your sign-in page, or open it.

        Args:
            site_id: the site's 24-hex id.
            enabled: restrict the site (``True``) or open it (``False``).
            sign_in_url: where readers sign in (required when ``enabled``).

        Returns:
            The new ``SiteRestrictions``, with the shared secret for signing readers in.

        Raises:
            NotFound: no such site.
            ValidationError: the API refused the settings.
            TypeError, ValueError: an argument is not one the API takes.
        """
        if not isinstance(enabled, bool):
            raise TypeError(f"enabled must be a bool, got {type(enabled).__name__}")
        body: dict[str, Any] = {"enabled": enabled}
        if enabled:
            url = text("sign_in_url", sign_in_url)
            if not str(url).startswith(("https://", "http://")):
                raise ValueError(f"sign_in_url must be an http(s) URL, got {url!r}")
            body["authentication"] = "CALLBACK"
            body["callbackConfiguration"] = {"signInUrl": url}
        response = await self._call(
            "sites.update_restrictions", json=body, site_id=hex_id("site_id", site_id)
        )
        return structure(
            json_object(response.json(), "sites.update_restrictions"), SiteRestrictions
        )


__all__ = ["SITE_FIELDS", "Sites"]
