"""Building blocks shared by every model: the open enum and the field metadata keys.

The converter (``helpscout_async._convert``) reads the metadata written here; the models never
import the converter, so the two stay decoupled.
"""

import enum
from typing import Any, Final, Self

API_KEY: Final = "helpscout_async.api_key"
"""Field metadata: the JSON key of a field whose key is not the camelCase of its name."""

EMBEDDED: Final = "helpscout_async.embedded"
"""Field metadata: the keys under ``_embedded`` that also fill this field (HAL sub-resources)."""

EMBEDDED_PREFIX: Final = "_embedded."
"""Prefix of a virtual key that lives only under ``_embedded`` (never at the top level)."""


def api_key(key: str) -> dict[str, Any]:
    """Metadata for a field whose JSON key is irregular (not the camelCase of its name)."""
    return {API_KEY: key}


def embedded(*names: str, top_level: bool = True) -> dict[str, Any]:
    """Metadata for a field that Help Scout may send under ``_embedded``.

    ``names`` are the keys tried under ``_embedded`` (e.g. both ``social_profiles`` and
    ``social-profiles``). With ``top_level=False`` the field is read and written only under
    ``_embedded`` (for ``Conversation.threads``, whose top-level ``threads`` is a count).
    """
    meta: dict[str, Any] = {EMBEDDED: names}
    if not top_level:
        meta[API_KEY] = EMBEDDED_PREFIX + names[0]
    return meta


class OpenEnum(enum.StrEnum):
    """A str enum that accepts values Help Scout adds later.

    An unknown value becomes a pseudo-member that keeps its raw string: it compares equal to
    that string, hashes like it, pickles, and is reported by ``is_known`` as ``False``.
    """

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if not isinstance(value, str):
            return None
        pseudo = str.__new__(cls, value)
        pseudo._name_ = value
        pseudo._value_ = value
        # Cache it so the same unknown value is the same object, like a real member.
        return cls._value2member_map_.setdefault(value, pseudo)  # type: ignore[return-value]

    @property
    def is_known(self) -> bool:
        """``True`` for a member declared in the class, ``False`` for a value added later."""
        return type(self)._member_map_.get(self._name_) is self

    def __repr__(self) -> str:
        if self.is_known:
            return super().__repr__()
        return f"<{type(self).__name__} (unknown): {self._value_!r}>"
