"""The seed generator: shapes match real Help Scout bodies, and it is deterministic."""

from __future__ import annotations

import json
import random
import re
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from helpscout_async.testing._seed import SeededThreads, generate, iso, new_conversation
from helpscout_async.testing._store import Store

FIXTURES = Path(__file__).parent.parent / "fixtures" / "mailbox"
STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
JSON = dict[str, Any]


def fixture(name: str) -> Any:
    """A real response body."""
    return json.loads((FIXTURES / f"{name}.json").read_text())


def embedded(name: str, key: str) -> list[JSON]:
    """The items of a HAL list fixture."""
    items: list[JSON] = fixture(name)["_embedded"][key]
    return items


def union(*bodies: JSON) -> JSON:
    """One model body holding every key seen in ``bodies``, merging nested objects."""
    out: JSON = {}
    for body in bodies:
        for key, value in body.items():
            if isinstance(value, dict) and isinstance(out.get(key), dict):
                out[key] = union(out[key], value)
            else:
                out.setdefault(key, value)
    return out


def assert_shape(got: Any, model: Any, where: str = "$") -> None:
    """Every key of ``got`` exists in ``model`` with a value of the same JSON type."""
    if isinstance(model, dict):
        assert isinstance(got, dict), where
        extra = set(got) - set(model)
        assert not extra, f"{where}: keys not in the real body: {sorted(extra)}"
        for key, value in got.items():
            assert_shape(value, model[key], f"{where}.{key}")
    elif isinstance(model, list):
        assert isinstance(got, list), where
        if model:
            for item in got:
                assert_shape(item, model[0], f"{where}[]")
    elif model is not None:
        assert type(got) is type(model), f"{where}: {type(got).__name__} != {type(model).__name__}"


@pytest.fixture(scope="module")
def store() -> Store:
    """A store of 1000 seeded conversations, shared by the read-only tests."""
    s = Store()
    generate(s, seed=42, conversations=1000)
    return s


def conversations(store: Store) -> list[JSON]:
    """All seeded conversations."""
    return list(store.conversations.values())


# --------------------------------------------------------------------------- shapes


CONVERSATION = union(
    fixture("conversation_get"),
    embedded("conversation_list_embed_threads_sdk", "conversations")[0],
    {"modifiedAt": "2024-01-15T14:20:00Z"},  # listed by the API docs, absent from the examples
)
THREAD = union(
    embedded("threads_list_sdk", "threads")[0],
    embedded("conversation_list_embed_threads_sdk", "conversations")[0]["_embedded"]["threads"][0],
)
THREAD["createdBy"] = union(THREAD["createdBy"], {"first": "", "last": "", "email": ""})
THREAD["assignedTo"] = union(THREAD["assignedTo"], {"type": "user"})
THREAD["_links"] = {"createdByUser": {"href": ""}, "createdByCustomer": {"href": ""}}
ATTACHMENT = {  # the API docs' attachment object
    "id": 1,
    "filename": "",
    "mimeType": "",
    "size": 1,
    "width": 1,
    "height": 1,
    "_links": {"data": {"href": ""}, "web": {"href": ""}},
}
THREAD["_embedded"] = {"attachments": [ATTACHMENT]}
THREAD["action"] = union(THREAD["action"], {"text": ""})


def test_conversation_keys_and_types_match_real_bodies(store: Store) -> None:
    model = dict(CONVERSATION)
    del model["_embedded"]  # threads live in store.threads / thread_source
    model["_links"] = union(model["_links"], {"createdByUser": {"href": ""}})
    required = set(model) - {"assignee", "closedBy", "closedByUser", "closedAt"}
    required -= {"snooze", "nextEvent"}
    for conv in conversations(store):
        assert_shape(conv, model)
        assert required <= set(conv), required - set(conv)


def test_thread_keys_and_types_match_real_bodies(store: Store) -> None:
    for cid in list(store.conversations)[:300]:
        for thread in store.get_threads(cid):
            assert_shape(thread, THREAD)
            assert {"id", "type", "status", "state", "createdAt", "createdBy"} <= set(thread)


