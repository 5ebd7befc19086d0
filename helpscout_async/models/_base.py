"""Building blocks shared by every model: the open enum and the field metadata keys.

The converter (``helpscout_async._convert``) reads the metadata written here; the models never
import the converter, so the two stay decoupled.
"""

import enum
import threading
from collections import OrderedDict
from typing import Any, Final, Self

__all__ = [
    "API_KEY",
    "EMBEDDED",
    "EMBEDDED_PREFIX",
    "LINK",
    "PSEUDO_MEMBER_CACHE_SIZE",
    "OpenEnum",
    "api_key",
    "embedded",
    "link",
]

API_KEY: Final = "helpscout_async.api_key"
"""Field metadata: the JSON key of a field whose key is not the camelCase of its name."""

EMBEDDED: Final = "helpscout_async.embedded"
"""Field metadata: the keys under ``_embedded`` that also fill this field (HAL sub-resources)."""

EMBEDDED_PREFIX: Final = "_embedded."
"""Prefix of a virtual key that lives only under ``_embedded`` (never at the top level)."""

LINK: Final = "helpscout_async.link"
"""Field metadata: the ``_links`` relation whose ``href`` fills this field (e.g. ``web``)."""

PSEUDO_MEMBER_CACHE_SIZE: Final = 256
"""How many distinct unknown values each open enum keeps as shared pseudo-members."""


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


def link(rel: str) -> dict[str, Any]:
    """Metadata for a field read from ``_links.<rel>.href`` (never sent back)."""
    return {LINK: rel, API_KEY: f"_links.{rel}"}


_pseudo_lock = threading.Lock()
_pseudo: dict[type["OpenEnum"], OrderedDict[str, "OpenEnum"]] = {}


class OpenEnum(enum.StrEnum):
    """A str enum that accepts values Help Scout adds later.

    An unknown value becomes a pseudo-member that keeps its raw string: it compares equal to
    that string, hashes like it, pickles, and is reported by ``is_known`` as ``False``.

    Pseudo-members are never registered in the enum class (a hostile or buggy server could
    otherwise grow it without end, one entry per distinct value). The most recent
    ``PSEUDO_MEMBER_CACHE_SIZE`` distinct unknown values of each class are kept in a small LRU
    so that a repeated value is usually the same object; compare with ``==``, never ``is``.
    """

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if not isinstance(value, str):
            return None
        with _pseudo_lock:
            cache = _pseudo.setdefault(cls, OrderedDict())
            found = cache.get(value)
            if found is not None:
                cache.move_to_end(value)
                return found  # type: ignore[return-value]
            pseudo = str.__new__(cls, value)
            pseudo._name_ = value
            pseudo._value_ = value
            cache[value] = pseudo
            if len(cache) > PSEUDO_MEMBER_CACHE_SIZE:
                cache.popitem(last=False)
        return pseudo

    @property
    def is_known(self) -> bool:
        """``True`` for a member declared in the class, ``False`` for a value added later."""
        return type(self)._member_map_.get(self._name_) is self

    def __repr__(self) -> str:
        if self.is_known:
            return super().__repr__()
        return f"<{type(self).__name__} (unknown): {self._value_!r}>"
