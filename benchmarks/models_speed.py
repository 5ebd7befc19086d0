"""How long structuring a List Conversations page takes (target: <= 0.6 ms per 25 items).

Builds a 25-conversation page from ``tests/fixtures/mailbox/conversation_get.json`` (no
embedded threads, as List Conversations returns them) and times ``structure_many`` on it,
plus ``json.loads`` of the same page for scale. Run: ``python benchmarks/models_speed.py``.
"""

import copy
import json
import time
import timeit
from pathlib import Path
from typing import Any

from helpscout_async._convert import structure_many
from helpscout_async.models import Conversation

FIXTURE = Path(__file__).parent.parent / "tests/fixtures/mailbox/conversation_get.json"
PAGE_SIZE = 25


def build_page() -> list[dict[str, Any]]:
    """25 distinct conversations shaped like Get Conversation, without ``_embedded``."""
    base = json.loads(FIXTURE.read_text())
    base.pop("_embedded", None)
    page = []
    for index in range(PAGE_SIZE):
        item = copy.deepcopy(base)
        item["id"] = base["id"] + index
        item["number"] = base["number"] + index
        page.append(item)
    return page


def best_of(func: Any, number: int, repeat: int = 7) -> float:
    """Best mean seconds per call over ``repeat`` runs of ``number`` calls (CPU time)."""
    timer = timeit.Timer(func, timer=time.process_time)
    return min(timer.repeat(repeat=repeat, number=number)) / number


def main() -> None:
    page = build_page()
    raw = json.dumps({"_embedded": {"conversations": page}})
    structure_many(page, Conversation)  # generate the hooks once, as a long-lived client does
    per_page = best_of(lambda: structure_many(page, Conversation), number=400)
    parse = best_of(lambda: json.loads(raw), number=400)
    print(f"structure: {per_page / PAGE_SIZE * 1e6:.1f} µs per conversation")
    print(f"structure: {per_page * 1e3:.3f} ms per {PAGE_SIZE}-item page")
    print(f"json.loads: {parse * 1e3:.3f} ms per page; total {(per_page + parse) * 1e3:.3f} ms")


if __name__ == "__main__":
    main()
