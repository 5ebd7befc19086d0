"""Typed models of Help Scout resources: frozen attrs classes with snake_case fields.

Structure JSON into them with ``helpscout_async._convert.structure``. Absent fields are
``None`` (or an empty tuple for lists where absence means empty); unknown keys are ignored;
enums accept values Help Scout adds later.
"""

from ._base import OpenEnum
from .common import (
    Address,
    Attachment,
    CustomField,
    JSONObject,
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
from .customers import Chat, Customer, CustomerProperty, Email, Phone, SocialProfile, Website
from .mailboxes import FieldOption, Folder, Mailbox, MailboxField, MailboxFieldType
from .ratings import Rating, RatingPerson
from .tags import Tag
from .threads import Thread, ThreadAction, ThreadState, ThreadStatus, ThreadType
from .users import Team, User, UserRole, UserType
from .workflows import Workflow, WorkflowStatus, WorkflowType

__all__ = [
    "Address",
    "Attachment",
    "Chat",
    "Conversation",
    "ConversationState",
    "ConversationStatus",
    "ConversationTag",
    "ConversationType",
    "CustomField",
    "Customer",
    "CustomerProperty",
    "CustomerWaitingSince",
    "Email",
    "FieldOption",
    "Folder",
    "JSONObject",
    "Mailbox",
    "MailboxField",
    "MailboxFieldType",
    "NextEvent",
    "OpenEnum",
    "Person",
    "PersonType",
    "Phone",
    "Rating",
    "RatingPerson",
    "Snooze",
    "SocialProfile",
    "Source",
    "SourceVia",
    "Tag",
    "Team",
    "Thread",
    "ThreadAction",
    "ThreadState",
    "ThreadStatus",
    "ThreadType",
    "User",
    "UserRole",
    "UserType",
    "Website",
    "Workflow",
    "WorkflowStatus",
    "WorkflowType",
]
