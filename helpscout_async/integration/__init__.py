"""The integration functions of ``spec/integration-reference.md``, named accounts, MCP.

``Accounts`` gives the spec's functions (``list_conversations``, ``get_conversation``,
``create_conversation``, ``update_conversation``, ``list_customers``, ``get_customer``,
``create_customer``, ``list_mailboxes``, ``get_mailbox``, ``get_current_user``, and the
tools ``list_users``, ``add_note``, ``update_tags``, ``reply_to_conversation``) on a
default account and on named ones, with the spec's names and parameters mapped to
what the live API does, returning plain JSON-shaped dicts::

    import helpscout_async as hs

    async with hs.integration.Accounts.from_env() as acc:
        result = await acc.list_conversations({"status": "open", "per_page": 10})
        work = await acc.work.list_conversations(status="pending")

``helpscout-async mcp`` serves the same functions to agents over MCP (stdio);
see ``mcp_server``.
"""

from ._conversations import UpdateIncomplete
from ._spec import FUNCTIONS, Function, Param
from .account import Account
from .accounts import AccountConfig, Accounts, configs_from_env, configs_from_toml

__all__ = [
    "FUNCTIONS",
    "Account",
    "AccountConfig",
    "Accounts",
    "Function",
    "Param",
    "UpdateIncomplete",
    "configs_from_env",
    "configs_from_toml",
]
