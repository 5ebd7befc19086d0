"""The converter's rules: keys, datetimes, open enums, leniency limits, errors, unstructuring."""

import json
import pickle
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest

from helpscout_async import _convert, models
from helpscout_async._convert import StructureError, structure, structure_many, unstructure
from helpscout_async.models import (
    Address,
    Conversation,
    ConversationStatus,
    Customer,
    CustomField,
    Person,
    PersonType,
    Rating,
    Snooze,
    Thread,
    ThreadType,
)

FIXTURES = Path(__file__).parent.parent / "fixtures" / "mailbox"


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text())


# --- datetimes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2012-03-15T22:46:22Z", datetime(2012, 3, 15, 22, 46, 22, tzinfo=UTC)),
        ("2012-03-15T22:46:22+02:00", datetime(2012, 3, 15, 20, 46, 22, tzinfo=UTC)),
        ("2012-03-15T22:46:22-05:30", datetime(2012, 3, 16, 4, 16, 22, tzinfo=UTC)),
        ("2024-05-01T10:00:00.123456Z", datetime(2024, 5, 1, 10, 0, 0, 123456, tzinfo=UTC)),
        ("2024-05-01T10:00:00.123Z", datetime(2024, 5, 1, 10, 0, 0, 123000, tzinfo=UTC)),
        ("2017-12-12T12:12:13", datetime(2017, 12, 12, 12, 12, 13, tzinfo=UTC)),  # naive
    ],
)
def test_timestamps_become_aware_utc(raw: str, expected: datetime) -> None:
    conv = structure({"id": 1, "createdAt": raw}, Conversation)
    assert conv.created_at == expected
    assert conv.created_at is not None
    assert conv.created_at.tzinfo is UTC
    assert conv.created_at.utcoffset() == timedelta(0)


def test_naive_rating_timestamp_is_utc() -> None:
    rating = structure(load("rating_get.json"), Rating)
    assert rating.created_at == datetime(2017, 12, 12, 12, 12, 13, tzinfo=UTC)


def test_datetime_unstructures_to_z_form() -> None:
    paris = timezone(timedelta(hours=2))
    snooze = Snooze(snoozed_until=datetime(2025, 2, 15, 14, 57, 43, 999, tzinfo=paris))
    assert unstructure(snooze) == {"snoozedUntil": "2025-02-15T12:57:43Z"}
    naive = Snooze(snoozed_until=datetime(2025, 2, 15, 12, 57, 43))
    assert unstructure(naive) == {"snoozedUntil": "2025-02-15T12:57:43Z"}


def test_bad_timestamp_names_the_field() -> None:
    with pytest.raises(StructureError) as info:
        structure({"id": 1, "closedAt": "yesterday"}, Conversation)
    assert info.value.paths == ["$.closedAt"]  # the JSON key, not the attribute
    with pytest.raises(StructureError):
        structure({"id": 1, "closedAt": 1700000000}, Conversation)


# --- open enums ---------------------------------------------------------------------------


def test_open_enum_keeps_unknown_value() -> None:
    conv = structure({"id": 1, "status": "archived", "type": "email"}, Conversation)
    status = conv.status
    assert isinstance(status, ConversationStatus)
    assert status == "archived"
    assert status.value == "archived"
    assert not status.is_known
    assert status != ConversationStatus.ACTIVE
    assert "unknown" in repr(status)
    assert ConversationStatus("archived") is status  # cached like a real member
    assert hash(status) == hash("archived")
    assert pickle.loads(pickle.dumps(status)) == "archived"
    assert list(ConversationStatus) == [
        ConversationStatus.ACTIVE,
        ConversationStatus.PENDING,
        ConversationStatus.CLOSED,
        ConversationStatus.SPAM,
        ConversationStatus.OPEN,
    ]
    assert unstructure(conv)["status"] == "archived"


def test_open_enum_known_members_unchanged() -> None:
    conv = structure({"id": 1, "status": "closed"}, Conversation)
    assert conv.status is ConversationStatus.CLOSED
    assert conv.status == "closed"  # type: ignore[comparison-overlap]
    assert conv.status.is_known
    by_status: dict[str, int] = {ConversationStatus.CLOSED: 1}
    assert by_status["closed"] == 1
    assert pickle.loads(pickle.dumps(ConversationStatus.CLOSED)) is ConversationStatus.CLOSED


def test_open_enum_rejects_non_strings() -> None:
    with pytest.raises(StructureError) as info:
        structure({"id": 1, "status": 3}, Conversation)
    assert info.value.paths == ["$.status"]


# --- keys, absence, leniency --------------------------------------------------------------


def test_unknown_keys_are_ignored() -> None:
    data = {"id": 7, "brandNewField": {"x": 1}, "assignee": {"id": 1, "pronouns": "they"}}
    conv = structure(data, Conversation)
    assert conv.id == 7
    assert conv.assignee == Person(id=1)


