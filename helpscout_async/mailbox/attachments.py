"""Attachments: upload a file to a thread, read it back (as bytes or into a file), delete it.

The API moves files as base64 in JSON (upload, Get Attachment Data) or as the raw
file (Download Attachment File); this group does the encoding both ways, so callers
deal in bytes and paths. Uploads are POSTs: never re-sent once they may have arrived.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import os
from pathlib import Path

from .. import _validate as check
from ..errors import HelpScoutError
from ..models import AttachmentData, AttachmentUpload
from ._base import Resource
from ._threads import attachment_bodies


class Attachments(Resource):
    """``client.attachments``: the files of a conversation's threads."""

    async def upload(
        self, conversation_id: int, thread_id: int, attachment: AttachmentUpload
    ) -> int | None:
        """Attach a file to an existing thread.

        Help Scout scans uploads; one found malicious is not served afterwards.

        Args:
            conversation_id: the conversation.
            thread_id: the thread to attach it to.
            attachment: the file, e.g. ``AttachmentUpload.from_path("invoice.pdf")`` or
                ``AttachmentUpload.from_bytes("log.txt", data)`` (base64 is done there).

        Returns:
            The new attachment's id when the API names it (``Resource-ID`` or
            ``Location``), else ``None``: its documented answer is a bare 201.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            NotFound: no such conversation or thread.
            TransportError: no usable answer (not re-sent if it may have arrived).
            APIError: the API refused it (e.g. ``ValidationError``).
        """
        (body,) = attachment_bodies("attachment", [attachment])
        response = await self._call(
            "attachments.upload", json=body, conversation_id=conversation_id, thread_id=thread_id
        )
        return response.resource_id

    async def data(self, conversation_id: int, attachment_id: int) -> bytes:
        """An attachment's content, from Get Attachment Data (base64 decoded here).

        Args:
            conversation_id: the conversation.
            attachment_id: the attachment (``ThreadAttachment.id``).

        Returns:
            The file's bytes.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such attachment.
            HelpScoutError: the answer's ``data`` is not base64.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        found = await self._fetch(
            "attachments.data",
            AttachmentData,
            conversation_id=conversation_id,
            attachment_id=attachment_id,
        )
        try:
            return base64.b64decode(found.data, validate=True)
        except (binascii.Error, ValueError):
            raise HelpScoutError(
                f"attachment {attachment_id}: the API's data is not base64"
            ) from None

    async def download(
        self,
        conversation_id: int,
        attachment_id: int,
        *,
        to: str | os.PathLike[str] | None = None,
    ) -> bytes:
        """An attachment's file as served (Download Attachment File), optionally saved.

        Args:
            conversation_id: the conversation.
            attachment_id: the attachment (``ThreadAttachment.id``).
            to: a file path to write it to (replaced if it exists; written whole, after
                the download, so a failed download leaves no partial file).

        Returns:
            The file's bytes.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            NotFound: no such attachment.
            OSError: ``to`` cannot be written.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        target = None if to is None else Path(to)
        response = await self._call(
            "attachments.download", conversation_id=conversation_id, attachment_id=attachment_id
        )
        if target is not None:
            await asyncio.to_thread(_write_whole, target, response.body)
        return response.body

    async def delete(self, conversation_id: int, attachment_id: int) -> None:
        """Delete an attachment (a repeat after a lost answer that finds it gone is done).

        Args:
            conversation_id: the conversation.
            attachment_id: the attachment.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such attachment.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        check.positive_id("attachment_id", attachment_id)
        await self._send(
            "attachments.delete", conversation_id=conversation_id, attachment_id=attachment_id
        )


def _write_whole(target: Path, content: bytes) -> None:
    """Write ``content`` to ``target`` through a ``.part`` file renamed at the end."""
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(content)
    partial.replace(target)
