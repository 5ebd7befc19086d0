"""Help Scout Apps: checking that a request to your app really comes from Help Scout.

Two schemes, both ``base64(HMAC-SHA1(app secret, data))`` compared in constant time:

- **Dynamic (legacy custom) apps** receive a POST whose raw body is signed, the signature
  in the ``X-HelpScout-Signature`` header, exactly like webhooks: :func:`verify_request`.
- **Apps (the current platform)** receive the signature as the ``X-HelpScout-Signature``
  query parameter, computed over PHP's ``json_encode`` of the remaining query parameters
  in the order they arrived (``{"a":"1","b":"x\\/y"}``: no spaces, ``/`` escaped,
  non-ASCII as ``\\uXXXX``), without any parameter that was already part of the app's
  configured URL: :func:`verify_query`.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping

from .webhooks._signature import Secrets, secrets_of, verify

__all__ = ["SIGNATURE_PARAM", "query_payload", "verify_query", "verify_request"]

SIGNATURE_PARAM = "X-HelpScout-Signature"
"""The header (dynamic apps) and query parameter (Apps) carrying the signature."""


def verify_request(secret: Secrets, raw_body: bytes, signature: str | None) -> bool:
    """Check a dynamic app's request: the raw body against ``X-HelpScout-Signature``.

    Args:
        secret: the app's secret key (several during a rotation).
        raw_body: the exact bytes of the request body.
        signature: the header's value (``None`` when absent gives ``False``).

    Returns:
        ``True`` if the signature matches.

    Raises:
        TypeError: ``secret`` or ``raw_body`` has the wrong type.
        ValueError: a secret is empty.
    """
    return verify(secret, raw_body, signature)


def _pairs(params: Mapping[str, str] | Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    items = params.items() if isinstance(params, Mapping) else params
    out: list[tuple[str, str]] = []
    for pair in items:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise TypeError("params must be a mapping or (name, value) pairs")
        name, value = pair
        if not isinstance(name, str) or not isinstance(value, str):
            raise TypeError(f"query parameter {name!r} must map a str to a str")
        out.append((name, value))
    return out


def query_payload(params: Iterable[tuple[str, str]]) -> bytes:
    """The bytes Help Scout signs for these query parameters (PHP ``json_encode``).

    Args:
        params: the parameters to sign, in order, without the signature itself.

    Returns:
        The JSON object as PHP encodes it by default.
    """
    obj = dict(params)  # a repeated name keeps its last value, as PHP's $_REQUEST does
    text = json.dumps(obj, ensure_ascii=True, separators=(",", ":"))
    return text.replace("/", "\\/").encode("ascii")


def verify_query(
    secret: Secrets,
    params: Mapping[str, str] | Iterable[tuple[str, str]],
    *,
    exclude: Collection[str] = (),
) -> bool:
    """Check an App request signed in its query string.

    Args:
        secret: the app's secret key (several during a rotation).
        params: the request's query parameters in arrival order, the signature among
            them (e.g. ``request.query`` of aiohttp, or ``parse_qsl(url.query)``).
        exclude: names of parameters that were part of the app's configured URL;
            Help Scout did not sign them.

    Returns:
        ``True`` if the ``X-HelpScout-Signature`` parameter matches; ``False`` if it is
        missing or wrong.

    Raises:
        TypeError: ``secret`` or ``params`` has the wrong type.
        ValueError: a secret is empty.
    """
    keys = secrets_of(secret)
    pairs = _pairs(params)
    signature = None
    signed: list[tuple[str, str]] = []
    skip = set(exclude)
    for name, value in pairs:
        if name == SIGNATURE_PARAM:
            signature = value
        elif name not in skip:
            signed.append((name, value))
    if signature is None:
        return False
    # a '+' of base64 that a form decoder turned into a space
    signature = signature.strip().replace(" ", "+")
    return verify(list(keys), query_payload(signed), signature)
