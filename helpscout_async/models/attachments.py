"""Attachments: a thread's file metadata, the file data, and the upload body.

Three shapes, three names: ``ThreadAttachment`` is what a thread carries under
``_embedded.attachments`` (metadata and a web URL, no data); ``AttachmentData`` is the answer of
Get Attachment Data (the file as base64); ``AttachmentUpload`` is the body of Upload Attachment
and of the ``attachments`` of a new thread (``fileName``, ``mimeType``, base64 ``data``).
"""

from __future__ import annotations

import base64
import mimetypes
import os
from pathlib import Path

import attrs

from ._base import link

__all__ = ["AttachmentData", "AttachmentUpload", "ThreadAttachment"]


@attrs.frozen(kw_only=True)
class ThreadAttachment:
    """A file attached to a thread (metadata only; the data has its own endpoint).

    ``web_url`` is the attachment's page in Help Scout's web app (``_links.web``); it is read
    from responses and never sent.
    """

    id: int | None = None
    filename: str | None = None
    mime_type: str | None = None
    size: int | None = None
    width: int | None = None
    height: int | None = None
    state: str | None = None
    web_url: str | None = attrs.field(default=None, metadata=link("web"))


@attrs.frozen(kw_only=True)
class AttachmentData:
    """The content of an attachment as Get Attachment Data returns it: base64 text."""

    data: str


@attrs.frozen(kw_only=True)
class AttachmentUpload:
    """An attachment to upload: the file's name, its MIME type and its content as base64.

    ``repr`` leaves the data out (it may be megabytes, and it is the customer's file).
    """

    file_name: str
    mime_type: str
    data: str = attrs.field(repr=False)

    @classmethod
    def from_bytes(
        cls, file_name: str, content: bytes, mime_type: str | None = None
    ) -> AttachmentUpload:
        """An upload of ``content`` (base64 is done here).

        Args:
            file_name: the name the file shows in Help Scout, e.g. ``invoice.pdf``.
            content: the file's bytes (the API takes files up to 10 MB).
            mime_type: its MIME type; guessed from ``file_name`` when not given.

        Returns:
            The ``AttachmentUpload``.

        Raises:
            TypeError: ``content`` is not bytes, or ``file_name`` not a string.
            ValueError: an empty ``file_name``, or no ``mime_type`` and none can be guessed.
        """
        if not isinstance(file_name, str) or not file_name.strip():
            raise ValueError(f"file_name must be a non-empty string, got {file_name!r}")
        if not isinstance(content, (bytes, bytearray, memoryview)):
            raise TypeError(f"content must be bytes, got {type(content).__name__}")
        kind = mime_type or mimetypes.guess_type(file_name)[0]
        if not kind:
            raise ValueError(f"mime_type: cannot guess one from {file_name!r}; pass mime_type=")
        return cls(file_name=file_name, mime_type=kind, data=base64.b64encode(content).decode())

    @classmethod
    def from_path(
        cls, path: str | os.PathLike[str], mime_type: str | None = None
    ) -> AttachmentUpload:
        """An upload of the file at ``path``, named after it (read and base64-encoded here).

        Args:
            path: the file.
            mime_type: its MIME type; guessed from the file name when not given.

        Returns:
            The ``AttachmentUpload``.

        Raises:
            OSError: the file cannot be read.
            ValueError: no ``mime_type`` and none can be guessed.
        """
        found = Path(path)
        return cls.from_bytes(found.name, found.read_bytes(), mime_type)

    def content(self) -> bytes:
        """The file's bytes (``data`` decoded)."""
        return base64.b64decode(self.data)