def test_customer_keys_and_types_match_real_bodies(store: Store) -> None:
    model = union(embedded("customer_list", "customers")[0])
    item = {
        name: [union(*embedded(f"customer_{fix}_list", key))]
        for name, fix, key in (
            ("emails", "emails", "emails"),
            ("phones", "phones", "phones"),
            ("chats", "chats", "chats"),
            ("social_profiles", "social_profiles", "social-profiles"),
            ("websites", "websites", "websites"),
        )
    }
    # Property values as CustomerProperty declares them (no fixture holds one; a value is
    # a number or a string, so its type is left open).
    value = {"type": "", "slug": "", "name": "", "value": None, "text": "", "source": {"name": ""}}
    model["_embedded"] = {**item, "address": fixture("customer_address_get")}
    model["_embedded"]["properties"] = [value]
    for customer in store.customers.values():
        assert_shape(customer, model)
        assert set(customer["_embedded"]) >= set(item)
        assert set(customer["_links"]) == set(model["_links"])


@pytest.mark.parametrize(
    ("attribute", "name", "key"),
    [
        ("mailboxes", "mailbox_list", "mailboxes"),
        ("users", "user_get", None),
        ("teams", "team_list", "teams"),
        ("workflows", "workflow_list", "workflows"),
    ],
)
def test_simple_records_have_exactly_the_real_keys(
    store: Store, attribute: str, name: str, key: str | None
) -> None:
    model = fixture(name) if key is None else embedded(name, key)[0]
    records = getattr(store, attribute)
    assert records
    for record in records.values():
        assert set(record) == set(model)
        assert_shape(record, model)


def test_folders_fields_and_tags_match_real_bodies(store: Store) -> None:
    folder, field = (
        embedded("mailbox_folders", "folders")[0],
        embedded("mailbox_fields", "fields")[0],
    )
    tag = union(*embedded("tag_list", "tags"))
    for mid in store.mailboxes:
        for f in store.folders[mid]:
            assert set(f) == set(folder)
            assert_shape(f, folder)
        types = set()
        for fd in store.fields[mid]:
            assert set(fd) == set(field)
            assert_shape(fd, field)
            types.add(fd["type"])
        assert types >= {"singleline", "multiline", "date", "number", "dropdown"}
    for t in store.tags.values():
        assert_shape(t, tag)
        assert set(t) >= set(tag) - {"updatedAt"}


# --------------------------------------------------------------------------- contents


def test_statuses_types_and_optional_parts_all_occur(store: Store) -> None:
    convs = conversations(store)
    assert {c["status"] for c in convs} == {"active", "pending", "closed", "spam"}
    assert {c["type"] for c in convs} == {"email", "chat", "phone"}
    assert any("assignee" not in c for c in convs)
    assert any("assignee" in c and "type" not in c["assignee"] for c in convs)
    assert any(set(c["primaryCustomer"]) == {"id"} for c in convs)
    assert any("snooze" in c and "nextEvent" in c for c in convs)
    assert any(c["tags"] for c in convs)
    assert any(c["cc"] for c in convs)
    threads = [t for cid in list(store.conversations)[:400] for t in store.get_threads(cid)]
    assert {t["type"] for t in threads} >= {
        "customer",
        "reply",
        "note",
        "chat",
        "phone",
        "lineitem",
    }
    assert any(t["_embedded"]["attachments"] for t in threads)
    assert all("action" in t for t in threads if t["type"] == "lineitem")


def test_closed_conversations_name_their_closer(store: Store) -> None:
    for conv in conversations(store):
        if conv["status"] == "closed":
            assert isinstance(conv["closedBy"], int)
            assert conv["closedByUser"]["id"] == conv["closedBy"]
            assert conv["createdAt"] <= conv["closedAt"] <= conv["modifiedAt"]
        else:
            assert "closedBy" not in conv
            assert "closedAt" not in conv


def test_timestamps_are_formatted_and_ordered(store: Store) -> None:
    for conv in conversations(store):
        for key in ("createdAt", "modifiedAt", "userUpdatedAt"):
            assert STAMP.match(conv[key]), conv[key]
        assert "2024-01-01T00:00:00Z" <= conv["createdAt"] <= conv["modifiedAt"]
        assert conv["modifiedAt"] <= "2026-06-01T00:00:00Z"
    assert iso(0) == "1970-01-01T00:00:00Z"
    assert iso(1780272000) == "2026-06-01T00:00:00Z"


