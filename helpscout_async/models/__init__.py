"""Typed models of Help Scout resources: frozen attrs classes with snake_case fields.

Structure JSON into them with ``helpscout_async._convert.structure``. Absent fields are
``None`` (or an empty tuple for lists where absence means empty); unknown keys are ignored;
enums accept values Help Scout adds later. One module per family: conversations, threads,
attachments, customers (and their entries), properties, organizations, mailboxes, routing,
saved replies, ratings, reports, tags, users (and statuses), webhooks, workflows, chats.

Renamed in 0.2 (the old names still work for one release, with a ``DeprecationWarning``):
``Attachment`` is ``ThreadAttachment`` and ``Chat`` (a customer's chat handle) is
``ChatHandle``; the names are freed for the Chat and Docs APIs.
"""

import warnings
from typing import Any

from ._base import OpenEnum
from .attachments import AttachmentData, AttachmentUpload, ThreadAttachment
from .chats import (
    ChatCustomField,
    ChatEvent,
    ChatEventType,
    ChatTag,
    ChatTimelineEntry,
    LiveChat,
)
from .common import (
    Address,
    CustomField,
    JSONObject,
    JSONValue,
    Person,
    PersonType,
    Snooze,
    Source,
    SourceVia,
)
from .conversations import (
    Conversation,
    ConversationState,
    ConversationStatus,
    ConversationTag,
    ConversationType,
    CustomerWaitingSince,
    NextEvent,
)
from .customers import (
    ChatHandle,
    Customer,
    Email,
    Phone,
    SocialProfile,
    Website,
)
from .docs import (
    Article,
    ArticleRef,
    ArticleRevision,
    ArticleRevisionRef,
    ArticleSearchResult,
    ArticleStatus,
    CallbackConfiguration,
    DocsAsset,
    DocsCategory,
    DocsCollection,
    DocsPerson,
    DocsVisibility,
    Redirect,
    RedirectedUrl,
    Site,
    SiteRestrictions,
    SiteStatus,
)
from .mailboxes import (
    FieldOption,
    Folder,
    Mailbox,
    MailboxField,
    MailboxFieldType,
)
from .organizations import Organization
from .properties import (
    CustomerProperty,
    CustomerPropertyDefinition,
    OrganizationProperty,
    OrganizationPropertyDefinition,
    PropertyOption,
    PropertyType,
)
from .ratings import Rating, RatingPerson
from .report_channels import (
    ChatReport,
    ChatReportPeriod,
    ChatReportResolutions,
    ChatReportResponses,
    ChatReportVolume,
    EmailReport,
    EmailReportPeriod,
    EmailReportResolutions,
    EmailReportResponses,
    EmailReportVolume,
    PhoneReport,
    PhoneReportPeriod,
    UserChatReport,
    UserChatReportPeriod,
)
from .reports import (
    BusyTime,
    CompanyReport,
    CompanyReportDeltas,
    CompanyReportPeriod,
    CompanyReportUser,
    ConversationsReport,
    ConversationsReportPeriod,
    DocsReport,
    DocsReportPeriod,
    DocsReportTopItem,
    HappinessReport,
    HappinessReportPeriod,
    ProductivityReport,
    ProductivityReportPeriod,
    ReportFilterTag,
    ReportRaw,
    ReportTopEntry,
    ReportTopList,
    UserReport,
    UserReportPeriod,
    UserReportUser,
)
from .routing import RoutingConfig, RoutingRotationEntry, RoutingState
from .saved_replies import SavedReply
from .tags import Tag
from .threads import (
    Thread,
    ThreadAction,
    ThreadOriginalSource,
    ThreadState,
    ThreadStatus,
    ThreadType,
)
from .users import (
    AwayDuration,
    CustomStatus,
    ReassignmentConfig,
    Team,
    User,
    UserChatStatus,
    UserEmailStatus,
    UserRole,
    UserStatus,
    UserType,
)
from .webhooks import (
    LegacyRating,
    LegacyRatingCustomer,
    LegacyRatingMailbox,
    SurveyMessage,
    SurveyResponse,
    Webhook,
    WebhookState,
)
from .workflows import Workflow, WorkflowStatus, WorkflowType

