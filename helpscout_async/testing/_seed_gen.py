"""What every part of the seed generator shares: the generation context and a few facts.

``Gen`` carries the store, the random stream and the ids and people made so far
while one store is generated (or, for churn, rebuilt from an existing store).
Stdlib only; it never imports the client package.
"""

from __future__ import annotations

import random

from ._seed_data import END, ORGANIZATIONS
from ._seed_threads import Person
from ._store import JSON, Store

FOLDERS = (
    ("Unassigned", "open"), ("Mine", "mytickets"), ("Needs Attention", "needsattention"),
    ("Drafts", "drafts"), ("Assigned", "assigned"), ("Closed", "closed"), ("Spam", "spam"),
)  # fmt: skip

STAFF_START = 1609459200  # 2021-01-01T00:00:00Z


def slug(name: str) -> str:
    """ASCII, lowercase, email-safe form of a name."""
    table = str.maketrans("äöüéèãçáíóú", "aoueeacaiou", "' &")
    return name.lower().translate(table).replace(".", "")


class Gen:
    """State shared while one store is generated."""

    def __init__(self, store: Store, rng: random.Random, *, now: int = END) -> None:
        """Start from an empty id counter and one random stream."""
        self.store = store
        self.rng = rng
        self.now = now
        self.last_id = 0
        self.users: list[Person] = []
        self.customers: list[Person] = []
        self.mailbox_ids: list[int] = []
        self.folder_ids: list[dict[str, int]] = []
        self.tag_refs: list[JSON] = []
        self.tag_cum: list[float] = []
        self.domain = slug(self.rng.choice(ORGANIZATIONS)).replace("-", "") + ".example"

    def new_id(self) -> int:
        """The next seeded id."""
        self.last_id += 1
        return self.last_id

    def stamp(self, low: int, high: int) -> int:
        """A random epoch second in ``[low, high]``."""
        return self.rng.randint(low, high)
