"""Every model against Help Scout's own example bodies (tests/fixtures/mailbox)."""

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from helpscout_async._convert import structure, structure_many
from helpscout_async.models import (
    Address,
    ChatHandle,
    Conversation,
    ConversationState,
    ConversationStatus,
    ConversationTag,
    ConversationType,
    Customer,
    CustomerWaitingSince,
    CustomField,
    Email,
    FieldOption,
    Folder,
    Mailbox,
    MailboxField,
    MailboxFieldType,
    NextEvent,
    Person,
    PersonType,
    Phone,
    Rating,
    RatingPerson,
    Snooze,
    SocialProfile,
    Source,
    SourceVia,
    Tag,
    Team,
    Thread,
    ThreadAction,
    ThreadAttachment,
    ThreadState,
    ThreadStatus,
    ThreadType,
    User,
    UserRole,
    UserType,
    Website,
    Workflow,
    WorkflowStatus,
    WorkflowType,
)

FIXTURES = Path(__file__).parent.parent / "fixtures" / "mailbox"


def load(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text())


def items(name: str, key: str) -> list[Any]:
    body: list[Any] = load(name)["_embedded"][key]
    return body


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, sec: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, sec, tzinfo=UTC)


# --- conversations and threads ------------------------------------------------------------


def test_conversation_get() -> None:
    conv = structure(load("conversation_get"), Conversation)
    assert conv.id == 123
    assert conv.number == 12
    assert conv.thread_count == 2
    assert conv.type is ConversationType.EMAIL
    assert conv.folder_id == 11
    assert conv.status is ConversationStatus.CLOSED
    assert conv.state is ConversationState.PUBLISHED
    assert conv.subject == "Help"
    assert conv.preview == "Preview"
    assert conv.mailbox_id == 13
    assert conv.assignee == Person(
        id=99, type=PersonType.USER, first="Mr", last="Robot", email="none@nowhere.com"
    )
    assert conv.created_by == Person(id=12, type=PersonType.CUSTOMER, email="bear@acme.com")
    assert conv.created_at == utc(2012, 3, 15, 22, 46, 22)
    assert conv.closed_by == 14
    assert conv.closed_by_user == Person(
        id=14,
        type=PersonType.USER,
        first="Clo",
        last="Ser",
        photo_url="pic.jpg",
        email="closer@closers.com",
    )
    assert conv.closed_at == utc(2012, 3, 16, 14, 7, 23)
    assert conv.user_updated_at == utc(2012, 3, 16, 14, 7, 23)
    assert conv.modified_at is None
    assert conv.customer_waiting_since == CustomerWaitingSince(
        time=utc(2012, 7, 24, 20, 18, 33), friendly="20 hours ago"
    )
    assert conv.source == Source(type="email", via=SourceVia.CUSTOMER)
    assert conv.tags == (ConversationTag(id=9150, color="#929499", tag="vip"),)
    assert conv.cc == ("bear@normal.com",)
    assert conv.bcc == ("bear@secret.com",)
    assert conv.primary_customer == Person(
        id=238604, type=PersonType.CUSTOMER, first="Rob", last="Robertovic", email="rob@acme.com"
    )
    assert conv.snooze == Snooze(
        snoozed_by=4, snoozed_until=utc(2024, 6, 3, 12), unsnooze_on_customer_reply=True
    )
    assert conv.next_event == NextEvent(
        time=utc(2024, 6, 3, 12), event_type="snooze", user_id=4, cancel_on_customer_reply=True
    )
    assert conv.custom_fields == (
        CustomField(id=8, name="Account Type", value="8518", text="Free"),
        CustomField(id=6688, name="Account Status", value="33077", text="Trial"),
    )
    assert conv.threads == ()  # embedded, and empty