__all__ = [
    "Address",
    "Article",
    "ArticleRef",
    "ArticleRevision",
    "ArticleRevisionRef",
    "ArticleSearchResult",
    "ArticleStatus",
    "AttachmentData",
    "AttachmentUpload",
    "AwayDuration",
    "BusyTime",
    "CallbackConfiguration",
    "ChatCustomField",
    "ChatEvent",
    "ChatEventType",
    "ChatHandle",
    "ChatReport",
    "ChatReportPeriod",
    "ChatReportResolutions",
    "ChatReportResponses",
    "ChatReportVolume",
    "ChatTag",
    "ChatTimelineEntry",
    "CompanyReport",
    "CompanyReportDeltas",
    "CompanyReportPeriod",
    "CompanyReportUser",
    "Conversation",
    "ConversationState",
    "ConversationStatus",
    "ConversationTag",
    "ConversationType",
    "ConversationsReport",
    "ConversationsReportPeriod",
    "CustomField",
    "CustomStatus",
    "Customer",
    "CustomerProperty",
    "CustomerPropertyDefinition",
    "CustomerWaitingSince",
    "DocsAsset",
    "DocsCategory",
    "DocsCollection",
    "DocsPerson",
    "DocsReport",
    "DocsReportPeriod",
    "DocsReportTopItem",
    "DocsVisibility",
    "Email",
    "EmailReport",
    "EmailReportPeriod",
    "EmailReportResolutions",
    "EmailReportResponses",
    "EmailReportVolume",
    "FieldOption",
    "Folder",
    "HappinessReport",
    "HappinessReportPeriod",
    "JSONObject",
    "JSONValue",
    "LegacyRating",
    "LegacyRatingCustomer",
    "LegacyRatingMailbox",
    "LiveChat",
    "Mailbox",
    "MailboxField",
    "MailboxFieldType",
    "NextEvent",
    "OpenEnum",
    "Organization",
    "OrganizationProperty",
    "OrganizationPropertyDefinition",
    "Person",
    "PersonType",
    "Phone",
    "PhoneReport",
    "PhoneReportPeriod",
    "ProductivityReport",
    "ProductivityReportPeriod",
    "PropertyOption",
    "PropertyType",
    "Rating",
    "RatingPerson",
    "ReassignmentConfig",
    "Redirect",
    "RedirectedUrl",
    "ReportFilterTag",
    "ReportRaw",
    "ReportTopEntry",
    "ReportTopList",
    "RoutingConfig",
    "RoutingRotationEntry",
    "RoutingState",
    "SavedReply",
    "Site",
    "SiteRestrictions",
    "SiteStatus",
    "Snooze",
    "SocialProfile",
    "Source",
    "SourceVia",
    "SurveyMessage",
    "SurveyResponse",
    "Tag",
    "Team",
    "Thread",
    "ThreadAction",
    "ThreadAttachment",
    "ThreadOriginalSource",
    "ThreadState",
    "ThreadStatus",
    "ThreadType",
    "User",
    "UserChatReport",
    "UserChatReportPeriod",
    "UserChatStatus",
    "UserEmailStatus",
    "UserReport",
    "UserReportPeriod",
    "UserReportUser",
    "UserRole",
    "UserStatus",
    "UserType",
    "Webhook",
    "WebhookState",
    "Website",
    "Workflow",
    "WorkflowStatus",
    "WorkflowType",
]

_DEPRECATED = {
    "Attachment": ("ThreadAttachment", ThreadAttachment),
    "Chat": ("ChatHandle", ChatHandle),
}


def _deprecated(name: str, where: str, stacklevel: int) -> Any:
    """The new class of a renamed model, with a ``DeprecationWarning`` for the old name."""
    new_name, cls = _DEPRECATED[name]
    warnings.warn(
        f"{where}.{name} is deprecated; use {new_name} (the old name goes in 0.3)",
        DeprecationWarning,
        stacklevel=stacklevel + 1,
    )
    return cls


def __getattr__(name: str) -> Any:
    """Old names of renamed models: the new class, with a ``DeprecationWarning``."""
    if name in _DEPRECATED:
        return _deprecated(name, __name__, stacklevel=2)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
