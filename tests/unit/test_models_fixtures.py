"""Every fixture body structures into its model, and no key is dropped that a model could hold.

``BODIES`` maps each file under ``tests/fixtures/{mailbox,sdk_php,chat,webhooks,legacy_v1}`` to
its model (and where its items live); ``NOT_MODELS`` lists, with a reason, the files that are
not resource bodies. A test checks that every file is in one or the other, so a new fixture
cannot be forgotten. The drift test structures each body with a strict converter
(``forbid_extra_keys``; ``_links`` aside) and compares the keys it refuses with
``KNOWN_UNMODELLED``.
"""

import json
import pickle
import re
from pathlib import Path
from typing import Any

import cattrs
import pytest

from helpscout_async import _convert
from helpscout_async._convert import structure_many
from helpscout_async.models import (
    Address,
    AttachmentData,
    AttachmentUpload,
    BusyTime,
    ChatEvent,
    ChatHandle,
    CompanyReport,
    Conversation,
    Customer,
    CustomerPropertyDefinition,
    Email,
    Folder,
    LegacyRating,
    LiveChat,
    Mailbox,
    MailboxField,
    Organization,
    Phone,
    Rating,
    ReassignmentConfig,
    RoutingConfig,
    SavedReply,
    SocialProfile,
    Source,
    SurveyResponse,
    Tag,
    Team,
    Thread,
    ThreadOriginalSource,
    User,
    UserStatus,
    Webhook,
    Website,
    Workflow,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"
FAMILIES = ("mailbox", "sdk_php", "chat", "webhooks", "legacy_v1")

# file -> (model, where the items are: None = the body is one object, "[]" = a bare array,
# "items" = a legacy v1 page, any other string = the key under _embedded)
BODIES: dict[str, tuple[type[Any], str | None]] = {
    "mailbox/attachment_data": (AttachmentData, None),
    "mailbox/conversation_get": (Conversation, None),
    "mailbox/conversation_list_embed_threads_sdk": (Conversation, "conversations"),
    "mailbox/conversation_list_empty_sdk": (Conversation, "conversations"),
    "mailbox/customer_address_get": (Address, None),
    "mailbox/customer_chats_list": (ChatHandle, "chats"),
    "mailbox/customer_emails_list": (Email, "emails"),
    "mailbox/customer_get": (Customer, None),
    "mailbox/customer_properties_list": (CustomerPropertyDefinition, "customer-properties"),
    "mailbox/customer_list": (Customer, "customers"),
    "mailbox/customer_list_empty": (Customer, "customers"),
    "mailbox/customer_phones_list": (Phone, "phones"),
    "mailbox/customer_social_profiles_list": (SocialProfile, "social-profiles"),
    "mailbox/customer_websites_list": (Website, "websites"),
    "mailbox/mailbox_fields": (MailboxField, "fields"),
    "mailbox/mailbox_folders": (Folder, "folders"),
    "mailbox/mailbox_list": (Mailbox, "mailboxes"),
    "mailbox/mailbox_routing_get": (RoutingConfig, None),
    "mailbox/organization_get": (Organization, None),
    "mailbox/rating_get": (Rating, None),
    "mailbox/report_company_overall": (CompanyReport, None),
    "mailbox/report_conversations_busy_times": (BusyTime, "[]"),
    "mailbox/request_attachment_upload": (AttachmentUpload, None),
    "mailbox/request_mailbox_routing_update": (RoutingConfig, None),
    "mailbox/user_reassignment_get": (ReassignmentConfig, None),
    "mailbox/saved_replies": (SavedReply, "[]"),
    "mailbox/saved_reply_get": (SavedReply, None),
    "mailbox/system_user_get": (User, None),
    "mailbox/system_user_list": (User, "system_users"),
    "mailbox/tag_get": (Tag, None),
    "mailbox/tag_list": (Tag, "tags"),
    "mailbox/team_list": (Team, "teams"),
    "mailbox/team_list_empty": (Team, "teams"),
    "mailbox/team_members": (User, "users"),
    "mailbox/thread_original_source": (ThreadOriginalSource, None),
    "mailbox/threads_list_sdk": (Thread, "threads"),
    "mailbox/user_get": (User, None),
    "mailbox/user_me": (User, None),
    "mailbox/user_status_get": (UserStatus, None),
    "mailbox/user_status_list": (UserStatus, "userStatuses"),
    "mailbox/webhook_get": (Webhook, None),
    "mailbox/workflow_list": (Workflow, "workflows"),
    "sdk_php/ChatPayloads.getChat_3f2b6c1e-aaaa-4000-8000-000000000001": (LiveChat, None),
    "sdk_php/ChatPayloads.getEvents_1_2": (ChatEvent, "events"),
    "sdk_php/ConversationPayloads.getConversation_1": (Conversation, None),
    "sdk_php/ConversationPayloads.getConversations_1_2_false": (Conversation, "conversations"),
    "sdk_php/CustomerPayloads.getCustomer_1": (Customer, None),
    "sdk_php/MailboxPayloads.getFields_1": (MailboxField, "fields"),
    "sdk_php/MailboxPayloads.getFolders_1": (Folder, "folders"),
    "sdk_php/MailboxPayloads.getMailbox_1": (Mailbox, None),
    "sdk_php/TeamPayloads.getTeam_1": (Team, None),
    "sdk_php/ThreadPayloads.getThread_1": (Thread, None),
    "sdk_php/UserPayloads.getUser_1": (User, None),
    "sdk_php/UserPayloads.getUsers_1_2": (User, "users"),
    "sdk_php/WebhookPayloads.getWebhook_1": (Webhook, None),
    "sdk_php/WebhookPayloads.getWebhooks_1_2": (Webhook, "webhooks"),
    "sdk_php/WorkflowPayloads.getWebhook_1": (Workflow, None),
    "chat/chat_get": (LiveChat, None),
    "chat/chat_write_response": (LiveChat, None),
    "webhooks/legacy_v1_customer_address_object": (Address, None),
    "webhooks/legacy_v1_customer_sdk": (Customer, None),
    "webhooks/legacy_v1_customer_social_profile_object": (SocialProfile, None),
    "webhooks/legacy_v1_satisfaction_ratings": (LegacyRating, None),
    "webhooks/legacy_v1_source_object": (Source, None),
    "webhooks/survey_response_data_faces": (SurveyResponse, None),
    "webhooks/survey_response_data_thumbs": (SurveyResponse, None),
    "legacy_v1/customer_list": (Customer, "items"),
}

_REQUEST = "a request body: built by the resource methods and tested with them"
NOT_MODELS: dict[str, str] = {
    "mailbox/error_internal_sdk": "an error body: parsed by errors.py (tests/unit/test_errors.py)",
    "mailbox/error_rate_limit_sdk": "an error body: parsed by errors.py",
    "mailbox/error_transition_400": "an error body: parsed by errors.py",
    "mailbox/error_validation": "an error body: parsed by errors.py",
    "mailbox/error_validation_sdk": "an error body: parsed by errors.py",
    "legacy_v1/error_envelope_403": "an error body: parsed by errors.py",
    "mailbox/pagination_fragment": "a page envelope without items: read by pagination.py",
    "mailbox/token_response": "a token reply: parsed by auth.py",
    "mailbox/token_response_sdk_mock": "a token reply: parsed by auth.py",
    "mailbox/transition_token_response": "a token reply of the transition service: auth.py",
}
NOT_MODELS.update(
    {
        f"{family}/{path.stem}": _REQUEST
        for family in ("mailbox", "chat")
        for path in (FIXTURES / family).glob("request_*.json")
        if f"{family}/{path.stem}" not in BODIES
    }
)

# Keys no model holds, on purpose. The PHP SDK's test data puts a thread's to/cc/bcc and
# createdAt inside its createdBy person, which the real API does not.
KNOWN_UNMODELLED: dict[str, set[str]] = {
    "mailbox/conversation_list_embed_threads_sdk": {
        "$[0].threads[0].created_by: bcc, cc, createdAt, to",
    },
}


def load(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text())


def items_of(name: str) -> list[Any]:
    """The item objects of a fixture, as its ``BODIES`` entry says where they are."""
    body = load(name)
    where = BODIES[name][1]
    if where is None:
        return [body]
    if where == "[]":
        assert isinstance(body, list)
        return body
    if where == "items":
        return list(body["items"])
    return list(body.get("_embedded", {}).get(where, []))


def test_every_fixture_is_accounted_for() -> None:
    found = {
        f"{family}/{path.stem}"
        for family in FAMILIES
        for path in (FIXTURES / family).glob("*.json")
    }
    assert found == set(BODIES) | set(NOT_MODELS)
    assert not set(BODIES) & set(NOT_MODELS)


@pytest.mark.parametrize("name", sorted(BODIES))
def test_every_body_structures(name: str) -> None:
    cls, _ = BODIES[name]
    items = items_of(name)
    models = structure_many(items, cls)
    assert len(models) == len(items)
    assert all(isinstance(model, cls) for model in models)


_reference = _convert.make_converter(detailed_validation=True)


@pytest.mark.parametrize("name", sorted(BODIES))
def test_fast_path_builds_what_the_class_builds(name: str) -> None:
    """The generated functions (slots filled directly) equal cattrs' (the class called)."""
    cls, _ = BODIES[name]
    items = items_of(name)
    fast = structure_many(items, cls)
    assert fast == _reference.structure(items, list[cls])  # type: ignore[valid-type]
    assert [hash(model) for model in fast] == [
        hash(model)
        for model in _reference.structure(items, list[cls])  # type: ignore[valid-type]
    ]
    assert [repr(model) for model in fast] == [repr(pickle.loads(pickle.dumps(m))) for m in fast]


@pytest.mark.parametrize("name", ["mailbox/conversation_list_empty_sdk", "mailbox/team_list_empty"])
def test_empty_lists_have_no_embedded(name: str) -> None:
    assert "_embedded" not in load(name)
    assert items_of(name) == []


_strict = _convert.make_converter(detailed_validation=True, strict=True)


def unmodelled_keys(data: list[Any], cls: type[Any]) -> set[str]:
    """'<path>: <keys>' for every key a strict converter refuses (``_links`` aside)."""
    try:
        _strict.structure(data, list[cls])  # type: ignore[valid-type]
    except cattrs.BaseValidationError as error:
        found = set()
        for message in cattrs.transform_error(error):
            match = re.fullmatch(r"extra fields found \((.*)\) @ (.*)", message)
            assert match, message  # nothing but extra keys may fail
            keys = ", ".join(sorted(match[1].split(", ")))
            found.add(f"{match[2]}: {keys}")
        return found
    return set()


@pytest.mark.parametrize("name", sorted(BODIES))
def test_no_fixture_key_is_dropped(name: str) -> None:
    cls, _ = BODIES[name]
    assert unmodelled_keys(items_of(name), cls) == KNOWN_UNMODELLED.get(name, set())


def test_strict_converter_does_report_drift() -> None:
    data = load("mailbox/conversation_get")
    data["brandNew"] = 1
    data["_embedded"]["surprise"] = []
    assert unmodelled_keys([data], Conversation) == {"$[0]: _embedded.surprise, brandNew"}
