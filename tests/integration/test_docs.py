"""The Docs client against the fake Docs API over real HTTP on loopback."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

import helpscout_async as hs
from helpscout_async.testing import FakeHelpScout
from helpscout_async.testing.docs import DocsRateLimits
from helpscout_async.testing.pytest_plugin import HelpScoutFakeFixture

pytestmark = pytest.mark.helpscout_fake(
    rate_limit=None, docs_rate_limit=None, conversations=2, docs_articles=36, seed=4
)

DOCS_FAST = hs.RateLimit(per_minute=100_000, window=1.0, write_weight=1, writes_per_burst=None)


@pytest.fixture
def docs(helpscout_fake: HelpScoutFakeFixture) -> hs.Docs:
    """A Docs client of the fake with a never-waiting policy (closed by the plugin)."""
    return helpscout_fake.docs_client(rate_limit=DOCS_FAST)


def first(records: dict[str, dict]) -> dict:  # type: ignore[type-arg]
    return next(iter(records.values()))


async def test_crud_round_trip(docs: hs.Docs, helpscout_fake: HelpScoutFakeFixture) -> None:
    store = helpscout_fake.docs_store
    site = first(store.sites)
    collection = await docs.collections.create(
        site_id=site["id"], name="Round trip", visibility="private", reload=True
    )
    assert isinstance(collection, hs.DocsCollection)
    assert collection.visibility == hs.DocsVisibility.PRIVATE
    category_id = await docs.categories.create(collection_id=collection.id, name="Steps")
    article_id = await docs.articles.create(
        collection_id=collection.id,
        name="Export your data",
        text="<p>Open <b>Settings</b>.</p>",
        categories=[category_id],
        keywords=["export"],
        status="published",
    )
    article = await docs.articles.get(article_id)
    assert (article.name, article.text, article.categories) == (
        "Export your data",
        "<p>Open <b>Settings</b>.</p>",
        (category_id,),
    )
    assert article.status == hs.ArticleStatus.PUBLISHED
    by_number = await docs.articles.get(article.number or 0)
    assert by_number.id == article_id
    updated = await docs.articles.update(article_id, text="<p>Two steps.</p>", reload=True)
    assert updated.text == "<p>Two steps.</p>"
    revisions = await docs.articles.revisions(article_id).collect()
    assert len(revisions) == 2
    newest = await docs.articles.get_revision(revisions[0].id)
    assert newest.text == "<p>Two steps.</p>"
    await docs.articles.save_draft(article_id, "<p>Draft</p>")
    assert (await docs.articles.get(article_id, draft=True)).text == "<p>Draft</p>"
    assert (await docs.articles.get(article_id)).has_draft is True
    await docs.articles.delete_draft(article_id)
    await docs.articles.update_views(article_id, 3)
    assert (await docs.articles.get(article_id)).view_count == 3
    listed = await docs.articles.list_in_category(category_id).collect()
    assert [a.id for a in listed] == [article_id]
    assert (await docs.collections.get(collection.id)).article_count == 1
    await docs.categories.update(category_id, name="Steps 2")
    assert (await docs.categories.get(category_id)).name == "Steps 2"
    await docs.articles.delete(article_id)
    with pytest.raises(hs.NotFound):
        await docs.articles.get(article_id)
    await docs.collections.delete(collection.id)
    with pytest.raises(hs.NotFound):
        await docs.categories.get(category_id)


async def test_validation_errors_are_typed(
    docs: hs.Docs, helpscout_fake: HelpScoutFakeFixture
) -> None:
    taken = first(helpscout_fake.docs_store.articles)
    with pytest.raises(hs.ValidationError) as caught:
        await docs.articles.create(
            collection_id=taken["collectionId"], name=taken["name"], text="again"
        )
    assert caught.value.status == 400
    assert [e.path for e in caught.value.errors] == ["name"]
    assert caught.value.errors[0].rejected_value == taken["name"]


async def test_streams_walk_every_page(docs: hs.Docs, helpscout_fake: HelpScoutFakeFixture) -> None:
    store = helpscout_fake.docs_store
    collection = first(store.collections)
    expected = {a["id"] for a in store.articles_in(collection["id"])}
    stream = docs.articles.list(collection["id"], page_size=5, sort="number", order="asc")
    pages = [page async for page in stream.pages()]
    assert [p.number for p in pages] == list(range(1, len(pages) + 1))
    assert len(pages) == -(-len(expected) // 5)
    assert pages[0].total_elements == len(expected)
    got = [a for p in pages for a in p.items]
    assert {a.id for a in got} == expected
    assert [a.number for a in got] == sorted(a.number or 0 for a in got)
    raw = await docs.articles.list(collection["id"], page_size=5).raw().collect()
    assert all("text" not in item and "id" in item for item in raw)
    assert len(await docs.articles.list(collection["id"], page_size=5).collect(limit=7)) == 7


async def test_collections_categories_sites(
    docs: hs.Docs, helpscout_fake: HelpScoutFakeFixture
) -> None:
    store = helpscout_fake.docs_store
    collections = await docs.collections.list().collect()
    assert [c.order for c in collections] == [1, 2, 3]
    public = await docs.collections.list(visibility="public").collect()
    assert len(public) == 2
    categories = await docs.categories.list(collections[0].id).collect()
    ids = [c.id for c in categories]
    await docs.categories.update_order(collections[0].id, list(reversed(ids)))
    reordered = await docs.categories.list(collections[0].id).collect()
    assert [c.id for c in reordered] == list(reversed(ids))
    [site] = await docs.sites.list().collect()  # an unwrapped page
    assert site.id == first(store.sites)["id"]
    assert (await docs.sites.get(site.id)).sub_domain == "docs"
    await docs.sites.update(site.id, title="Renamed", has_contact_form=False)
    assert store.sites[site.id]["title"] == "Renamed"
    restricted = await docs.sites.update_restrictions(
        site.id, enabled=True, sign_in_url="https://acme.test/signin"
    )
    assert restricted.callback_configuration is not None
    secret = restricted.callback_configuration.shared_secret
    assert secret
    assert secret not in repr(restricted)
    assert (await docs.sites.restrictions(site.id)) == restricted
    new_site = await docs.sites.create(sub_domain="extra", title="Extra", reload=True)
    assert new_site.title == "Extra"
    await docs.sites.delete(new_site.id)
    with pytest.raises(hs.NotFound):
        await docs.sites.get(new_site.id)


async def test_search(docs: hs.Docs, helpscout_fake: HelpScoutFakeFixture) -> None:
    store = helpscout_fake.docs_store
    target = first(store.articles)
    word = target["name"].split()[-1]
    hits = await docs.articles.search(word).collect()
    assert target["id"] in {h.id for h in hits}
    for hit in hits:
        stored = store.articles[hit.id]
        assert word.lower() in (stored["name"] + stored["text"]).lower()
    site_id = first(store.sites)["id"]
    in_site = await docs.articles.search("*", site_id=site_id).collect()
    assert len(in_site) == len(store.articles)
    private = await docs.articles.search("*", visibility="private").collect()
    assert {h.visibility for h in private} == {hs.DocsVisibility.PRIVATE}


async def test_redirects(docs: hs.Docs, helpscout_fake: HelpScoutFakeFixture) -> None:
    site = first(helpscout_fake.docs_store.sites)
    seeded = await docs.redirects.list(site["id"]).collect()
    assert len(seeded) == 3
    found = await docs.redirects.find(seeded[0].url_mapping or "", site_id=site["id"])
    assert found is not None
    assert found.redirect == seeded[0].redirect
    assert await docs.redirects.find("/nowhere", site_id=site["id"]) is None
    rid = await docs.redirects.create(
        site_id=site["id"], url_mapping="/old", redirect="https://acme.test/new"
    )
    again = await docs.redirects.update(
        rid, site_id=site["id"], url_mapping="/older", redirect="https://acme.test/new", reload=True
    )
    assert again.url_mapping == "/older"
    assert (await docs.redirects.get(rid)).modified_by is not None
    await docs.redirects.delete(rid)
    with pytest.raises(hs.NotFound):
        await docs.redirects.get(rid)


async def test_uploads(docs: hs.Docs, helpscout_fake: HelpScoutFakeFixture) -> None:
    store = helpscout_fake.docs_store
    collection = first(store.collections)
    article = await docs.articles.upload(
        collection_id=collection["id"], file=("faq.md", b"# FAQ\n\nAsk away."), reload=True
    )
    assert article.name == "faq"
    assert article.text == "<h1>FAQ</h1>\n<p>Ask away.</p>"
    asset = await docs.assets.create_article_asset(
        article_id=article.id, file=("a.txt", b"hello", "text/plain"), asset_type="attachment"
    )
    assert asset.filename == "a.txt"
    assert asset.filelink in store.assets
    logo = await docs.assets.create_settings_asset(file=("logo.png", b"x"), asset_type="logo")
    assert logo.filelink is not None


async def test_borrowed_session_stays_open(helpscout_fake: HelpScoutFakeFixture) -> None:
    async with aiohttp.ClientSession() as session:
        async with helpscout_fake.docs_client(session=session, rate_limit=DOCS_FAST) as docs:
            assert len(await docs.sites.list().collect()) == 1
        assert not session.closed


async def test_wrong_key_is_unauthorized(helpscout_fake: HelpScoutFakeFixture) -> None:
    async with helpscout_fake.docs_client(api_key="wrong-key", rate_limit=DOCS_FAST) as docs:
        with pytest.raises(hs.Unauthorized) as caught:
            await docs.sites.list().collect()
    assert "wrong-key" not in str(caught.value)


# --- the budget ---------------------------------------------------------------------------


@pytest.mark.helpscout_fake(
    rate_limit=None, docs_rate_limit=DocsRateLimits(limit=40, window=1.0), docs_articles=30
)
async def test_budget_under_a_scaled_window_meets_no_429(
    helpscout_fake: HelpScoutFakeFixture,
) -> None:
    fake = helpscout_fake.fake
    policy = hs.RateLimit(per_minute=40, window=1.0, write_weight=1, writes_per_burst=None)
    docs = helpscout_fake.docs_client(rate_limit=policy)
    ids = list(fake.docs.store.articles)
    got = await asyncio.gather(*(docs.articles.get(i) for i in ids * 3))
    assert len(got) == 90
    assert fake.docs.metrics.rate_limited == 0
    assert docs.rate_limited == 0
    assert fake.docs.metrics.max_units_in_window <= 40
    status = docs.rate_limit_status
    assert status is not None
    assert status.limit == 40


@pytest.mark.helpscout_fake(
    rate_limit=None, docs_rate_limit=DocsRateLimits(limit=8, window=0.5), docs_articles=12
)
async def test_a_429_storm_is_ridden_out(helpscout_fake: HelpScoutFakeFixture) -> None:
    fake = helpscout_fake.fake
    # A client that believes it may send far more than the server allows.
    docs = helpscout_fake.docs_client(rate_limit=DOCS_FAST, max_retries=20, max_wait=30.0)
    ids = list(fake.docs.store.articles)
    got = await asyncio.gather(*(docs.articles.get(i) for i in ids * 2))
    assert {a.id for a in got} == set(ids)
    assert fake.docs.metrics.rate_limited > 0
    assert docs.rate_limited == fake.docs.metrics.rate_limited
    assert fake.metrics.rate_limited == 0  # the Mailbox budget is not touched


@pytest.mark.helpscout_fake(
    rate_limit=None, docs_rate_limit=DocsRateLimits(limit=2, window=60.0), docs_articles=2
)
async def test_raise_on_rate_limit_says_when_the_window_frees(
    helpscout_fake: HelpScoutFakeFixture,
) -> None:
    docs = helpscout_fake.docs_client(rate_limit=DOCS_FAST, raise_on_rate_limit=True)
    await docs.sites.list().collect()
    await docs.sites.list().collect()
    with pytest.raises(hs.RateLimited) as caught:
        await docs.sites.list().collect()
    assert caught.value.retry_after is not None
    assert 0 < caught.value.retry_after <= 60


async def test_the_budgets_are_separate(
    helpscout_fake: HelpScoutFakeFixture, docs: hs.Docs
) -> None:
    fake: FakeHelpScout = helpscout_fake.fake
    client = helpscout_fake.client(rate_limit=hs.RateLimit(per_minute=1000, window=1.0))
    await docs.sites.list().collect()
    await client.mailboxes.list().collect()
    assert docs.limiter is not client.limiter
    assert fake.docs.metrics.units == 1
    assert fake.metrics.units == 1
