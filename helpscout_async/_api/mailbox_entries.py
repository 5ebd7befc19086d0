"""Customer entries (address, chat handles, emails, phones, social profiles, websites) and
customer properties: the kinds as data, and their rows.

The five list kinds are one shape (list, create, update, delete of ``{type, value}`` items
under ``/v2/customers/{customer_id}/{segment}``), so each is one ``EntryKind`` and its four
rows are made from it; the client's resources and the fake's handlers read the same kinds.
The address is a single object per customer (get, create, update, delete, no id).
"""

from __future__ import annotations

from functools import partial

import attrs

from ._row import Operation, row


@attrs.frozen(kw_only=True)
class EntryKind:
    """One kind of customer entry, as the API shows it.

    Attributes:
        group: the client's resource group (``customer_emails``).
        segment: the path segment under a customer (``emails``, ``social-profiles``).
        param: the path parameter naming one entry (``email_id``).
        embedded: its key in Get Customer's ``_embedded`` (``social_profiles``).
        create_key: its key in a Create Customer body (``socialProfiles``).
        model: the entry's model in ``helpscout_async.models``.
        types: the ``type`` values the API accepts, or ``None`` for an untyped kind.
        doc: the doc pages' folder (``customers/emails``).
    """

    group: str
    segment: str
    param: str
    embedded: str
    create_key: str
    model: str
    types: tuple[str, ...] | None
    doc: str

    @property
    def list_path(self) -> str:
        """``/v2/customers/{customer_id}/emails``."""
        return f"{_CUSTOMER}/{self.segment}"

    @property
    def item_path(self) -> str:
        """``/v2/customers/{customer_id}/emails/{email_id}``."""
        return f"{self.list_path}/{{{self.param}}}"


_CUSTOMER = "/v2/customers/{customer_id}"

ENTRY_KINDS: tuple[EntryKind, ...] = (
    EntryKind(
        group="customer_chats",
        segment="chats",
        param="chat_id",
        embedded="chats",
        create_key="chats",
        model="ChatHandle",
        types=("aim", "gtalk", "icq", "xmpp", "msn", "skype", "yahoo", "qq", "other"),
        doc="customers/chat_handles",
    ),
    EntryKind(
        group="customer_emails",
        segment="emails",
        param="email_id",
        embedded="emails",
        create_key="emails",
        model="Email",
        types=("work", "home", "other"),
        doc="customers/emails",
    ),
    EntryKind(
        group="customer_phones",
        segment="phones",
        param="phone_id",
        embedded="phones",
        create_key="phones",
        model="Phone",
        types=("work", "home", "other", "mobile", "fax", "pager"),
        doc="customers/phones",
    ),
    EntryKind(
        group="customer_social_profiles",
        segment="social-profiles",
        param="social_profile_id",
        embedded="social_profiles",
        create_key="socialProfiles",
        model="SocialProfile",
        types=(
            "twitter",
            "facebook",
            "linkedin",
            "aboutme",
            "google",
            "googleplus",
            "tungleme",
            "quora",
            "foursquare",
            "youtube",
            "flickr",
            "other",
        ),
        doc="customers/social_profiles",
    ),
    EntryKind(
        group="customer_websites",
        segment="websites",
        param="website_id",
        embedded="websites",
        create_key="websites",
        model="Website",
        types=None,
        doc="customers/websites",
    ),
)
"""The list kinds, by the order of the docs."""

ENTRY_KIND_BY_GROUP = {kind.group: kind for kind in ENTRY_KINDS}

ADDRESS_PATH = f"{_CUSTOMER}/address"
ADDRESS_FIELDS = ("city", "state", "postalCode", "country", "lines")
"""The fields of a customer's address (``lines``: the street lines, a list of strings)."""

PROPERTY_TYPES = ("number", "text", "url", "date", "dropdown")
PROPERTY_SLUG_MAX = 100
PROPERTY_RESERVED_SLUGS = ("email", "name", "company", "jobTitle")
PROPERTY_DEFINITIONS_MAX = 50
"""Customer property definitions one company may have."""
PROPERTY_OPTIONS_MAX = 100
PROPERTY_PATCH_OPS = ("replace", "remove")

_m = partial(row, "mailbox")


def _entry_rows(kind: EntryKind) -> tuple[Operation, ...]:
    g, d = kind.group, kind.doc
    return (
        _m(f"{g}.list", "GET", kind.list_path, f"{d}/list/", page="embedded",
           key=kind.segment, model=kind.model),
        _m(f"{g}.create", "POST", kind.list_path, f"{d}/create/"),
        _m(f"{g}.update", "PUT", kind.item_path, f"{d}/update/"),
        _m(f"{g}.delete", "DELETE", kind.item_path, f"{d}/delete/"),
    )  # fmt: skip


# fmt: off
OPERATIONS: tuple[Operation, ...] = (
    _m("customer_address.get", "GET", ADDRESS_PATH, "customers/address/get/", model="Address"),
    _m("customer_address.create", "POST", ADDRESS_PATH, "customers/address/create/",
       new_id=None),
    _m("customer_address.update", "PUT", ADDRESS_PATH, "customers/address/update/"),
    _m("customer_address.delete", "DELETE", ADDRESS_PATH, "customers/address/delete/"),
    *(op for kind in ENTRY_KINDS for op in _entry_rows(kind)),
    _m("customer_properties.list", "GET", "/v2/customer-properties", "properties/list/",
       page="embedded", key="customer-properties", model="CustomerPropertyDefinition"),
    _m("customer_properties.create", "POST", "/v2/customer-properties", "properties/create/",
       new_id=None),
    _m("customer_properties.delete", "DELETE", "/v2/customer-properties/{property_slug}",
       "properties/delete/"),
    _m("customer_properties.update_values", "PATCH", f"{_CUSTOMER}/properties",
       "properties/update/"),
)
# fmt: on
