"""The Docs API v1: its profile (the operations come with the Docs resources).

Host ``docsapi.helpscout.net/v1``, HTTP Basic with the API key as user and ``X`` as
password, its own budget (2000 requests per 10 minutes for one site; more sites
raise it) reported in ``X-RateLimit-Limit``/``-Remaining``/``-Reset``, 24-hex ids,
lists wrapped as ``{"articles": {"page", "pages", "count", "items"}}`` and errors
as ``{code, error}``. Reads and writes weigh the same.
"""

from __future__ import annotations

from ._row import Operation, Profile

DOCS = Profile(
    name="docs",
    base_url="https://docsapi.helpscout.net/v1",
    prefixes=("/v1",),
    auth="basic",
    token_path=None,
    limit_header="X-RateLimit-Limit",
    remaining_header="X-RateLimit-Remaining",
    reset_header="X-RateLimit-Reset",
    retry_after_headers=("Retry-After",),
    per_window=2000,
    window=600.0,
    write_weight=1,
    error_shape="code-error",
    id_type="hex24",
    doc_root="https://developer.helpscout.com/docs-api/",
)

OPERATIONS: tuple[Operation, ...] = ()
