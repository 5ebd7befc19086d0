"""The pure retry rules of ``_retry``: which answers are retried, how long to wait."""

from __future__ import annotations

import email.utils
import random
import time

import pytest

from helpscout_async import _retry

NOW = 1_700_000_000.0


@pytest.mark.parametrize(
    ("method", "idempotent"),
    [
        ("GET", True),
        ("get", True),
        ("PUT", True),
        ("PATCH", True),
        ("DELETE", True),
        ("POST", False),
        ("post", False),
    ],
)
def test_is_idempotent(method: str, idempotent: bool) -> None:
    assert _retry.is_idempotent(method) is idempotent


@pytest.mark.parametrize(
    ("method", "status", "retry"),
    [
        # 429: the server refused the request, so even a POST may be sent again.
        ("GET", 429, True),
        ("PUT", 429, True),
        ("PATCH", 429, True),
        ("DELETE", 429, True),
        ("POST", 429, True),
        # 5xx: the request may have taken effect; only idempotent methods go again.
        ("GET", 500, True),
        ("GET", 502, True),
        ("GET", 503, True),
        ("GET", 504, True),
        ("PUT", 503, True),
        ("PATCH", 500, True),
        ("DELETE", 502, True),
        ("POST", 500, False),
        ("POST", 502, False),
        ("POST", 503, False),
        ("POST", 504, False),
        # Everything else is final.
        ("GET", 400, False),
        ("GET", 401, False),
        ("GET", 403, False),
        ("GET", 404, False),
        ("GET", 409, False),
        ("GET", 412, False),
        ("GET", 413, False),
        ("GET", 423, False),
        ("GET", 501, False),
        ("GET", 505, False),
        ("POST", 400, False),
        ("POST", 404, False),
        ("GET", 200, False),
        ("GET", 301, False),
    ],
)
def test_should_retry_status(method: str, status: int, retry: bool) -> None:
    assert _retry.should_retry_status(method, status) is retry


@pytest.mark.parametrize(
    ("method", "maybe_sent", "retry"),
    [
        ("GET", True, True),
        ("GET", False, True),
        ("PUT", True, True),
        ("PATCH", True, True),
        ("DELETE", True, True),
        ("POST", False, True),  # refused before sending: nothing reached the server
        ("POST", True, False),  # timeout or dropped connection: it may have been sent
    ],
)
def test_should_retry_failure(method: str, maybe_sent: bool, retry: bool) -> None:
    assert _retry.should_retry_failure(method, maybe_sent=maybe_sent) is retry


def http_date(offset: float) -> str:
    return email.utils.formatdate(NOW + offset, usegmt=True)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, None),
        ({"X-RateLimit-Retry-After": "7"}, 7.0),
        ({"X-RateLimit-Retry-After": " 12 "}, 12.0),
        ({"X-RateLimit-Retry-After": "2.5"}, 2.5),
        ({"X-RateLimit-Retry-After": "0"}, 0.0),
        ({"Retry-After": "3"}, 3.0),
        ({"Retry-After": "0.25"}, 0.25),
        # The rate-limit header wins over the generic one.
        ({"X-RateLimit-Retry-After": "4", "Retry-After": "30"}, 4.0),
        # An HTTP date is a moment: the wait is the time until it.
        ({"Retry-After": http_date(90)}, 90.0),
        # A moment already past means "now".
        ({"Retry-After": http_date(-90)}, 0.0),
        # Garbage is ignored, and the other header (if any) is used.
        ({"Retry-After": "soon"}, None),
        ({"Retry-After": ""}, None),
        ({"X-RateLimit-Retry-After": "abc", "Retry-After": "5"}, 5.0),
        ({"X-RateLimit-Retry-After": "abc"}, None),
        ({"Retry-After": "Mon, 99 Foo 20xx"}, None),
        ({"Retry-After": "nan"}, None),
        # A negative number of seconds is as unreadable as garbage.
        ({"Retry-After": "-5"}, None),
        ({"X-RateLimit-Retry-After": "-1", "Retry-After": "6"}, 6.0),
    ],
)
def test_retry_after(headers: dict[str, str], expected: float | None) -> None:
    got = _retry.retry_after(headers, now=NOW)
    if expected is None:
        assert got is None
    else:
        assert got == pytest.approx(expected, abs=1e-6)


def test_retry_after_date_without_zone_is_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    # RFC 5322 "-0000" means UTC with no known local offset; it must not be read as local time.
    raw = email.utils.formatdate(NOW + 60).rsplit(" ", 1)[0] + " -0000"
    monkeypatch.setenv("TZ", "EST+5")  # a machine five hours behind UTC
    time.tzset()
    try:
        assert _retry.retry_after({"Retry-After": raw}, now=NOW) == pytest.approx(60, abs=1e-6)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_retry_after_reads_case_insensitive_headers() -> None:
    from multidict import CIMultiDict

    headers = CIMultiDict({"x-ratelimit-retry-after": "9"})
    assert _retry.retry_after(headers, now=NOW) == 9.0


@pytest.mark.parametrize("attempt", range(12))
def test_backoff_bounds(attempt: int) -> None:
    rng = random.Random(attempt)
    ceiling = min(30.0, 0.5 * 2**attempt)
    waits = [_retry.backoff(attempt, rng=rng) for _ in range(200)]
    assert all(0.0 <= w <= ceiling for w in waits)
    # Full jitter: the waits spread over the range instead of all being the ceiling.
    assert max(waits) > 0.5 * ceiling
    assert min(waits) < 0.5 * ceiling


def test_backoff_custom_base_and_cap() -> None:
    rng = random.Random(1)
    assert all(_retry.backoff(10, base=0.01, cap=0.2, rng=rng) <= 0.2 for _ in range(100))
    assert all(_retry.backoff(0, base=0.01, cap=5.0, rng=rng) <= 0.01 for _ in range(100))


def test_backoff_is_deterministic_for_a_seed() -> None:
    a = [_retry.backoff(i, rng=random.Random(7)) for i in range(5)]
    b = [_retry.backoff(i, rng=random.Random(7)) for i in range(5)]
    assert a == b


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("200", 200),
        (" 42 ", 42),
        ("199.0", 199),
        ("x", None),
        ("", None),
        ("inf", None),
        ("-inf", None),
        ("nan", None),
        ("1e400", None),
    ],
)
def test_int_header(raw: str | None, expected: int | None) -> None:
    headers = {} if raw is None else {"X-RateLimit-Limit-Minute": raw}
    assert _retry.int_header(headers, "X-RateLimit-Limit-Minute") == expected