def test_absent_and_null_fields_are_none_never_the_string_none() -> None:
    conv = structure({"id": 7, "subject": None, "assignee": None}, Conversation)
    assert conv.subject is None
    assert conv.preview is None
    assert conv.assignee is None
    assert conv.threads is None  # not requested, unlike an empty embed
    assert conv.tags == ()
    assert conv.custom_fields == ()


def test_null_collections_are_empty() -> None:
    conv = structure({"id": 7, "tags": None, "cc": None}, Conversation)
    assert conv.tags == ()
    assert conv.cc == ()


def test_numbers_are_accepted_as_strings_but_objects_are_not() -> None:
    assert structure({"id": 7, "subject": 42}, Conversation).subject == "42"
    with pytest.raises(StructureError) as info:
        structure({"id": 7, "subject": {"text": "x"}}, Conversation)
    assert info.value.paths == ["$.subject"]


def test_digit_strings_are_ints_but_bools_are_not() -> None:
    assert structure({"id": "123"}, Conversation).id == 123
    with pytest.raises(StructureError):
        structure({"id": True}, Conversation)
    with pytest.raises(StructureError):
        structure({"id": 1.5}, Conversation)


def test_bools_are_strict() -> None:
    snooze = structure({"unsnoozeOnCustomerReply": "true"}, Snooze)
    assert snooze.unsnooze_on_customer_reply is True
    with pytest.raises(StructureError) as info:
        structure({"unsnoozeOnCustomerReply": "yes"}, Snooze)
    assert info.value.model is Snooze
    assert info.value.paths == ["$.unsnoozeOnCustomerReply"]


def test_a_string_is_not_a_list_nor_an_object() -> None:
    with pytest.raises(StructureError) as info:
        structure({"id": 7, "cc": "a@b.c", "assignee": "bob"}, Conversation)
    assert sorted(info.value.paths) == ["$.assignee", "$.cc"]


def test_explicit_rename_and_embedded_field() -> None:
    conv = structure({"id": 1, "threads": 3, "_embedded": {"threads": [{"id": 9}]}}, Conversation)
    assert conv.thread_count == 3
    assert conv.threads == (Thread(id=9),)


@pytest.mark.parametrize("key", ["social_profiles", "social-profiles"])
def test_customer_sub_records_under_embedded(key: str) -> None:
    data = {"id": 1, "_embedded": {key: [{"id": 2, "value": "x", "type": "twitter"}]}}
    assert structure(data, Customer).social_profiles == (
        models.SocialProfile(id=2, value="x", type="twitter"),
    )


def test_customer_sub_records_at_top_level() -> None:
    data = {"id": 1, "socialProfiles": [{"value": "x"}], "emails": [{"value": "a@b.c"}]}
    customer = structure(data, Customer)
    assert customer.social_profiles == (models.SocialProfile(value="x"),)
    assert customer.emails == (models.Email(value="a@b.c"),)
    assert customer.phones is None


# --- errors -------------------------------------------------------------------------------


def test_wrong_type_names_model_and_path() -> None:
    data = load("conversation_get.json")
    data["assignee"]["id"] = "not-a-number"
    data["customFields"][1]["id"] = [1]
    with pytest.raises(StructureError) as info:
        structure(data, Conversation)
    error = info.value
    assert isinstance(error, ValueError)
    assert error.model is Conversation
    assert sorted(error.paths) == ["$.assignee.id", "$.customFields[1].id"]
    assert "Conversation" in str(error)
    assert "$.assignee.id" in str(error)


def test_missing_required_id() -> None:
    with pytest.raises(StructureError) as info:
        structure({"number": 1}, Conversation)
    assert info.value.paths == ["$.id"]


def test_not_an_object_at_the_top() -> None:
    with pytest.raises(StructureError) as info:
        structure(["x"], Conversation)
    assert info.value.paths == ["$"]


def test_structure_many_names_the_item() -> None:
    items = [{"id": 1}, {"id": 2, "mailboxId": "x"}]
    with pytest.raises(StructureError) as info:
        structure_many(items, Conversation)
    assert info.value.paths == ["$[1].mailboxId"]
    assert [c.id for c in structure_many(items[:1], Conversation)] == [1]


def test_embedded_thread_error_path() -> None:
    data = {"id": 1, "_embedded": {"threads": [{"id": 2}, {"id": 3, "createdAt": "x"}]}}
    with pytest.raises(StructureError) as info:
        structure(data, Conversation)
    assert info.value.paths == ["$._embedded.threads[1].createdAt"]


# --- unstructuring ------------------------------------------------------------------------


def test_unstructure_builds_request_bodies() -> None:
    snooze = Snooze(
        snoozed_until=datetime(2025, 2, 15, 12, 57, 43, tzinfo=UTC),
        unsnooze_on_customer_reply=True,
    )
    assert unstructure(snooze) == load("request_conversation_snooze.json")
    fields = {"fields": unstructure([CustomField(id=104, value="168")])}
    assert fields == load("request_conversation_fields_update.json")
    address = Address(
        city="Dallas",
        state="TX",
        postal_code="74206",
        country="US",
        lines=("123 West Main St", "Suite 123"),
    )
    assert unstructure(address) == load("request_customer_address_create.json")


