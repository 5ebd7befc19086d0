"""Saved replies of a mailbox: canned answers with an email and a chat version."""

import attrs

__all__ = ["SavedReply"]


@attrs.frozen(kw_only=True)
class SavedReply:
    """A saved reply.

    List Saved Replies (a bare JSON array) sends ``preview`` and, where a chat version exists,
    ``chat_preview``; Get Saved Reply sends the full ``text`` (HTML) and ``chat_text``.
    """

    id: int
    name: str | None = None
    preview: str | None = None
    chat_preview: str | None = None
    text: str | None = None
    chat_text: str | None = None
