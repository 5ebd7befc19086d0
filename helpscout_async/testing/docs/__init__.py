"""The fake Help Scout Docs API v1: sites, collections, categories, articles, redirects.

``FakeHelpScout`` serves it next to the Mailbox API (same server, ``/v1``), with its own
API key (HTTP Basic ``KEY:X``), its own rate budget and ``X-RateLimit-*`` headers, the
Docs envelopes (``{"articles": {"page", "pages", "count", "items"}}``) and error bodies
(``{"code", "error", "validationErrors"}``). It never imports the client.
"""

from ._limits import DocsRateLimits, limit_for_sites
from ._seed import generate
from ._store import DocsStore
from .account import DocsAccount

__all__ = ["DocsAccount", "DocsRateLimits", "DocsStore", "generate", "limit_for_sites"]