def test_round_trip_through_camel_case() -> None:
    conv = structure(load("conversation_list_embed_threads_sdk.json"), _Page).items[0]
    data = unstructure(conv)
    assert data["_embedded"]["threads"][0]["savedReplyId"] == 0
    assert data["primaryCustomer"] == {"id": 238604}
    assert data["threads"] == 2
    assert "closedByUser" not in data  # None is left out
    assert json.loads(json.dumps(data)) == data
    assert structure(data, Conversation) == conv


@attrs.frozen(kw_only=True)
class _Page:
    """A stand-in for the lead's page type, to reach the list items."""

    items: tuple[Conversation, ...] = attrs.field(
        default=(), metadata=models._base.embedded("conversations", top_level=False)
    )


# --- the converter itself -----------------------------------------------------------------


def test_hooks_are_generated_once() -> None:
    conv = _convert.converter
    assert conv.get_structure_hook(Conversation) is conv.get_structure_hook(Conversation)
    assert conv.get_unstructure_hook(Thread) is conv.get_unstructure_hook(Thread)


def test_models_are_frozen_slotted_kw_only_and_picklable() -> None:
    person = Person(id=1, type=PersonType.USER)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        person.id = 2  # type: ignore[misc]
    with pytest.raises(TypeError):
        Person(1)  # type: ignore[call-arg]
    conv = structure(load("conversation_get.json"), Conversation)
    assert pickle.loads(pickle.dumps(conv)) == conv
    assert hash(conv) == hash(structure(load("conversation_get.json"), Conversation))
    for name in models.__all__:
        cls = getattr(models, name)
        if attrs.has(cls):
            assert "__slots__" in vars(cls), name
            assert all(a.kw_only for a in attrs.fields(cls)), name
            assert cls.__setattr__ is not object.__setattr__, name


def test_thread_type_unknown_kept() -> None:
    thread = structure({"id": 1, "type": "whatsapp"}, Thread)
    assert thread.type == "whatsapp"
    assert isinstance(thread.type, ThreadType)


def test_unknown_enum_values_are_bounded() -> None:
    """2,000 distinct unknown values must not grow the enum class (issue 10, item 15)."""
    from helpscout_async.models import _base

    known = dict(ConversationStatus._value2member_map_)
    for n in range(2000):
        status = structure({"id": 1, "status": f"new-{n}"}, Conversation).status
        assert status == f"new-{n}"
        assert status is not None
        assert not status.is_known
    assert ConversationStatus._value2member_map_ == known
    assert len(_base._pseudo[ConversationStatus]) == _base.PSEUDO_MEMBER_CACHE_SIZE
    recent = ConversationStatus("new-1999")
    assert ConversationStatus("new-1999") is recent  # recent values stay shared
    assert ConversationStatus("new-0") == "new-0"  # evicted ones are rebuilt, still equal
    assert list(ConversationStatus) == list(known.values())


@attrs.frozen(kw_only=True)
class _Checked:
    """A model whose __init__ does more than store: the fast path must call it."""

    count: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.ge(0))
    )


@attrs.frozen(kw_only=True)
class _PostInit:
    name: str | None = None
    upper: str | None = attrs.field(default=None, init=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "upper", (self.name or "").upper())


def test_fast_path_keeps_validators_and_post_init() -> None:
    from helpscout_async._convert import _generate

    assert _generate._slot_setters(Conversation) is not None
    assert _generate._slot_setters(_Checked) is None
    assert _generate._slot_setters(_PostInit) is None
    assert structure({"count": 3}, _Checked).count == 3
    with pytest.raises(StructureError):
        structure({"count": -1}, _Checked)
    assert structure({"name": "ab"}, _PostInit).upper == "AB"


def test_embedded_and_links_read_in_place_like_the_reference() -> None:
    """The fast path reads _embedded/_links itself; the detailed converter hoists them."""
    reference = _convert.make_converter(detailed_validation=True)
    data: dict[str, Any] = {
        "id": 1,
        "emails": [{"value": "top@x.co"}],
        "_embedded": {
            "emails": [{"value": "embedded@x.co"}],  # wins over the top-level key
            "social_profiles": [{"value": "a"}],
            "social-profiles": [{"value": "b"}],  # of two aliases, the later one
        },
    }
    customer = structure(data, Customer)
    assert customer == reference.structure(data, Customer)
    assert customer.emails == (models.Email(value="embedded@x.co"),)
    assert customer.social_profiles == (models.SocialProfile(value="b"),)
    assert data["emails"] == [{"value": "top@x.co"}]  # the body is not changed
    thread = {"id": 2, "_embedded": {"attachments": [{"id": 3, "_links": {"web": {"href": "w"}}}]}}
    assert structure(thread, Thread) == reference.structure(thread, Thread)
    assert structure(thread, Thread).attachments[0].web_url == "w"
    odd = {"id": 3, "_links": {"web": "not an object"}, "_embedded": {}}
    assert structure(odd, models.ThreadAttachment).web_url is None