def test_conversation_list_with_embedded_threads() -> None:
    (conv,) = structure_many(
        items("conversation_list_embed_threads_sdk", "conversations"), Conversation
    )
    assert conv.id == 1
    assert conv.number == 15473
    assert conv.folder_id == 493
    assert conv.assignee == Person(id=256, first="Mr", last="Robot", email="none@nowhere.com")
    assert conv.assignee is not None
    assert conv.assignee.type is None  # an assignee may lack a type
    assert conv.closed_by == 17
    assert conv.closed_by_user is None
    assert conv.customer_waiting_since is not None
    assert conv.customer_waiting_since.latest_reply_from == "customer"
    assert conv.primary_customer == Person(id=238604)
    assert conv.custom_fields == (CustomField(id=6688, name="Account Type", value="33077"),)
    assert conv.snooze is None
    assert conv.threads is not None
    (thread,) = conv.threads
    assert thread.id == 1
    assert thread.type is ThreadType.CUSTOMER
    assert thread.status is ThreadStatus.ACTIVE
    assert thread.state is ThreadState.PUBLISHED
    assert thread.action == ThreadAction(type="default", associated_entities={})
    assert thread.body == "This is a test"
    assert thread.source == Source(type="email", via=SourceVia.USER)
    assert thread.customer == Person(
        id=472611182,
        first="John",
        last="Doe",
        photo_url="https://d33v4339jhl8k0.cloudfront.net/customer-avatar/05.png",
        email="john.doe@example.com",
    )
    # The SDK's createdBy also carries to/cc/bcc/createdAt: ignored, not misread.
    assert thread.created_by == Person(
        id=1, type=PersonType.USER, first="John", last="Doe", email="john.doe@example.com"
    )
    assert thread.assigned_to == Person(id=12, first="Help", last="Scout", email="none@nowhere.com")
    assert thread.saved_reply_id == 0
    assert thread.attachments == ()
    assert thread.created_at is None


def test_conversation_list_empty_has_no_embedded() -> None:
    assert "_embedded" not in load("conversation_list_empty_sdk")


def test_threads_list() -> None:
    (thread,) = structure_many(items("threads_list_sdk", "threads"), Thread)
    assert thread.id == 1
    assert thread.type is ThreadType.CUSTOMER
    assert thread.action == ThreadAction(
        type="manual-workflow", text="You ran the Assign to Spam workflow"
    )
    assert thread.body == "Need Help"
    assert thread.created_by == Person(id=6857, type=PersonType.CUSTOMER)
    assert thread.assigned_to == Person(
        id=1234, type=PersonType.TEAM, first="Jack", last="Sprout", email="bear@acme.com"
    )
    assert thread.saved_reply_id == 17142
    assert thread.customer == Person(id=256, email="vbird@mywork.com")
    assert thread.to == ("bird@normal.com",)
    assert thread.cc == ("bear@normal.com",)
    assert thread.bcc == ("bear@secret.com",)
    assert thread.created_at == utc(2017, 4, 21, 14, 39, 56)
    assert thread.opened_at is None
    assert thread.rating is None
    assert thread.attachments == ()


def test_thread_attachments_from_embedded() -> None:
    data = {
        "id": 5,
        "_embedded": {
            "attachments": [
                {
                    "id": 12391,
                    "filename": "logo.png",
                    "mimeType": "image/png",
                    "size": 22,
                    "width": 160,
                    "height": 160,
                    "_links": {"data": {"href": "..."}},
                }
            ]
        },
    }
    assert structure(data, Thread).attachments == (
        ThreadAttachment(
            id=12391, filename="logo.png", mime_type="image/png", size=22, width=160, height=160
        ),
    )


# --- customers ----------------------------------------------------------------------------


def test_customer_list() -> None:
    customers = structure_many(items("customer_list", "customers"), Customer)
    assert [c.id for c in customers] == [1, 2]
    first = customers[0]
    assert first.first_name == "Big"
    assert first.last_name == "Bird"
    assert first.gender == "Unknown"
    assert first.job_title == "Entertainer"
    assert first.location == "US"
    assert first.organization == "Sesame Street"
    assert first.photo_type == "unknown"
    assert first.photo_url == ""
    assert first.created_at == utc(2017, 4, 21, 14, 39, 56)
    assert first.updated_at == utc(2017, 4, 21, 14, 43, 24)
    assert first.background == "Big yellow bird"
    assert first.age == "52"
    # List Customers sends no sub-records: unknown, not empty.
    assert first.emails is None
    assert first.social_profiles is None
    assert first.address is None


