"""Seeded mailboxes with their folders, custom fields and workflows, and the account's tags.

Part of the seed generator (see ``_seed``); stdlib only.
"""

from __future__ import annotations

from ._seed_data import END, START, TAG_COLORS, TAG_NAMES, iso, link
from ._seed_gen import FOLDERS, STAFF_START, Gen, slug
from ._store import JSON

_MAILBOX_NAMES = ("Support", "Billing", "Sales", "Partners", "Returns", "Enterprise", "Press")

_WORKFLOWS = (
    ("Escalate to Tier 2", "manual"), ("Auto-close after 7 days", "automatic"),
    ("Tag VIP customers", "automatic"), ("Send to Billing", "manual"),
)  # fmt: skip


def make_mailbox(g: Gen, index: int) -> None:
    """A mailbox with its folders, custom fields and workflows."""
    rng, store = g.rng, g.store
    mid = g.new_id()
    name = _MAILBOX_NAMES[index % len(_MAILBOX_NAMES)]
    if index >= len(_MAILBOX_NAMES):
        name += f" {index // len(_MAILBOX_NAMES) + 1}"
    created = g.stamp(STAFF_START, START - 86400 * 90)
    store.mailboxes[mid] = {
        "id": mid,
        "name": name,
        "slug": f"{rng.getrandbits(64):016x}",
        "email": f"{slug(name).replace(' ', '')}@{g.domain}",
        "createdAt": iso(created),
        "updatedAt": iso(g.stamp(created, START)),
        "_links": {
            "self": link(f"/mailboxes/{mid}"),
            "folders": link(f"/mailboxes/{mid}/folders"),
            "fields": link(f"/mailboxes/{mid}/fields"),
        },
    }
    g.mailbox_ids.append(mid)
    folders: dict[str, int] = {}
    store.folders[mid] = []
    for folder_name, folder_type in FOLDERS:
        fid = folders[folder_type] = g.new_id()
        store.folders[mid].append(
            {
                "id": fid,
                "name": folder_name,
                "type": folder_type,
                "userId": store.me_user_id if folder_type == "mytickets" else 0,
                "totalCount": 0,
                "activeCount": 0,
                "updatedAt": iso(created),
            }
        )
    g.folder_ids.append(folders)
    store.fields[mid] = _make_fields(g)
    _make_workflows(g, mid, created)


def _make_fields(g: Gen) -> list[JSON]:
    """Custom fields of every type; dropdowns carry options."""
    specs = [
        ("Plan", "dropdown", ("Free", "Trial", "Pro", "Enterprise")),
        ("Order Number", "singleline", ()),
        ("Internal Summary", "multiline", ()),
        ("Renewal Date", "date", ()),
        ("Seats", "number", ()),
    ]
    if g.rng.random() < 0.5:
        specs.append(("Product Area", "dropdown", ("Web app", "Mobile", "API", "Billing")))
    fields = []
    for order, (name, ftype, labels) in enumerate(specs, start=1):
        options = [{"id": g.new_id(), "order": i, "label": lb} for i, lb in enumerate(labels, 1)]
        fields.append(
            {
                "id": g.new_id(),
                "required": order == 1 and g.rng.random() < 0.3,
                "order": order,
                "type": ftype,
                "name": name,
                "options": options,
            }
        )
    return fields


def _make_workflows(g: Gen, mid: int, created: int) -> None:
    """Two or three workflows of a mailbox."""
    for order, (name, wtype) in enumerate(g.rng.sample(_WORKFLOWS, g.rng.randint(2, 3)), 1):
        wid = g.new_id()
        made = g.stamp(created, START)
        g.store.workflows[wid] = {
            "id": wid,
            "mailboxId": mid,
            "type": wtype,
            "status": "active" if g.rng.random() < 0.8 else "inactive",
            "order": order,
            "name": name,
            "createdAt": iso(made),
            "modifiedAt": iso(g.stamp(made, END)),
            "_links": {"self": link(f"/workflows/{wid}")},
        }


def make_tags(g: Gen) -> None:
    """Tags with colors; ``ticketCount`` is filled in once conversations exist."""
    weight = 0.0
    for rank, name in enumerate(TAG_NAMES, start=1):
        tid = g.new_id()
        color_name, color_hex = TAG_COLORS[g.rng.randrange(len(TAG_COLORS))]
        created = g.stamp(STAFF_START, START)
        tag: JSON = {
            "id": tid,
            "slug": name,
            "name": name,
            "color": color_name,
            "createdAt": iso(created),
        }
        if g.rng.random() < 0.5:
            tag["updatedAt"] = iso(g.stamp(created, END))
        tag["ticketCount"] = 0
        g.store.tags[tid] = tag
        g.tag_refs.append({"id": tid, "color": color_hex, "tag": name})
        weight += 1.0 / rank
        g.tag_cum.append(weight)
