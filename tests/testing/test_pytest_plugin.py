"""The pytest plugin, exercised the way a user would: a test file run by pytester."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

USER_TESTS = """
import aiohttp
import pytest

from helpscout_async.testing import FaultRule, FakeRateLimits

SEEN = {}


async def token(session, fake):
    form = {"grant_type": "client_credentials", "client_id": fake.client_id,
            "client_secret": fake.client_secret}
    async with session.post(f"{fake.base_url}/oauth2/token", data=form) as r:
        assert r.status == 200
        return (await r.json())["access_token"]


async def get(session, url, bearer):
    async with session.get(url, headers={"Authorization": f"Bearer {bearer}"}) as r:
        return r.status, r.headers, await r.read()


@pytest.mark.helpscout_fake(seed=3, conversations=12)
async def test_marker_configures_the_fake(helpscout_fake):
    fake = helpscout_fake.fake
    assert fake.seed == 3
    assert len(fake.store.conversations) + len(fake.store.merged) == 12
    assert helpscout_fake.base_url == fake.base_url
    assert helpscout_fake.base_url.startswith("http://127.0.0.1:")
    async with aiohttp.ClientSession() as session:
        bearer = await token(session, fake)
        status, _, body = await get(
            session, f"{helpscout_fake.base_url}/conversations?status=all", bearer
        )
    assert status == 200
    assert b'"totalElements":' in body or b'"totalElements": ' in body
    SEEN["url"] = helpscout_fake.base_url


async def test_the_previous_fake_is_stopped(helpscout_fake):
    assert helpscout_fake.fake.seed == 0
    assert len(helpscout_fake.store.conversations) + len(helpscout_fake.store.merged) == 50
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.ClientConnectionError):
            await session.get(SEEN["url"] + "/users/me")


@pytest.mark.helpscout_fake(faults=[FaultRule("error", times=1, status=503)], rate_limit=None)
@pytest.mark.parametrize("attempt", [1, 2])
async def test_each_test_gets_fresh_fault_rules(helpscout_fake, attempt):
    async with aiohttp.ClientSession() as session:
        bearer = await token(session, helpscout_fake.fake)
        first, _, _ = await get(session, f"{helpscout_fake.base_url}/users/me", bearer)
        second, _, _ = await get(session, f"{helpscout_fake.base_url}/users/me", bearer)
    assert (first, second) == (503, 200)


@pytest.mark.helpscout_fake(rate_limit=FakeRateLimits(per_minute=3), conversations=5)
async def test_rate_limit_from_the_marker(helpscout_fake):
    statuses = []
    async with aiohttp.ClientSession() as session:
        bearer = await token(session, helpscout_fake.fake)
        for _ in range(5):
            status, headers, _ = await get(session, f"{helpscout_fake.base_url}/users/me", bearer)
            statuses.append(status)
    assert statuses[:3] == [200, 200, 200]
    assert 429 in statuses
    assert "X-RateLimit-Retry-After" in headers


@pytest.mark.helpscout_fake(conversations=8)
async def test_client_factory(helpscout_fake):
    hs = helpscout_fake.client(max_retries=1)
    assert hs.base_url == helpscout_fake.base_url
    me = await hs.users.me()
    assert me.id == helpscout_fake.store.me_user_id
    closed = []
    original = hs.aclose

    async def spy():
        closed.append(True)
        await original()

    hs.aclose = spy
    SEEN["closed"] = closed


def test_clients_were_closed_at_teardown():
    assert SEEN["closed"] == [True]
"""


def run(pytester: pytest.Pytester, *args: str, mode: str = "auto") -> pytest.RunResult:
    """Run the user's test file with the plugin as installed."""
    pytester.makeini(
        f"""
        [pytest]
        asyncio_mode = {mode}
        asyncio_default_fixture_loop_scope = function
        filterwarnings = error
        """
    )
    return pytester.runpytest("-p", "no:cacheprovider", *args)


def test_fixture_marker_faults_limits_and_client_in_auto_mode(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_user=USER_TESTS)
    result = run(pytester, "-v", "--strict-markers")
    result.assert_outcomes(passed=7)


def test_fixture_works_in_strict_mode_with_command_line_options(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        test_strict="""
        import pytest

        @pytest.mark.asyncio
        async def test_options(helpscout_fake):
            assert helpscout_fake.fake.seed == 5
            store = helpscout_fake.store
            assert len(store.conversations) + len(store.merged) == 7
            assert helpscout_fake.faults is helpscout_fake.fake.faults
            assert helpscout_fake.metrics is helpscout_fake.fake.metrics

        @pytest.mark.asyncio
        @pytest.mark.helpscout_fake(conversations=4)
        async def test_marker_beats_options(helpscout_fake):
            assert helpscout_fake.fake.seed == 5
            store = helpscout_fake.store
            assert len(store.conversations) + len(store.merged) == 4
        """
    )
    result = run(
        pytester,
        "--helpscout-fake-seed=5",
        "--helpscout-fake-conversations=7",
        mode="strict",
    )
    result.assert_outcomes(passed=2)


def test_closest_marker_wins_and_unknown_options_are_reported(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_markers="""
        import pytest

        pytestmark = pytest.mark.helpscout_fake(seed=9, conversations=6)

        @pytest.mark.helpscout_fake(conversations=3)
        async def test_closest(helpscout_fake):
            assert helpscout_fake.fake.seed == 9
            store = helpscout_fake.store
            assert len(store.conversations) + len(store.merged) == 3

        @pytest.mark.helpscout_fake(colour="blue")
        async def test_unknown(helpscout_fake):
            pass
        """
    )
    result = run(pytester)
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*unknown option(s) colour*"])


def test_marker_and_options_are_documented(pytester: pytest.Pytester) -> None:
    result = run(pytester, "--markers")
    result.stdout.fnmatch_lines(["*@pytest.mark.helpscout_fake(**options)*"])
    result = run(pytester, "--help")
    result.stdout.fnmatch_lines(["*--helpscout-fake-seed*", "*--helpscout-fake-conversations*"])


def test_without_pytest_asyncio_the_fixture_says_what_to_install(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        test_sync="""
        def test_plain():
            pass

        def test_fixture(helpscout_fake):
            raise AssertionError("not reached")
        """
    )
    pytester.makeini("[pytest]\nfilterwarnings = error\n")
    result = pytester.runpytest("-p", "no:cacheprovider", "-p", "no:asyncio")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*the helpscout_fake fixture needs pytest-asyncio*"])