def test_customer_sub_record_lists() -> None:
    assert structure_many(items("customer_emails_list", "emails"), Email) == [
        Email(id=1, value="dasilva@football.com", type="work"),
        Email(id=2, value="dasilva@football.com", type="mobile"),
    ]
    assert structure_many(items("customer_phones_list", "phones"), Phone) == [
        Phone(id=1, value="222-333-4444", type="work"),
        Phone(id=2, value="333-4444-5555", type="mobile"),
    ]
    assert structure_many(items("customer_chats_list", "chats"), ChatHandle) == [
        ChatHandle(id=1, value="jsprout", type="aim"),
        ChatHandle(id=2, value="54831190", type="icq"),
    ]
    assert structure_many(
        items("customer_social_profiles_list", "social-profiles"), SocialProfile
    ) == [
        SocialProfile(id=1, value="https://twitter.com/helpscout", type="twitter"),
        SocialProfile(id=2, value="https://plus.google.com/+HelpscoutNet", type="googleplus"),
    ]
    assert structure_many(items("customer_websites_list", "websites"), Website) == [
        Website(id=1, value="https://github.com"),
        Website(id=2, value="http://www.somewhere.com"),
    ]
    assert structure(load("customer_address_get"), Address) == Address(
        city="Dallas",
        lines=("123 West Main St", "Suite 123"),
        state="TX",
        postal_code="74206",
        country="US",
    )


def test_get_customer_shape_with_embedded_sub_records() -> None:
    """Get Customer nests the sub-records, built here from the sub-record fixtures."""
    data = dict(items("customer_list", "customers")[0])
    data["_embedded"] = {
        "emails": items("customer_emails_list", "emails"),
        "phones": items("customer_phones_list", "phones"),
        "chats": items("customer_chats_list", "chats"),
        "social_profiles": items("customer_social_profiles_list", "social-profiles"),
        "websites": items("customer_websites_list", "websites"),
        "address": load("customer_address_get"),
        "properties": [{"type": "number", "slug": "plan-id", "name": "Plan", "value": 3}],
    }
    customer = structure(data, Customer)
    assert customer.emails is not None
    assert [e.type for e in customer.emails] == ["work", "mobile"]
    assert customer.phones is not None
    assert customer.phones[1].value == "333-4444-5555"
    assert customer.chats is not None
    assert customer.chats[0].type == "aim"
    assert customer.social_profiles is not None
    assert customer.social_profiles[0].type == "twitter"
    assert customer.websites is not None
    assert customer.websites[0].value == "https://github.com"
    assert customer.address is not None
    assert customer.address.city == "Dallas"
    assert customer.properties is not None
    assert customer.properties[0].value == "3"


# --- mailboxes, users, teams, tags, workflows, ratings ------------------------------------


def test_mailbox_list() -> None:
    mailboxes = structure_many(items("mailbox_list", "mailboxes"), Mailbox)
    assert mailboxes[1] == Mailbox(
        id=2,
        name="Help Pioneer",
        slug="83ebc5d87292a795",
        email="pioneer@acme.com",
        created_at=utc(2013, 6, 5, 9, 17, 15),
        updated_at=utc(2016, 11, 11, 12, 20, 39),
    )


def test_mailbox_folders() -> None:
    assert structure_many(items("mailbox_folders", "folders"), Folder) == [
        Folder(
            id=1234,
            name="My Tickets",
            type="mytickets",
            user_id=4532,
            total_count=2,
            active_count=1,
            updated_at=utc(2012, 7, 24, 20, 18, 33),
        )
    ]