def test_some_conversations_share_a_modified_second(store: Store) -> None:
    counts = Counter(c["modifiedAt"] for c in conversations(store))
    assert max(counts.values()) >= 2
    small = Store()
    generate(small, seed=3, conversations=5)
    assert max(Counter(c["modifiedAt"] for c in small.conversations.values()).values()) >= 2


def test_merged_conversations_point_to_survivors(store: Store) -> None:
    assert store.merged
    for gone, survivor in store.merged.items():
        assert gone not in store.conversations
        assert survivor in store.conversations
        assert store.get_threads(gone) == []


def test_thread_count_field_equals_threads_made(store: Store) -> None:
    for cid, conv in store.conversations.items():
        threads = store.get_threads(cid)
        assert conv["threads"] == len(threads)
        assert 1 <= len(threads) <= 10


def test_threads_are_newest_first_and_within_the_conversation(store: Store) -> None:
    for cid in list(store.conversations)[:300]:
        conv = store.conversations[cid]
        threads = store.get_threads(cid)
        stamps = [t["createdAt"] for t in threads]
        assert stamps == sorted(stamps, reverse=True)
        assert threads[-1]["createdAt"] == conv["createdAt"]
        assert stamps[0] <= conv["modifiedAt"]
        for t in threads:
            assert t["customer"]["id"] == conv["primaryCustomer"]["id"]


def test_preview_is_the_newest_message(store: Store) -> None:
    for cid in list(store.conversations)[:300]:
        newest = next(t for t in store.get_threads(cid) if t["type"] not in ("note", "lineitem"))
        text = " ".join(re.findall(r"<p>(.*?)</p>", newest["body"]))
        assert store.conversations[cid]["preview"] == text[:255]


def test_custom_field_values_are_strings(store: Store) -> None:
    options = {
        f["id"]: {str(o["id"]) for o in f["options"]} for fs in store.fields.values() for f in fs
    }
    seen = 0
    for conv in conversations(store):
        fields = {f["id"] for f in store.fields[conv["mailboxId"]]}
        for value in conv["customFields"]:
            assert value["id"] in fields
            assert isinstance(value["value"], str)
            if options[value["id"]]:
                assert value["value"] in options[value["id"]]
                seen += 1
    assert seen


def test_ids_are_unique_and_below_next_id(store: Store) -> None:
    ids: list[int] = []
    for kind in ("conversations", "customers", "mailboxes", "users", "teams", "tags", "workflows"):
        ids.extend(getattr(store, kind))
    ids.extend(f["id"] for fs in store.folders.values() for f in fs)
    ids.extend(store.merged)
    for cid in store.conversations:
        for t in store.get_threads(cid):
            ids.append(t["id"])
            ids.extend(a["id"] for a in t["_embedded"]["attachments"])
    assert len(ids) == len(set(ids))
    assert max(ids) <= store.next_id
    assert store.me_user_id in store.users


def test_counts_of_tags_and_folders_match(store: Store) -> None:
    per_tag = Counter(t["id"] for c in conversations(store) for t in c["tags"])
    for tid, tag in store.tags.items():
        assert tag["ticketCount"] == per_tag[tid]
    per_folder = Counter(c["folderId"] for c in conversations(store))
    for folders in store.folders.values():
        for f in folders:
            assert f["totalCount"] == per_folder[f["id"]]


def test_default_customer_count_and_team_members(store: Store) -> None:
    assert len(store.customers) == 250
    small = Store()
    generate(small, seed=1, conversations=8, mailboxes=1, users=2)
    assert len(small.customers) == 10
    assert len(small.mailboxes) == 1
    assert len(small.users) == 2
    for members in store.team_members.values():
        assert members
        assert set(members) <= set(store.users)


# --------------------------------------------------------------------------- determinism


