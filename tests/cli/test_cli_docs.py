"""``helpscout-async export articles|collections|categories|sites|redirects`` (the Docs API)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

import helpscout_async as hs
from helpscout_async.docs import DocsCheckpoint, export_docs
from helpscout_async.sync import JsonlSink, Record
from helpscout_async.testing import FakeHelpScout
from helpscout_async.testing.docs import DocsRateLimits

from .conftest import clean_env, read_jsonl, spawn

FAST = hs.RateLimit(per_minute=100_000, window=1.0, write_weight=1, writes_per_burst=None)


async def test_demo_exports_every_article_with_its_text(tmp_path: Path) -> None:
    out = tmp_path / "docs.jsonl"
    result = await spawn("export", "articles", "--out", str(out), env=clean_env())
    assert result.code == 0, result.err
    assert result.out.startswith("No HELPSCOUT_DOCS_API_KEY set: exporting from an embedded fake")
    expected = FakeHelpScout(conversations=1, docs_articles=400).docs.store.articles
    rows = read_jsonl(out)
    assert {r["id"] for r in rows} == set(expected)
    assert len(rows) == len(expected)
    assert all(r["text"] == expected[r["id"]]["text"] for r in rows)
    assert "429s        0" in result.out


@pytest.mark.parametrize(
    ("resource", "count"), [("collections", 3), ("categories", 9), ("sites", 1), ("redirects", 3)]
)
async def test_small_resources(run: Any, tmp_path: Path, resource: str, count: int) -> None:
    out = tmp_path / f"{resource}.jsonl"
    result = await run("export", resource, "--out", str(out))
    assert result.code == 0, result.err
    assert len(read_jsonl(out)) == count


async def test_against_a_docs_key(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fake advertises a big budget, which the client adopts (X-RateLimit-Limit).
    limits = DocsRateLimits(limit=600_000)
    async with FakeHelpScout(
        conversations=1, docs_articles=12, seed=2, docs_rate_limit=limits
    ) as fake:
        monkeypatch.setenv("HELPSCOUT_DOCS_API_KEY", fake.docs_api_key)
        monkeypatch.setenv("HELPSCOUT_DOCS_BASE_URL", fake.docs_base_url)
        out = tmp_path / "a.jsonl"
        result = await run("export", "articles", "--out", str(out))
        assert result.code == 0, result.err
        assert result.out.startswith(f"Exporting articles from {fake.docs_base_url}")
        assert {r["id"] for r in read_jsonl(out)} == set(fake.docs.store.articles)
        monkeypatch.setenv("HELPSCOUT_DOCS_API_KEY", "wrong")
        result = await run("export", "articles", "--out", str(tmp_path / "b.jsonl"))
        assert result.code == 1
        assert "401" in result.err
        assert "wrong" not in result.err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "articles", "--out", "x.csv"], "export to .jsonl only"),
        (["export", "collections", "--out", "x.jsonl", "--state", "s.json"], "--state applies"),
        (["export", "articles", "--out", "x.jsonl", "--since", "2024-01-01"], "--since applies"),
    ],
)
async def test_usage_errors(run: Any, tmp_path: Path, argv: list[str], message: str) -> None:
    argv = [str(tmp_path / a) if a.endswith((".csv", ".jsonl", ".json")) else a for a in argv]
    result = await run(*argv)
    assert result.code == 2
    assert message in result.err


class _Crash(Exception):
    pass


class CrashingSink(JsonlSink):
    """A JSONL sink that fails on the ``fail_at``-th page (1-based), after writing none of it."""

    def __init__(self, path: Path, *, fail_at: int, append: bool = False) -> None:
        super().__init__(path, append=append)
        self.pages = 0
        self.fail_at = fail_at

    async def write(self, records: Sequence[Record]) -> None:
        self.pages += 1
        if self.pages == self.fail_at:
            raise _Crash
        await super().write(records)


async def test_an_interrupted_articles_export_resumes_without_loss(tmp_path: Path) -> None:
    out, state = tmp_path / "a.jsonl", tmp_path / "a.state"
    async with (
        FakeHelpScout(conversations=1, docs_articles=130, docs_rate_limit=None, seed=9) as fake,
        hs.Docs(api_key=fake.docs_api_key, base_url=fake.docs_base_url, rate_limit=FAST) as docs,
    ):
        sink = CrashingSink(out, fail_at=2)
        with pytest.raises(_Crash):
            await export_docs(docs, "articles", sink, state=state)
        await sink.close()
        first = read_jsonl(out)
        assert 0 < len(first) < 130
        saved = DocsCheckpoint.load(state)
        assert saved.written == len(first)
        assert not saved.complete
        # Articles added meanwhile are picked up; what was written is not fetched again.
        gets_before = fake.docs.metrics.requests["GET /v1/articles/{article_id_or_number}"]
        resumed = JsonlSink(out, append=True)
        stats = await export_docs(docs, "articles", resumed, state=state)
        await resumed.close()
        gets = fake.docs.metrics.requests["GET /v1/articles/{article_id_or_number}"] - gets_before
    rows = read_jsonl(out)
    ids = [r["id"] for r in rows]
    assert set(ids) == set(fake.docs.store.articles)
    assert len(ids) == len(set(ids)) == 130  # nothing lost, nothing twice
    assert stats.finished
    assert gets == 130 - len(first)
    assert DocsCheckpoint.load(state).complete


async def test_export_figures_against_the_budget(tmp_path: Path) -> None:
    """Articles exported per window against a scaled Docs budget: paced, no 429."""
    window = 1.0
    async with (
        FakeHelpScout(
            conversations=1,
            docs_articles=150,
            docs_rate_limit=DocsRateLimits(limit=100, window=window),
        ) as fake,
        hs.Docs(
            api_key=fake.docs_api_key,
            base_url=fake.docs_base_url,
            rate_limit=hs.RateLimit(
                per_minute=100, window=window, write_weight=1, writes_per_burst=None
            ),
        ) as docs,
    ):
        sink = JsonlSink(tmp_path / "a.jsonl")
        stats = await export_docs(docs, "articles", sink)
        await sink.close()
        assert stats.written == 150
        assert fake.docs.metrics.rate_limited == 0
        assert fake.docs.metrics.max_units_in_window <= 100
        assert docs.requests_sent == 150 + 3 + 1  # gets, a list page per collection, collections
