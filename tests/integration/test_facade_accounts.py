"""Named accounts from the environment and from TOML; each its own client and budget."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpscout_async.integration import AccountConfig, Accounts, configs_from_env
from helpscout_async.testing import FakeHelpScout

pytestmark = pytest.mark.helpscout_fake(rate_limit=None, conversations=20, seed=2)


def fake_env(fake: FakeHelpScout) -> dict[str, str]:
    """A default account by client credentials and ``work`` by a static token, both the fake."""
    return {
        "HELPSCOUT_CLIENT_ID": fake.client_id,
        "HELPSCOUT_CLIENT_SECRET": fake.client_secret,
        "HELPSCOUT_BASE_URL": fake.base_url,
        "HELPSCOUT_WORK_ACCESS_TOKEN": fake.issue_token(),
        "HELPSCOUT_WORK_BASE_URL": fake.base_url,
        "HELPSCOUT_WORK_PER_MINUTE": "400",
        "HELPSCOUT_DOCS_API_KEY": "not an account",
        "PATH": "/usr/bin",
    }


async def test_accounts_from_env_call_the_api(fake: FakeHelpScout) -> None:
    async with Accounts.from_env(fake_env(fake)) as acc:
        assert acc.names == ["default", "work"]
        plain = await acc.list_mailboxes({})
        work = await acc.work.list_mailboxes({})
        assert plain == work
        assert plain["page"]["totalElements"] == len(fake.store.mailboxes)
        me = await acc.default.get_current_user({})
        assert me["id"] == fake.store.me_user_id
        # each account: its own client, hence its own token and its own budget
        assert acc.work.client is not acc.default.client
        assert acc.work.client.limiter is not acc.default.client.limiter
        assert acc.work.client.limiter.policy.per_minute == 400  # type: ignore[attr-defined]
        assert acc.work.client.requests_sent == 1
        assert acc.default.client.requests_sent == 2


def test_env_parsing_rules() -> None:
    configs, default = configs_from_env(
        {
            "HELPSCOUT_SUPPORT_CLIENT_ID": "id",
            "HELPSCOUT_SUPPORT_CLIENT_SECRET": "s3cret",
            "HELPSCOUT_MY_TEAM_ACCESS_TOKEN": "t0ken",
            "HELPSCOUT_BASE_URL": "https://api.helpscout.net/v2",  # a setting, not an account
            "HELPSCOUT_DEFAULT_ACCOUNT": "support",
        }
    )
    assert [c.name for c in configs] == ["my_team", "support"]
    assert default == "support"
    shown = repr(configs)
    assert "s3cret" not in shown
    assert "t0ken" not in shown
    with pytest.raises(ValueError, match="account 'work' needs client_id and client_secret"):
        configs_from_env({"HELPSCOUT_WORK_CLIENT_ID": "id"})
    with pytest.raises(ValueError, match="HELPSCOUT_WORK_PER_MINUTE must be a whole number"):
        configs_from_env({"HELPSCOUT_WORK_ACCESS_TOKEN": "t", "HELPSCOUT_WORK_PER_MINUTE": "x"})
    with pytest.raises(ValueError, match="no Help Scout account configured"):
        Accounts.from_env({"PATH": "/usr/bin"})


async def test_default_account_chosen_and_missing() -> None:
    async with Accounts.from_env(
        {"HELPSCOUT_SUPPORT_ACCESS_TOKEN": "t", "HELPSCOUT_DEFAULT_ACCOUNT": "support"}
    ) as acc:
        assert acc.default is acc.support
    async with Accounts.from_env({"HELPSCOUT_SUPPORT_ACCESS_TOKEN": "t0ken-s3cret"}) as acc:
        with pytest.raises(LookupError, match=r"no default account .* configured: support"):
            _ = acc.default
        with pytest.raises(LookupError, match="configured: support"):
            await acc.list_mailboxes({})
        with pytest.raises(AttributeError, match="no account 'work'; configured: support"):
            _ = acc.work
        assert "s3cret" not in repr(acc) + repr(acc.support) + repr(acc.support.client)


def test_account_names_are_checked() -> None:
    with pytest.raises(ValueError, match="'list_conversations' is taken"):
        AccountConfig(name="list_conversations", access_token="t")
    with pytest.raises(ValueError, match="account name 'Work'"):
        AccountConfig(name="Work", access_token="t")


async def test_accounts_from_toml(tmp_path: Path, fake: FakeHelpScout) -> None:
    path = tmp_path / "accounts.toml"
    path.write_text(
        'default = "work"\n'
        "[accounts.work]\n"
        f'client_id = "{fake.client_id}"\n'
        'client_secret_env = "WORK_SECRET"\n'
        f'base_url = "{fake.base_url}"\n'
        "per_minute = 800\n"
        "[accounts.support]\n"
        f'access_token = "{fake.issue_token()}"\n'
        f'base_url = "{fake.base_url}"\n'
    )
    async with Accounts.from_toml(path, {"WORK_SECRET": fake.client_secret}) as acc:
        assert acc.names == ["work", "support"]
        assert acc.default is acc.work
        mine = await acc.list_users({})
        theirs = await acc.support.list_users({})
        assert mine == theirs
        assert mine["page"]["totalElements"] == len(fake.store.users)
        assert acc.work.client.limiter.policy.per_minute == 800  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("[accounts.work]\ntoken = 'x'\n", r"unknown key 'token'; allowed: client_id"),
        ("[accounts.work]\nclient_id = 'a'\nclient_secret_env = 'NOPE'\n", r"names NOPE, which"),
        ("[accounts.work]\naccess_token = 5\n", r"access_token must be a str"),
        ("[accounts.work\n", r"not valid TOML"),
        ("default = 'x'\n", r"no \[accounts.NAME\] tables"),
        ("colour = 'x'\n[accounts.w]\naccess_token = 't'\n", r"unknown key 'colour'"),
    ],
)
def test_bad_toml_is_refused(tmp_path: Path, text: str, pattern: str) -> None:
    path = tmp_path / "accounts.toml"
    path.write_text(text)
    with pytest.raises(ValueError, match=pattern):
        Accounts.from_toml(path, {})
