"""``hs.webhooks.parse_event``: the bodies of tests/fixtures structured into typed events."""

from __future__ import annotations

import json
from typing import Any

import pytest

import helpscout_async as hs
from helpscout_async._api.webhook_events import EVENTS, SUBSCRIBABLE
from helpscout_async.webhooks import EventType

from ._support import fixture, fixture_bytes


def _raw(body: Any) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode()


def test_every_documented_event_is_a_known_type() -> None:
    assert {m.value for m in EventType} == set(EVENTS)
    # the 21 of Create Webhook's list, the AI Answers event of the events page, the ping
    assert len(SUBSCRIBABLE) == 22
    assert "helpscout.test" not in SUBSCRIBABLE


@pytest.mark.parametrize(
    "name",
    sorted(e for e, (kind, _) in EVENTS.items() if kind == "conversation"),
)
def test_conversation_events_carry_the_conversation(name: str) -> None:
    raw = fixture_bytes("conversation_get", "mailbox")
    event = hs.webhooks.parse_event(name, raw)
    assert isinstance(event, hs.webhooks.ConversationEvent)
    body = json.loads(raw)
    assert event.conversation.id == body["id"]
    assert event.conversation.subject == body["subject"]
    assert event.type == name
    assert event.type.is_known
    assert event.raw_body == raw


def test_conversation_with_embedded_threads() -> None:
    conv = fixture("conversation_get", "mailbox")
    threads = fixture("threads_list_sdk", "mailbox")["_embedded"]["threads"]
    conv["_embedded"] = {"threads": threads}
    event = hs.webhooks.parse_event("convo.agent.reply.created", _raw(conv))
    assert isinstance(event, hs.webhooks.ConversationEvent)
    assert event.conversation.threads is not None
    assert [t.id for t in event.conversation.threads] == [t["id"] for t in threads]


@pytest.mark.parametrize(
    ("name", "cls", "attr"),
    [
        ("convo.deleted", hs.webhooks.ConversationDeletedEvent, "conversation_id"),
        ("customer.deleted", hs.webhooks.CustomerDeletedEvent, "customer_id"),
        ("tag.deleted", hs.webhooks.TagDeletedEvent, "tag_id"),
    ],
)
def test_deleted_events_carry_the_id(name: str, cls: type, attr: str) -> None:
    event = hs.webhooks.parse_event(name, b'{"id": 9912}')
    assert isinstance(event, cls)
    assert getattr(event, attr) == 9912


def test_legacy_customer_body_with_explicit_nulls() -> None:
    event = hs.webhooks.parse_event("customer.updated", fixture_bytes("legacy_v1_customer_sdk"))
    assert isinstance(event, hs.webhooks.CustomerEvent)
    customer = event.customer
    assert customer.id == 76688730
    assert customer.first_name == "First_Name"
    assert customer.emails is not None
    assert customer.emails[0].value == "some@mail.com"
    assert customer.phones is None
    assert customer.social_profiles is None


def test_v2_customer_body_with_embedded_lists() -> None:
    body = {
        "id": 500,
        "firstName": "Vernon",
        "_embedded": {
            "emails": [{"id": 1, "value": "bear@acme.com", "type": "home"}],
            "social_profiles": [fixture("legacy_v1_customer_social_profile_object")],
            "address": fixture("legacy_v1_customer_address_object"),
        },
    }
    event = hs.webhooks.parse_event("customer.created", _raw(body))
    assert isinstance(event, hs.webhooks.CustomerEvent)
    assert event.customer.emails is not None
    assert event.customer.emails[0].type == "home"
    assert event.customer.social_profiles is not None
    assert event.customer.social_profiles[0].type == "twitter"
    assert event.customer.address is not None
    assert event.customer.address.city == "Dallas"


def test_ratings_v2_and_legacy() -> None:
    event = hs.webhooks.parse_event("satisfaction.ratings", fixture_bytes("rating_get", "mailbox"))
    assert isinstance(event, hs.webhooks.RatingEvent)
    assert event.rating.rating == "great"
    assert event.rating.conversation_id == 123
    assert event.rating.created_at is not None
    assert event.rating.created_at.tzinfo is not None
    legacy = hs.webhooks.parse_event(
        "satisfaction.ratings", fixture_bytes("legacy_v1_satisfaction_ratings")
    )
    assert isinstance(legacy, hs.webhooks.RatingEvent)
    assert legacy.rating.id == 5434
    assert legacy.rating.comments == "he was really helpful"


