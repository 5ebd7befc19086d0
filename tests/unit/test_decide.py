"""The pure decisions of ``_decide``: recorded (status, headers, body) triples and their outcome."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import helpscout_async as hs
from helpscout_async import _decide
from helpscout_async._decide import Answer, Attempt

SAMPLES = json.loads((Path(__file__).parents[1] / "samples" / "decisions.json").read_text())
URL = "https://api.helpscout.net/v2/x"
ORIGIN = "https://api.helpscout.net:443"
_STATE_KEYS = ("retry", "gone_is_done", "can_refresh", "raise_on_rate_limit", "hops",
               "refreshed", "may_have_applied")  # fmt: skip


def _attempt(sample: dict[str, Any]) -> Attempt:
    state = {k: sample[k] for k in _STATE_KEYS if k in sample}
    return Attempt(method=sample["method"], path="/v2/x", **state)


@pytest.mark.parametrize("sample", SAMPLES, ids=[s["name"] for s in SAMPLES])
def test_recorded_triples(sample: dict[str, Any]) -> None:
    answer = Answer(
        status=sample["status"], headers=sample["headers"], body=sample["body"].encode()
    )
    outcome = _decide.decide(answer, _attempt(sample), url=URL, origin=ORIGIN)
    expect = sample["expect"]
    assert type(outcome).__name__.lower() == expect["outcome"]
    if "error" in expect:
        error = getattr(outcome, "error", None)
        assert type(error) is getattr(hs, expect["error"])
        if "message" in expect:
            assert str(error) == expect["message"]
    if isinstance(outcome, _decide.Done):
        parsed = expect.get("parsed", "UNPARSED")
        assert outcome.parsed == (_decide.UNPARSED if parsed == "UNPARSED" else parsed)
        assert outcome.gone == expect.get("gone", False)
        assert outcome.repeat == expect.get("repeat", False)
    if isinstance(outcome, _decide.Retry):
        assert (outcome.hint, outcome.applied) == (expect["hint"], expect["applied"])
    if isinstance(outcome, _decide.Follow):
        assert (outcome.url, outcome.keep_query) == (expect["url"], expect["keep_query"])


@pytest.mark.parametrize(
    ("retry", "maybe_sent", "transient", "expect"),
    [
        ("idempotent", True, True, "retry"),
        ("idempotent", False, True, "retry"),
        ("post", False, True, "retry"),  # certainly never left: safe to send
        ("post", True, True, "fail"),  # may have arrived: never twice
        ("client-key", True, True, "retry"),
        ("idempotent", False, False, "fail"),  # a TLS failure will not heal
    ],
)
def test_no_answer(retry: Any, maybe_sent: bool, transient: bool, expect: str) -> None:
    failure = hs.TransportError("dropped", method="POST", path="/v2/x", maybe_sent=maybe_sent)
    attempt = Attempt(method="POST", path="/v2/x", retry=retry)
    outcome = _decide.decide_failure(failure, attempt, transient=transient)
    assert type(outcome).__name__.lower() == expect
    assert outcome.error is failure  # type: ignore[union-attr]
    if isinstance(outcome, _decide.Retry):
        assert outcome.applied is maybe_sent


def test_state_after_each_outcome() -> None:
    start = Attempt(method="DELETE", path="/v2/x", gone_is_done=True)
    error = hs.ServerError(status=503, message="x")
    applied = _decide.after(start, _decide.Retry(error, None, applied=True))
    assert applied.may_have_applied
    assert not _decide.after(start, _decide.Retry(error, 1.0)).may_have_applied
    assert _decide.after(start, _decide.Follow(URL, keep_query=True)).hops == 1
    assert _decide.after(start, _decide.Refresh(hs.Unauthorized(status=401, message="x"))).refreshed
    # The rule a row sets: the retried DELETE that then meets a 404 is done.
    gone = _decide.decide(Answer(status=404, headers={}, body=b""), applied, url=URL, origin=ORIGIN)
    assert gone == _decide.Done(gone=True)


def test_the_family_names_its_retry_header() -> None:
    docs = Attempt(method="GET", path="/v1/x", retry_after_headers=("Retry-After",))
    answer = Answer(
        status=429, headers={"X-RateLimit-Retry-After": "9", "Retry-After": "3"}, body=b""
    )
    outcome = _decide.decide(answer, docs, url=URL, origin=ORIGIN)
    assert isinstance(outcome, _decide.Retry)
    assert outcome.hint == 3.0
