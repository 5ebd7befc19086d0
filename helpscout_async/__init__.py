"""helpscout-async: an async client for Help Scout's APIs that never gets you throttled.

Start with ``HelpScout``; see the README for a quickstart.
"""

from typing import Any

from . import apps, beacon, integration, webhooks
from .auth import (
    ClientCredentials,
    RefreshToken,
    StaticToken,
    TokenProvider,
    TokenSet,
    authorize_url,
)
from .catalog import Endpoint, endpoints
from .chat import ChatPost
from .client import HelpScout
from .docs import Docs, docs_rate_limit
from .errors import (
    APIError,
    BadRequest,
    Conflict,
    FieldError,
    Forbidden,
    HelpScoutError,
    Moved,
    NotFound,
    RateLimited,
    ServerError,
    StructureError,
    TransportError,
    Unauthorized,
    ValidationError,
)
from .models import (
    Address,
    Article,
    ArticleRef,
    ArticleRevision,
    ArticleRevisionRef,
    ArticleSearchResult,
    ArticleStatus,
    ChatHandle,
    Conversation,
    ConversationState,
    ConversationStatus,
    ConversationTag,
    ConversationType,
    Customer,
    CustomerProperty,
    CustomField,
    DocsAsset,
    DocsCategory,
    DocsCollection,
    DocsVisibility,
    Email,
    FieldOption,
    Folder,
    Mailbox,
    MailboxField,
    MailboxFieldType,
    Person,
    Phone,
    Rating,
    Redirect,
    RedirectedUrl,
    Site,
    SiteRestrictions,
    SocialProfile,
    Source,
    Tag,
    Team,
    Thread,
    ThreadAttachment,
    ThreadState,
    ThreadStatus,
    ThreadType,
    User,
    UserRole,
    Website,
    Workflow,
)
from .pagination import Page, Stream
from .ratelimit import AccountLimiter, Limiter, RateLimit, RateLimitInfo, RateLimitStatus

__version__ = "0.1.0"

__all__ = [
    "APIError",
    "AccountLimiter",
    "Address",
    "Article",
    "ArticleRef",
    "ArticleRevision",
    "ArticleRevisionRef",
    "ArticleSearchResult",
    "ArticleStatus",
    "BadRequest",
    "ChatHandle",
    "ChatPost",
    "ClientCredentials",
    "Conflict",
    "Conversation",
    "ConversationState",
    "ConversationStatus",
    "ConversationTag",
    "ConversationType",
    "CustomField",
    "Customer",
    "CustomerProperty",
    "Docs",
    "DocsAsset",
    "DocsCategory",
    "DocsCollection",
    "DocsVisibility",
    "Email",
    "Endpoint",
    "FieldError",
    "FieldOption",
    "Folder",
    "Forbidden",
    "HelpScout",
    "HelpScoutError",
    "Limiter",
    "Mailbox",
    "MailboxField",
    "MailboxFieldType",
    "Moved",
    "NotFound",
    "Page",
    "Person",
    "Phone",
    "RateLimit",
    "RateLimitInfo",
    "RateLimitStatus",
    "RateLimited",
    "Rating",
    "Redirect",
    "RedirectedUrl",
    "RedisLimiter",
    "RefreshToken",
    "ServerError",
    "Site",
    "SiteRestrictions",
    "SocialProfile",
    "Source",
    "StaticToken",
    "Stream",
    "StructureError",
    "Tag",
    "Team",
    "Thread",
    "ThreadAttachment",
    "ThreadState",
    "ThreadStatus",
    "ThreadType",
    "TokenProvider",
    "TokenSet",
    "TransportError",
    "Unauthorized",
    "User",
    "UserRole",
    "ValidationError",
    "Website",
    "Workflow",
    "__version__",
    "apps",
    "authorize_url",
    "beacon",
    "docs_rate_limit",
    "endpoints",
    "integration",
    "webhooks",
]


def __getattr__(name: str) -> Any:
    """``RedisLimiter`` (``helpscout-async[redis]``); deprecated ``Attachment``, ``Chat``."""
    if name == "RedisLimiter":  # lazily: ``redis`` is an optional extra
        from .redis_limiter import RedisLimiter

        return RedisLimiter
    from . import models

    if name in models._DEPRECATED:
        return models._deprecated(name, __name__, stacklevel=2)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