def test_tag_event() -> None:
    event = hs.webhooks.parse_event("tag.created", fixture_bytes("tag_get", "mailbox"))
    assert isinstance(event, hs.webhooks.TagEvent)
    assert event.tag.slug == "dark-side"
    assert event.tag.ticket_count == 5


@pytest.mark.parametrize("data", ["survey_response_data_faces", "survey_response_data_thumbs"])
def test_survey_response_event(data: str) -> None:
    body = {
        "message": {"name": "Monthly NPS survey"},
        "response": fixture(data),
        "_embedded": {"customer": {"id": 500, "firstName": "Vernon"}},
    }
    event = hs.webhooks.parse_event("message.survey.response.received", _raw(body))
    assert isinstance(event, hs.webhooks.SurveyResponseEvent)
    survey = event
    assert survey.message is not None
    assert survey.message.name == "Monthly NPS survey"
    assert survey.response is not None
    assert survey.response.value == fixture(data)["value"]
    assert survey.response.timestamp is not None
    assert survey.response.timestamp.year == 2022
    assert survey.customer is not None
    assert survey.customer.id == 500


def test_beacon_chat_event_keeps_the_chat_object() -> None:
    raw = fixture_bytes("chat_get", "chat")
    event = hs.webhooks.parse_event("beacon.chat.created", raw)
    assert isinstance(event, hs.webhooks.BeaconChatEvent)
    assert event.chat.id == "5a0da3c3-4882-3352-8db9-8fc47e14111f"
    assert event.chat.mailbox_id == 2599


def test_test_ping() -> None:
    event = hs.webhooks.parse_event("helpscout.test", b'{"test": true}')
    assert type(event) is hs.webhooks.TestEvent


def test_unknown_event_stays_generic() -> None:
    event = hs.webhooks.parse_event("convo.teleported", b'{"id": 1, "where": "mars"}')
    assert type(event) is hs.webhooks.WebhookEvent
    assert event.type == "convo.teleported"
    assert not event.type.is_known
    assert event.body == {"id": 1, "where": "mars"}


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("convo.created", b"{not json"),
        ("convo.created", b"[1, 2]"),
        ("convo.created", b'{"id": "not-a-number"}'),
        ("convo.deleted", b'{"name": "x"}'),
        ("customer.deleted", b'{"id": true}'),
        ("customer.created", b""),
        ("tag.created", b'"just a string"'),
    ],
)
def test_bodies_that_do_not_fit_are_a_typed_error(name: str, raw: bytes) -> None:
    with pytest.raises(hs.webhooks.WebhookPayloadError) as info:
        hs.webhooks.parse_event(name, raw)
    assert isinstance(info.value, hs.HelpScoutError)
    assert name in str(info.value)


def test_delivery_key_is_stable_per_event_and_body() -> None:
    a = hs.webhooks.parse_event("convo.deleted", b'{"id": 1}')
    b = hs.webhooks.parse_event("convo.deleted", b'{"id": 1}')
    c = hs.webhooks.parse_event("customer.deleted", b'{"id": 1}')
    d = hs.webhooks.parse_event("convo.deleted", b'{"id":1}')
    assert a.key == b.key
    assert len({a.key, c.key, d.key}) == 3


def test_repr_leaves_the_body_out() -> None:
    event = hs.webhooks.parse_event("convo.future", b'{"email": "secret-person@x.io"}')
    assert "secret-person" not in repr(event)
    assert event.key in repr(event)


def test_bad_argument_types() -> None:
    with pytest.raises(TypeError):
        hs.webhooks.parse_event(None, b"{}")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        hs.webhooks.parse_event("convo.created", "{}")  # type: ignore[arg-type]


def test_nps_survey_answer_keeps_its_category() -> None:
    body = {
        "message": {"name": "Monthly NPS survey"},
        "response": {"value": "9", "category": "passive", "timestamp": "2022-09-05T13:43:12Z"},
    }
    event = hs.webhooks.parse_event("message.survey.response.received", _raw(body))
    assert isinstance(event, hs.webhooks.SurveyResponseEvent)
    assert event.response is not None
    assert event.response.category == "passive"
    assert event.customer is None
