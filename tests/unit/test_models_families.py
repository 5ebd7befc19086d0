"""The models added for the whole API, their values from real bodies, and the renamed names."""

import json
import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import helpscout_async
from helpscout_async import models
from helpscout_async._convert import structure, structure_many, unstructure
from helpscout_async.models import (
    AttachmentUpload,
    AwayDuration,
    BusyTime,
    ChatEvent,
    ChatEventType,
    ChatHandle,
    ChatTag,
    CompanyReport,
    CompanyReportUser,
    Conversation,
    Customer,
    CustomerProperty,
    CustomerPropertyDefinition,
    Email,
    LegacyRating,
    LiveChat,
    Organization,
    Person,
    PersonType,
    PropertyOption,
    PropertyType,
    ReassignmentConfig,
    RoutingConfig,
    RoutingRotationEntry,
    RoutingState,
    SavedReply,
    Thread,
    ThreadAttachment,
    UserStatus,
    Webhook,
    WebhookState,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"


def load(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text())


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


# --- what was lost before -----------------------------------------------------------------


def test_system_user_is_a_person_type_on_created_by() -> None:
    thread = structure({"id": 1, "createdBy": {"id": 155250, "type": "system_user"}}, Thread)
    assert thread.created_by == Person(id=155250, type=PersonType.SYSTEM_USER)
    assert thread.created_by is not None
    assert thread.created_by.type is not None
    assert thread.created_by.type.is_known


def test_team_assignee_keeps_its_name() -> None:
    conv = structure(
        {"id": 1, "assignee": {"id": 7, "type": "team", "name": "Tier 2"}}, Conversation
    )
    assert conv.assignee == Person(id=7, type=PersonType.TEAM, name="Tier 2")


def test_customer_organization_id_and_draft() -> None:
    data = {"id": 1, "organization": "Acme", "organizationId": 35, "draft": True}
    customer = structure(data, Customer)
    assert (customer.organization, customer.organization_id, customer.draft) == ("Acme", 35, True)


def test_thread_imported() -> None:
    assert structure({"id": 1, "imported": True}, Thread).imported is True
    assert structure({"id": 1}, Thread).imported is None


def test_attachment_web_url_from_links() -> None:
    data = {
        "id": 5,
        "_embedded": {
            "attachments": [
                {
                    "id": 9,
                    "filename": "a.png",
                    "_links": {
                        "data": {"href": "https://api.helpscout.net/v2/x/data"},
                        "web": {"href": "https://secure.helpscout.net/file/9/a.png"},
                    },
                }
            ]
        },
    }
    (attachment,) = structure(data, Thread).attachments
    assert attachment.web_url == "https://secure.helpscout.net/file/9/a.png"
    assert "webUrl" not in unstructure(attachment)  # read from responses, never sent
    assert "_links.web" not in unstructure(attachment)
    assert structure({"id": 9}, ThreadAttachment).web_url is None


def test_customer_property_definitions_and_values_keep_source() -> None:
    definition = structure(
        {
            "type": "dropdown",
            "slug": "plan",
            "name": "Plan",
            "source": {"type": "integration", "name": "Stripe"},
            "options": [{"id": "556cca5f-1afc-48ef-8323-b88b55808404", "label": "Standard"}],
        },
        CustomerPropertyDefinition,
    )
    assert definition.type is PropertyType.DROPDOWN
    assert definition.source == {"type": "integration", "name": "Stripe"}
    assert definition.options == (
        PropertyOption(id="556cca5f-1afc-48ef-8323-b88b55808404", label="Standard"),
    )
    value = structure({"slug": "plan", "value": "Plus", "source": "api"}, CustomerProperty)
    assert value.source == "api"


# --- new families from their fixtures ----------------------------------------------------


def test_chat_api_chat() -> None:
    chat = structure(load("chat/chat_get"), LiveChat)
    assert chat.id == "5a0da3c3-4882-3352-8db9-8fc47e14111f"
    assert chat.beacon_id == "ed8e9fe0-acf4-4b44-b1fc-a5bff956e7a8"
    assert chat.created_at == datetime(2020, 7, 3, 7, 3, 29, 982028, tzinfo=UTC)
    assert chat.assignee is not None
    assert chat.assignee.type is PersonType.AGENT
    assert chat.customer is not None
    assert chat.customer.email == "ken@obiwan.com"
    assert chat.tags == (ChatTag(id=3606, slug="lunatic", color="blue"),)
    assert chat.custom_fields[0].value == "Magic"
    assert chat.timeline[0].type == "page-viewed"
    assert chat.events is not None
    message, accepted = chat.events
    assert message.type is ChatEventType.MESSAGE
    assert message.author is not None
    assert message.author.type is PersonType.CUSTOMER
    assert message.body == "Whoa there!"
    assert accepted.type is ChatEventType.LINE_ITEM
    assert accepted.action == "chat-accepted"
    assert accepted.body is None
    assert accepted.author is not None
    assert accepted.author.type is PersonType.USER  # the assignee "agent", as an author


def test_chat_events_page_and_null_tag_id() -> None:
    events = structure_many(
        load("sdk_php/ChatPayloads.getEvents_1_2")["_embedded"]["events"], ChatEvent
    )
    assert [e.params for e in events] == [{"test": "value"}] * 2
    chat = structure(
        load("sdk_php/ChatPayloads.getChat_3f2b6c1e-aaaa-4000-8000-000000000001"), LiveChat
    )
    assert chat.tags == (ChatTag(id=None, slug="test", color="none"),)
    assert chat.events is not None
    assert len(chat.events) == 5
    empty = structure(load("chat/chat_write_response"), LiveChat)
    assert empty.events == ()


def test_webhook_secret_never_in_repr() -> None:
    webhook = structure(load("sdk_php/WebhookPayloads.getWebhook_1"), Webhook)
    assert webhook.secret == "mZ9XbGHodX"
    assert "mZ9XbGHodX" not in repr(webhook)
    assert "mZ9XbGHodX" not in str(webhook)
    assert webhook.state is WebhookState.DISABLED
    assert webhook.events == ("convo.assigned", "convo.moved")
    documented = structure(load("mailbox/webhook_get"), Webhook)
    assert documented.payload_version == "V2"
    assert documented.notification is False
    assert documented.mailbox_ids == ()
    assert documented.secret is None


def test_routing_config_and_its_request_body() -> None:
    config = structure(load("mailbox/mailbox_routing_get"), RoutingConfig)
    assert config.state is RoutingState.ENABLED
    assert config.assignment_limit == 10
    assert config.user_ids == (1, 2, 3)
    assert config.rotation[0] == RoutingRotationEntry(
        user_id=1, conversations_count=10, eligible=False, reason="at_capacity"
    )
    assert config.rotation[2].reason is None
    body = load("mailbox/request_mailbox_routing_update")
    assert unstructure(structure(body, RoutingConfig)) == body


def test_attachment_upload_round_trip_and_repr() -> None:
    body = load("mailbox/request_attachment_upload")
    upload = structure(body, AttachmentUpload)
    assert upload == AttachmentUpload(file_name="file.txt", mime_type="text/plain", data="ZmlsZQ==")
    assert unstructure(upload) == body
    assert "ZmlsZQ==" not in repr(upload)


def test_company_report() -> None:
    report = structure(load("mailbox/report_company_overall"), CompanyReport)
    assert report.filter_tags[0].name == "sample-tag"
    assert report.current is not None
    assert report.current.start_date == utc(2015, 1, 1)
    assert report.current.customers_helped == 28
    assert report.current.replies_per_day == pytest.approx(2.066666666666667)
    assert report.previous is not None
    assert report.previous.total_replies == 636
    assert report.deltas is not None
    assert report.deltas.total_users == 25.0
    assert report.users == (
        CompanyReportUser(
            user="1",
            name="John Smith",
            customers_helped=26,
            previous_customers_helped=16,
            replies=58,
            previous_replies=40,
            happiness_score=66.66666666666666,
            previous_happiness_score=23.529411764705884,
            handle_time=78.96,
            previous_handle_time=0.0,
        ),
    )


def test_report_floats_accept_ints_but_not_strings() -> None:
    report = structure({"deltas": {"closed": 3}}, CompanyReport)
    assert report.deltas is not None
    assert report.deltas.closed == 3.0
    assert isinstance(report.deltas.closed, float)
    with pytest.raises(helpscout_async.StructureError) as info:
        structure({"deltas": {"closed": "many"}}, CompanyReport)
    assert info.value.paths == ["$.deltas.closed"]


def test_busy_times_bare_array() -> None:
    times = structure_many(load("mailbox/report_conversations_busy_times"), BusyTime)
    assert times[-1] == BusyTime(day=7, hour=23, count=4)


def test_saved_replies() -> None:
    listed = structure_many(load("mailbox/saved_replies"), SavedReply)
    assert [r.chat_preview for r in listed] == [None, None, "Sample chat content."]
    full = structure(load("mailbox/saved_reply_get"), SavedReply)
    assert full.text is not None
    assert full.text.startswith("Hi there,<br />")
    assert full.chat_text is not None
    assert full.preview is None


def test_user_status() -> None:
    status = structure(load("mailbox/user_status_get"), UserStatus)
    assert status.user_id == 4
    assert status.email is not None
    assert (status.email.status, status.email.performed_by, status.email.source) == (
        "active",
        4,
        "api",
    )
    assert status.email.updated_at == utc(2026, 1, 15, 10, 30)
    assert status.chat is not None
    assert status.chat.mailbox_statuses == {"100": "assign", "101": "unavailable"}
    hash(status)  # the mapping is left out of the hash


def test_legacy_webhook_bodies() -> None:
    rating = structure(load("webhooks/legacy_v1_satisfaction_ratings"), LegacyRating)
    assert rating.ticket_id == 1560011
    assert rating.mailbox is not None
    assert rating.mailbox.name == "My Mailbox"
    assert rating.customer is not None
    assert rating.customer.emails[0] == Email(
        id=1220012, value="john.doe@gmail.com", location="work"
    )
    customer = structure(load("webhooks/legacy_v1_customer_sdk"), Customer)
    assert customer.modified_at == utc(2016, 3, 21, 21, 18, 58)
    assert customer.websites is None  # legacy null, not "none"
    assert customer.emails == (Email(id=98037223, value="some@mail.com", location="work"),)


# --- renamed names --------------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new"), [("Chat", ChatHandle), ("Attachment", ThreadAttachment)])
@pytest.mark.parametrize("module", [models, helpscout_async])
def test_old_names_are_deprecated_aliases(module: Any, old: str, new: type[Any]) -> None:
    with pytest.warns(DeprecationWarning, match=new.__name__):
        assert getattr(module, old) is new
    assert old not in module.__all__
    assert new.__name__ in module.__all__ or module is helpscout_async


def test_unknown_names_still_raise() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(AttributeError):
            _ = models.NoSuchModel  # type: ignore[attr-defined]
        with pytest.raises(AttributeError):
            _ = helpscout_async.NoSuchModel  # type: ignore[attr-defined]


def test_every_model_module_name_is_exported() -> None:
    """Field types reachable from any exported model are exported too."""
    import typing

    import attrs

    exported = {getattr(models, name) for name in models.__all__}

    def reachable(tp: Any) -> set[Any]:
        found = set()
        for arg in typing.get_args(tp) or (tp,):
            if isinstance(arg, type) and (attrs.has(arg) or issubclass(arg, models.OpenEnum)):
                found.add(arg)
            found |= {x for x in typing.get_args(arg) if isinstance(x, type)}
        return found

    for cls in list(exported):
        if attrs.has(cls):
            for field in attrs.fields(attrs.resolve_types(cls)):
                for used in reachable(field.type):
                    if attrs.has(used) or issubclass(used, models.OpenEnum):
                        assert used in exported, f"{cls.__name__}.{field.name}: {used.__name__}"


def test_get_customer_documented_body() -> None:
    customer = structure(load("mailbox/customer_get"), Customer)
    assert (customer.organization_id, customer.draft, customer.conversation_count) == (
        35,
        False,
        10,
    )
    assert customer.properties == (
        CustomerProperty(
            type=PropertyType.TEXT,
            slug="car",
            name="Car",
            value="Tesla",
            text="Tesla",
            source={"name": "api"},
        ),
    )
    assert customer.social_profiles is not None
    assert customer.social_profiles[0].value == "@me"
    assert customer.address is not None
    assert (customer.address.city, customer.address.lines) == ("Prague", ())


def test_organization_with_counts_and_properties() -> None:
    org = structure(load("mailbox/organization_get"), Organization)
    assert org.domains == ("domain.com", "domain.org")
    assert org.phones == ("1-23-456", "+1 234 5678")
    assert (org.customer_count, org.conversation_count, org.brand_color) == (42, 17, "#000FFF")
    assert org.properties is not None
    revenue, industry, founded = org.properties
    assert (revenue.definition_id, revenue.type, revenue.value) == (
        1001,
        PropertyType.NUMBER,
        "5000000",
    )
    assert [o.label for o in industry.options] == ["Software", "Healthcare", "Finance"]
    assert founded.type is PropertyType.DATE
    bare = structure({"id": 3, "name": "Acme"}, Organization)
    assert (bare.customer_count, bare.properties) == (None, None)  # not asked for: unknown


def test_reassignment_config() -> None:
    config = structure(load("mailbox/user_reassignment_get"), ReassignmentConfig)
    assert config == ReassignmentConfig(
        enabled=True, away_duration=AwayDuration(hours=2, minutes=30)
    )
    assert unstructure(config) == {"enabled": True, "awayDuration": {"hours": 2, "minutes": 30}}