def snapshot(store: Store) -> JSON:
    """Everything in a store, threads included, as comparable data."""
    return {
        "conversations": store.conversations,
        "threads": {cid: store.get_threads(cid) for cid in store.conversations},
        "rest": [
            store.merged,
            store.customers,
            store.mailboxes,
            store.folders,
            store.fields,
            store.users,
            store.teams,
            store.team_members,
            store.tags,
            store.workflows,
            store.me_user_id,
            store.next_id,
        ],
    }


def test_same_seed_gives_the_same_store() -> None:
    a, b = Store(), Store()
    generate(a, seed=7, conversations=150)
    generate(b, seed=7, conversations=150)
    assert snapshot(a) == snapshot(b)


def test_different_seeds_differ() -> None:
    a, b = Store(), Store()
    generate(a, seed=1, conversations=50)
    generate(b, seed=2, conversations=50)
    assert snapshot(a)["conversations"] != snapshot(b)["conversations"]
    assert snapshot(a)["rest"][1] != snapshot(b)["rest"][1]


def test_generation_is_fast() -> None:
    # Why it is fast: no thread is built at seeding; each is rebuilt on demand.
    store = Store()
    generate(store, seed=0, conversations=5000)
    assert store.threads == {}
    assert isinstance(store.thread_source, SeededThreads)
    assert len(store.conversations) + len(store.merged) == 5000
    # The guard against a regression counts this process's CPU time, not the wall
    # clock, so other work on a busy machine cannot fail it (about 0.13 s here).
    started = time.process_time()
    generate(Store(), seed=0, conversations=5000)
    assert time.process_time() - started < 3.0


# --------------------------------------------------------------------------- churn


def test_new_conversation_is_realistic_and_materialized() -> None:
    store = Store()
    generate(store, seed=5, conversations=60)
    now = datetime(2026, 6, 2, 9, 30, tzinfo=UTC)
    version = store.version
    numbers = {c["number"] for c in store.conversations.values()}
    cid = new_conversation(store, random.Random(1), now=now)
    conv = store.conversations[cid]
    assert store.version == version + 1
    assert conv["createdAt"] == conv["modifiedAt"] == "2026-06-02T09:30:00Z"
    assert conv["status"] == "active"
    assert conv["number"] not in numbers
    assert 1 <= conv["threads"] == len(store.threads[cid]) <= 3
    assert store.get_threads(cid) is store.threads[cid]
    model = dict(CONVERSATION)
    del model["_embedded"]
    model["_links"] = union(model["_links"], {"createdByUser": {"href": ""}})
    assert_shape(conv, model)
    for thread in store.threads[cid]:
        assert_shape(thread, THREAD)
        assert thread["createdAt"] == conv["createdAt"]
    assert store.next_id >= max(t["id"] for t in store.threads[cid])


def test_new_conversations_get_fresh_ids_and_numbers() -> None:
    store = Store()
    generate(store, seed=5, conversations=20)
    rng = random.Random(9)
    now = datetime(2026, 6, 2, tzinfo=UTC)
    made = [new_conversation(store, rng, now=now) for _ in range(30)]
    assert len(set(made)) == 30
    numbers = [c["number"] for c in store.conversations.values()]
    assert len(numbers) == len(set(numbers))
    assert sum(f["totalCount"] for fs in store.folders.values() for f in fs) == len(
        store.conversations
    )


def test_new_conversation_needs_a_seeded_store() -> None:
    with pytest.raises(ValueError, match="generate"):
        new_conversation(Store(), random.Random(0), now=datetime(2026, 1, 1, tzinfo=UTC))


@pytest.mark.parametrize(("count", "users", "mailboxes"), [(0, 1, 1), (1, 1, 1), (3, 2, 1)])
def test_tiny_stores_are_consistent(count: int, users: int, mailboxes: int) -> None:
    store = Store()
    generate(store, seed=-4, conversations=count, users=users, mailboxes=mailboxes)
    assert len(store.conversations) + len(store.merged) == count
    assert len(store.users) == users
    assert len(store.customers) == 10
    for cid, conv in store.conversations.items():
        assert conv["threads"] == len(store.get_threads(cid))
    cid = new_conversation(store, random.Random(0), now=datetime(2026, 1, 1, tzinfo=UTC))
    assert store.conversations[cid]["threads"] == len(store.threads[cid])
