"""Write the README's coverage table from ``hs.endpoints()`` (or check that it is current).

    python docs/coverage.py          # rewrite the table between the markers in README.md
    python docs/coverage.py --check  # exit 1 if README.md is not current (CI)

The table sits between ``<!-- coverage:start -->`` and ``<!-- coverage:end -->``; if
the markers are missing they are added after the "Using the client" section.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import helpscout_async as hs

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- coverage:start -->", "<!-- coverage:end -->"
_AFTER = "## Using the client"
_CLIENT = {"docs": "docs"}
"""The name the table gives each family's client object (``client`` unless listed)."""


def call_of(endpoint: hs.Endpoint) -> str:
    """How the table writes the call: ``client.tags.get()``, ``docs.articles.get()``."""
    return f"{_CLIENT.get(endpoint.family, 'client')}.{endpoint.call}()"


def table(endpoints: tuple[hs.Endpoint, ...] | None = None) -> str:
    """The coverage section's markdown: a count per family and one row per operation."""
    found = hs.endpoints() if endpoints is None else endpoints
    families = Counter(e.family for e in found)
    summary = ", ".join(f"{family}: {n}" for family, n in families.items())
    lines = [
        f"Operations covered ({len(found)}; {summary}), generated from `hs.endpoints()`:",
        "",
        "| family | method | path | client call |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {e.family} | {e.method} | [`{e.path}`]({e.doc}) | `{call_of(e)}` |" for e in found
    ]
    return "\n".join(lines)


def render(text: str, section: str) -> str:
    """``text`` with ``section`` between the markers (inserting them when absent)."""
    block = f"{START}\n{section}\n{END}"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        _, tail = rest.split(END, 1)
        return head + block + tail
    if _AFTER not in text:
        return text.rstrip("\n") + "\n\n" + block + "\n"
    head, rest = text.split(_AFTER, 1)
    cut = rest.find("\n## ")
    body, tail = (rest, "") if cut < 0 else (rest[: cut + 1], rest[cut + 1 :])
    return head + _AFTER + body.rstrip("\n") + "\n\n" + block + "\n\n" + tail


def main(argv: list[str] | None = None) -> int:
    """Rewrite README.md's coverage table, or with ``--check`` say whether it is current."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if README.md is not current")
    args = parser.parse_args(argv)
    text = README.read_text(encoding="utf-8")
    wanted = render(text, table())
    if args.check:
        if wanted != text:
            print("README.md's coverage table is stale: run python docs/coverage.py")
            return 1
        return 0
    README.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
