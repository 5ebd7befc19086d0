"""Docs assets: files uploaded for articles and for the sites' settings."""

from __future__ import annotations

from .._convert import structure
from ..models.docs import DocsAsset
from ._base import (
    DocsResource,
    FormField,
    UploadFile,
    choice,
    hex_id,
    json_object,
    text,
)


class Assets(DocsResource):
    """``docs.assets``: files uploaded for articles and for the sites' settings."""

    async def create_article_asset(
        self,
        *,
        article_id: str,
        file: UploadFile,
        asset_type: str = "image",
        file_name: str | None = None,
    ) -> DocsAsset:
        """Upload an inline image or an attachment for an article (multipart).

        Args:
            article_id: the 24-hex id of the article it belongs to.
            file: ``(filename, content)`` or ``(filename, content, content_type)``.
            asset_type: ``image`` (shown in the text) or ``attachment`` (linked).
            file_name: the name to store it under (the file's by default).

        Returns:
            The ``DocsAsset``: its link and, for an image, its size.

        Raises:
            ValidationError: the API refused a field.
            TypeError, ValueError: an argument is not one the API takes.
        """
        form: list[FormField] = [
            ("key", self._api_key),
            ("articleId", hex_id("article_id", article_id)),
            ("assetType", str(choice("asset_type", asset_type, ("image", "attachment")))),
            ("file", self._file_field("file", file)),
        ]
        if file_name is not None:
            form.append(("fileName", str(text("file_name", file_name))))
        return await self._upload("assets.create_article_asset", form)

    async def create_settings_asset(
        self, *, file: UploadFile, asset_type: str, site_id: str | None = None
    ) -> DocsAsset:
        """Upload a logo, favicon or touch icon for the Docs settings (multipart).

        Args:
            file: ``(filename, content)`` or ``(filename, content, content_type)``.
            asset_type: ``logo``, ``favicon`` or ``touchicon``.
            site_id: the 24-hex id of the site it is for.

        Returns:
            The ``DocsAsset``: its link and, for an image, its size.

        Raises:
            ValidationError: the API refused a field.
            TypeError, ValueError: an argument is not one the API takes.
        """
        kinds = ("logo", "favicon", "touchicon")
        form: list[FormField] = [
            ("key", self._api_key),
            ("assetType", str(choice("asset_type", asset_type, kinds))),
            ("file", self._file_field("file", file)),
        ]
        if site_id is not None:
            form.append(("siteId", hex_id("site_id", site_id)))
        return await self._upload("assets.create_settings_asset", form)

    async def _upload(self, name: str, form: list[FormField]) -> DocsAsset:
        response = await self._call(name, form=form)
        return structure(json_object(response.json(), name), DocsAsset)


__all__ = ["Assets"]