def test_mailbox_fields() -> None:
    (field,) = structure_many(items("mailbox_fields", "fields"), MailboxField)
    assert field == MailboxField(
        id=104,
        name="Beers",
        type=MailboxFieldType.DROPDOWN,
        order=1,
        required=False,
        options=(
            FieldOption(id=168, order=1, label="IPA"),
            FieldOption(id=170, order=2, label="Stout"),
        ),
    )


@pytest.mark.parametrize("name", ["user_get", "user_me"])
def test_user(name: str) -> None:
    user = structure(load(name), User)
    assert user.id == 4
    assert user.first_name == "Vernon"
    assert user.last_name == "Bear"
    assert user.email == "bear@acme.com"
    assert user.role is UserRole.OWNER
    assert user.timezone == "America/New_York"
    assert user.photo_url == "http://somesite.com/images/avatar.jpg"
    assert user.created_at == utc(2011, 4, 1, 3, 18, 33)
    assert user.updated_at == utc(2012, 7, 24, 20, 18, 33)
    assert user.type is UserType.USER
    assert user.mention == "vernon"
    assert user.initials == "VB"
    assert user.job_title == "Honey Master"
    assert user.phone == "555-2368"
    assert user.alternate_emails == ("bear@forest.com",)
    assert user.company_id == (1 if name == "user_me" else None)


def test_system_user_with_nulls() -> None:
    user = structure(load("system_user_get"), User)
    assert user.id == 155250
    assert user.type is UserType.SYSTEM_USER
    assert user.email is None
    assert user.mention is None
    assert user.last_name == ""
    assert user.created_at == utc(2026, 4, 22, 15, 17, 33)


def test_team_members_are_users() -> None:
    (member,) = structure_many(items("team_members", "users"), User)
    assert member.id == 4
    assert member.role is UserRole.OWNER


def test_team_list() -> None:
    teams = structure_many(items("team_list", "teams"), Team)
    assert [t.id for t in teams] == [1, 2]
    assert teams[0] == Team(
        id=1,
        name="Engineers",
        timezone="America/New_York",
        photo_url="https://helpscout.com/images/avatar.jpg",
        mention="engs",
        created_at=utc(2019, 8, 23, 14, 39, 56),
        updated_at=utc(2019, 8, 23, 14, 43, 24),
    )


def test_tags() -> None:
    tags = structure_many(items("tag_list", "tags"), Tag)
    assert tags[0] == Tag(
        id=123456793,
        slug="dark-side",
        name="Dark Side",
        color="green",
        created_at=utc(2010, 2, 10, 9),
        ticket_count=5,
    )
    assert tags[0].updated_at is None  # absent for a tag never renamed
    assert tags[1].updated_at == utc(2010, 2, 10, 10, 37)
    tag = structure(load("tag_get"), Tag)
    assert (tag.id, tag.ticket_count, tag.updated_at) == (1, 5, utc(2017, 4, 21, 14, 43, 24))


def test_workflow_list() -> None:
    assert structure_many(items("workflow_list", "workflows"), Workflow) == [
        Workflow(
            id=1234,
            mailbox_id=100,
            type=WorkflowType.MANUAL,
            status=WorkflowStatus.ACTIVE,
            order=1,
            name="Mine",
            created_at=utc(2012, 7, 24, 20, 13, 12),
            modified_at=utc(2012, 7, 24, 20, 18, 33),
        )
    ]


def test_rating_get() -> None:
    assert structure(load("rating_get"), Rating) == Rating(
        id=1,
        customer=RatingPerson(
            id=500,
            email="customer@acme.com",
            first_name="Happy",
            last_name="Customer",
            photo_url="http://twitter.com/img/some-avatar.jpg",
        ),
        thread_id=10,
        conversation_id=123,
        conversation_number=456,
        mailbox_id=85,
        rating="great",
        user=RatingPerson(id=11, email="bear@acme.com", first_name="Vernon", last_name="Bear"),
        comments="Well done!",
        created_at=utc(2017, 12, 12, 12, 12, 13),
    )
