"""Named accounts: a default account and any number of named ones, each its own client.

``acc.list_conversations(...)`` and ``acc.default.list_conversations(...)`` use the
default account, ``acc.work.list_conversations(...)`` the account named ``work``;
the functions are the same on each, only the credentials differ. Each account has
its own client, token and rate budget (Help Scout budgets per account).

Accounts come from the environment or a TOML file:

- ``HELPSCOUT_CLIENT_ID`` / ``HELPSCOUT_CLIENT_SECRET`` (or ``HELPSCOUT_ACCESS_TOKEN``)
  for the default, ``HELPSCOUT_<NAME>_CLIENT_ID`` / ``_CLIENT_SECRET`` (or
  ``_ACCESS_TOKEN``) for the account ``<name>``; ``..._BASE_URL`` and
  ``..._PER_MINUTE`` (the plan's budget) alike; ``HELPSCOUT_DEFAULT_ACCOUNT=<name>``
  makes a named account the default.
- a TOML file: ``default = "work"`` (optional) and one ``[accounts.<name>]`` table each
  with ``client_id``/``client_secret`` or ``access_token`` (or ``client_secret_env`` /
  ``access_token_env``: the name of an environment variable holding it), and optional
  ``base_url`` and ``per_minute``.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

import attrs

from ..client import HelpScout
from ..ratelimit import RateLimit
from ._spec import BY_NAME
from .account import Account

_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_ENV = re.compile(
    r"^HELPSCOUT_(?:(?P<name>[A-Z][A-Z0-9_]*?)_)?"
    r"(?P<key>CLIENT_ID|CLIENT_SECRET|ACCESS_TOKEN|BASE_URL|PER_MINUTE)$"
)
_TOML_KEYS = (
    "client_id",
    "client_secret",
    "client_secret_env",
    "access_token",
    "access_token_env",
    "base_url",
    "per_minute",
)
_RESERVED = frozenset(
    {"default", "names", "get", "aclose", "call", "from_env", "from_toml", "from_configs"}
)


@attrs.frozen(kw_only=True)
class AccountConfig:
    """How to reach one account. Secrets never appear in its repr.

    Attributes:
        name: ``default`` or a lowercase identifier.
        client_id, client_secret: an OAuth app's credentials (client-credentials flow).
        access_token: a token obtained elsewhere (instead of the two above).
        base_url: the API root (default: the real API).
        per_minute: the plan's budget (200 Standard, 400 Plus, 800 Pro); the client
            also learns it from the API's headers.
    """

    name: str
    client_id: str | None = None
    client_secret: str | None = attrs.field(default=None, repr=False)
    access_token: str | None = attrs.field(default=None, repr=False)
    base_url: str | None = None
    per_minute: int | None = None

    def __attrs_post_init__(self) -> None:
        check_name(self.name)
        if not (self.access_token or (self.client_id and self.client_secret)):
            raise ValueError(
                f"account {self.name!r} needs client_id and client_secret, or access_token"
            )
        if self.per_minute is not None and (
            type(self.per_minute) is not int or self.per_minute < 1
        ):
            raise ValueError(f"account {self.name!r}: per_minute must be a positive integer")

    def client(self, **options: Any) -> HelpScout:
        """A new client of this account (``options`` go to ``HelpScout``)."""
        if self.per_minute is not None and "rate_limit" not in options:
            options["rate_limit"] = RateLimit(per_minute=self.per_minute)
        if self.access_token:
            return HelpScout(access_token=self.access_token, base_url=self.base_url, **options)
        return HelpScout(
            client_id=self.client_id,
            client_secret=self.client_secret,
            base_url=self.base_url,
            **options,
        )


def check_name(name: str) -> str:
    """``name`` if it can name an account (``acc.<name>``), else ``ValueError``."""
    if not isinstance(name, str) or not _NAME.match(name):
        raise ValueError(
            f"account name {name!r}: use a lowercase letter, then letters, digits or _"
        )
    if name != "default" and (name in _RESERVED or name in BY_NAME):
        raise ValueError(f"account name {name!r} is taken by a function or attribute")
    return name


def configs_from_env(env: Mapping[str, str] | None = None) -> tuple[list[AccountConfig], str]:
    """The accounts the environment configures, and the name of the default one.

    Raises:
        ValueError: an account with half its credentials, a bad name or budget.
    """
    env = os.environ if env is None else env
    found: dict[str, dict[str, Any]] = {}
    for var, value in env.items():
        match = _ENV.match(var)
        if match is None or not value:
            continue
        name = (match.group("name") or "DEFAULT").lower()
        key = match.group("key").lower()
        found.setdefault(name, {})[key] = value
    configs = []
    for name, values in sorted(found.items()):
        if set(values) <= {"base_url", "per_minute"}:
            continue  # e.g. HELPSCOUT_BASE_URL alone: settings, not an account
        raw = values.pop("per_minute", None)
        per_minute = _int(
            raw, f"HELPSCOUT_{'' if name == 'default' else name.upper() + '_'}PER_MINUTE"
        )
        configs.append(AccountConfig(name=name, per_minute=per_minute, **values))
    return configs, (env.get("HELPSCOUT_DEFAULT_ACCOUNT") or "default").lower()


def configs_from_toml(
    path: str | Path, env: Mapping[str, str] | None = None
) -> tuple[list[AccountConfig], str]:
    """The accounts of a TOML file, and the name of the default one.

    Raises:
        ValueError: unreadable TOML, unknown keys (the message lists the allowed ones),
            a variable named by ``*_env`` that is not set, bad names or values.
        OSError: the file cannot be read.
    """
    env = os.environ if env is None else env
    with open(path, "rb") as fh:
        try:
            data = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{path}: not valid TOML: {exc}") from None
    extra = sorted(set(data) - {"default", "accounts"})
    if extra:
        raise ValueError(f"{path}: unknown key {extra[0]!r}; allowed: default, [accounts.NAME]")
    tables = data.get("accounts", {})
    if not isinstance(tables, dict) or not tables:
        raise ValueError(f"{path}: no [accounts.NAME] tables")
    configs = []
    for name, table in tables.items():
        if not isinstance(table, dict):
            raise ValueError(f"{path}: accounts.{name} must be a table")
        unknown = sorted(set(table) - set(_TOML_KEYS))
        if unknown:
            raise ValueError(
                f"{path}: accounts.{name}: unknown key {unknown[0]!r}; "
                f"allowed: {', '.join(_TOML_KEYS)}"
            )
        values = dict(table)
        for key in ("client_secret", "access_token"):
            var = values.pop(f"{key}_env", None)
            if var is not None:
                if not env.get(var):
                    raise ValueError(
                        f"{path}: accounts.{name}.{key}_env names {var}, which is not set"
                    )
                values[key] = env[var]
        for key, value in values.items():
            wanted = int if key == "per_minute" else str
            if type(value) is not wanted:
                raise ValueError(f"{path}: accounts.{name}.{key} must be a {wanted.__name__}")
        configs.append(AccountConfig(name=str(name), **values))
    default = data.get("default", "default")
    if not isinstance(default, str):
        raise ValueError(f"{path}: default must be an account name (a string)")
    return configs, default


def _int(raw: str | None, var: str) -> int | None:
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{var} must be a whole number, got {raw!r}") from None


class Accounts:
    """The default account and the named ones; the spec's functions on each.

    Use ``Accounts.from_env()``, ``Accounts.from_toml(path)`` or
    ``Accounts({"default": client, "work": other})``, as ``async with`` (it closes
    the clients it made). ``acc.list_conversations(...)`` calls the default account;
    ``acc.work`` is the account named ``work``; ``acc["work"]`` alike.

    Args:
        clients: account name -> its client (``HelpScout``) or ``Account``.
        default: the name of the account plain calls use.
        owned: whether ``aclose()`` closes the clients (true for ``from_*``).

    Raises:
        ValueError: no account, or a bad account name.
    """

    def __init__(
        self,
        clients: Mapping[str, HelpScout | Account],
        *,
        default: str = "default",
        owned: bool = False,
    ) -> None:
        if not clients:
            raise ValueError("no Help Scout account configured")
        self._accounts = {
            check_name(name): c if isinstance(c, Account) else Account(c, name=name)
            for name, c in clients.items()
        }
        self._default = default
        self._owned = owned

    @classmethod
    def from_configs(
        cls, configs: list[AccountConfig], *, default: str = "default", **options: Any
    ) -> Accounts:
        """Accounts with a new client each (``options`` go to every ``HelpScout``).

        Raises:
            ValueError: no configs, or two with the same name.
        """
        clients: dict[str, HelpScout] = {}
        for config in configs:
            if config.name in clients:
                raise ValueError(f"account {config.name!r} is configured twice")
            clients[config.name] = config.client(**options)
        if not clients:
            raise ValueError(
                "no Help Scout account configured: set HELPSCOUT_CLIENT_ID and "
                "HELPSCOUT_CLIENT_SECRET (or HELPSCOUT_ACCESS_TOKEN), "
                "or HELPSCOUT_<NAME>_CLIENT_ID and _CLIENT_SECRET for a named account"
            )
        return cls(clients, default=default, owned=True)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **options: Any) -> Accounts:
        """The accounts the environment configures (see the module docstring).

        Raises:
            ValueError: none configured, or a bad one.
        """
        configs, default = configs_from_env(env)
        return cls.from_configs(configs, default=default, **options)

    @classmethod
    def from_toml(
        cls, path: str | Path, env: Mapping[str, str] | None = None, **options: Any
    ) -> Accounts:
        """The accounts of a TOML file (see the module docstring).

        Raises:
            ValueError: a bad file. OSError: an unreadable one.
        """
        configs, default = configs_from_toml(path, env)
        return cls.from_configs(configs, default=default, **options)

    @property
    def names(self) -> list[str]:
        """The configured account names, the default first."""
        rest = sorted(n for n in self._accounts if n != self._default)
        return ([self._default] if self._default in self._accounts else []) + rest

    @property
    def default(self) -> Account:
        """The default account.

        Raises:
            LookupError: no default account (the message names the configured ones).
        """
        found = self._accounts.get(self._default)
        if found is None:
            raise LookupError(
                f"no default account ({self._default!r}); configured: {', '.join(self.names)}. "
                "Set HELPSCOUT_CLIENT_ID/_SECRET, or HELPSCOUT_DEFAULT_ACCOUNT=<name> "
                '(default = "<name>" in a TOML file)'
            )
        return found

    def get(self, name: str | None = None) -> Account:
        """The account ``name`` (the default when ``None``).

        Raises:
            LookupError: no such account (the message names the configured ones).
        """
        if name is None or name == "default":
            return self.default
        found = self._accounts.get(name)
        if found is None:
            raise LookupError(f"no account {name!r}; configured: {', '.join(self.names)}")
        return found

    def __getitem__(self, name: str) -> Account:
        return self.get(name)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if name in BY_NAME:
            return getattr(self.default, name)
        try:
            return self.get(name)
        except LookupError as exc:
            raise AttributeError(str(exc)) from None

    def __iter__(self) -> Iterator[Account]:
        return iter(self.get(n) for n in self.names)

    def __len__(self) -> int:
        return len(self._accounts)

    def __repr__(self) -> str:
        return f"Accounts({', '.join(self.names)}; default={self._default!r})"

    async def aclose(self) -> None:
        """Close every client these accounts made (not those handed in)."""
        if self._owned:
            for account in self._accounts.values():
                await account.client.aclose()

    async def __aenter__(self) -> Accounts:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
