"""Attachments: a thread's file metadata, the file data, and the upload body.

Three shapes, three names: ``ThreadAttachment`` is what a thread carries under
``_embedded.attachments`` (metadata and a web URL, no data); ``AttachmentData`` is the answer of
Get Attachment Data (the file as base64); ``AttachmentUpload`` is the body of Upload Attachment
and of the ``attachments`` of a new thread (``fileName``, ``mimeType``, base64 ``data``).
"""

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
