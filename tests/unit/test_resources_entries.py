"""Customer entries and customer properties: the requests each call sends (aioresponses),
and the arguments refused before any request."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from _unit_support import API, body_of, calls, fixture, make_client
from aioresponses import aioresponses

import helpscout_async as hs
from helpscout_async._api.mailbox_entries import ENTRY_KINDS

# (group, segment, fixture of the list, fixture of a create body or None, a good type)
KINDS = [
    ("customer_chats", "chats", "customer_chats_list", "request_customer_chat_create", "aim"),
    ("customer_emails", "emails", "customer_emails_list", None, "work"),
    ("customer_phones", "phones", "customer_phones_list", "request_customer_phone_create", "work"),
    (
        "customer_social_profiles",
        "social-profiles",
        "customer_social_profiles_list",
        "request_customer_social_profile_create",
        "googleplus",
    ),
    (
        "customer_websites",
        "websites",
        "customer_websites_list",
        "request_customer_website_create",
        None,
    ),
]


def test_every_kind_is_tested() -> None:
    assert [k[0] for k in KINDS] == [kind.group for kind in ENTRY_KINDS]


@pytest.mark.parametrize(("group", "segment", "listing", "create", "kind"), KINDS)
async def test_list_reads_the_embedded_entries(
    mocked: aioresponses, group: str, segment: str, listing: str, create: Any, kind: Any
) -> None:
    body = fixture(listing)
    mocked.get(f"{API}/customers/7/{segment}", payload=body)
    async with make_client() as client:
        found = await getattr(client, group).list(7).collect()
    assert [e.id for e in found] == [1, 2]
    assert [e.value for e in found] == [e["value"] for e in body["_embedded"][segment]]
    (sent,) = calls(mocked, "GET", f"{API}/customers/7/{segment}")
    assert "page" not in (sent.kwargs.get("params") or {})


@pytest.mark.parametrize(("group", "segment", "listing", "create", "kind"), KINDS)
async def test_create_sends_the_documented_body(
    mocked: aioresponses, group: str, segment: str, listing: str, create: Any, kind: Any
) -> None:
    wanted = fixture(create) if create else {"type": "work", "value": "bear@acme.com"}
    mocked.post(f"{API}/customers/7/{segment}", status=201, headers={"Resource-ID": "91"})
    async with make_client() as client:
        new_id = await getattr(client, group).create(7, wanted["value"], type=wanted.get("type"))
    assert new_id == 91
    (sent,) = calls(mocked, "POST", f"{API}/customers/7/{segment}")
    assert body_of(sent) == wanted


@pytest.mark.parametrize(("group", "segment", "listing", "create", "kind"), KINDS)
async def test_update_and_delete_name_the_entry(
    mocked: aioresponses, group: str, segment: str, listing: str, create: Any, kind: Any
) -> None:
    url = f"{API}/customers/7/{segment}/31"
    mocked.put(url, status=204)
    mocked.delete(url, status=204)
    value = "x@y.example" if segment == "emails" else "new-value"
    async with make_client() as client:
        assert await getattr(client, group).update(7, 31, value, type=kind) is None
        assert await getattr(client, group).delete(7, 31) is None
    (put,) = calls(mocked, "PUT", url)
    expected = {"value": value} if kind is None else {"type": kind, "value": value}
    assert body_of(put) == expected
    assert len(calls(mocked, "DELETE", url)) == 1


async def test_create_is_not_resent_after_a_server_error(
    mocked: aioresponses, fast_backoff: list[int]
) -> None:
    mocked.post(f"{API}/customers/7/phones", status=503, repeat=True)
    async with make_client() as client:
        with pytest.raises(hs.ServerError):
            await client.customer_phones.create(7, "555", type="work")
    assert len(calls(mocked, "POST", f"{API}/customers/7/phones")) == 1


@pytest.mark.parametrize(
    ("group", "args", "kwargs", "error", "match"),
    [
        ("customer_phones", (7, "555"), {}, ValueError, "type is required for phones: one of"),
        ("customer_phones", (7, "555"), {"type": "cell"}, ValueError, "type must be one of"),
        ("customer_websites", (7, "https://a.b"), {"type": "x"}, ValueError, "have no type"),
        ("customer_emails", (7, "not-an-email"), {"type": "work"}, ValueError, "email address"),
        ("customer_chats", (7, "  "), {"type": "aim"}, ValueError, "value must not be empty"),
        ("customer_chats", (7, 5), {"type": "aim"}, TypeError, "value must be a str"),
        ("customer_chats", (0, "h"), {"type": "aim"}, ValueError, "customer_id must be a positive"),
        (
            "customer_chats",
            ("7", "h"),
            {"type": "aim"},
            TypeError,
            "customer_id must be a positive",
        ),
    ],
)
async def test_create_checks_its_arguments(
    mocked: aioresponses,
    group: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    error: type[Exception],
    match: str,
) -> None:
    async with make_client() as client:
        with pytest.raises(error, match=match):
            await getattr(client, group).create(*args, **kwargs)
    assert not mocked.requests


async def test_update_and_delete_check_the_entry_id(mocked: aioresponses) -> None:
    async with make_client() as client:
        with pytest.raises(ValueError, match="email_id must be a positive int id"):
            await client.customer_emails.update(7, 0, "a@b.example", type="work")
        with pytest.raises(TypeError, match="social_profile_id must be a positive int id"):
            await client.customer_social_profiles.delete(7, True)
        with pytest.raises(ValueError, match="customer_id"):
            client.customer_websites.list(-1)
    assert not mocked.requests


# -- address -----------------------------------------------------------------------------------


async def test_address_get(mocked: aioresponses) -> None:
    mocked.get(f"{API}/customers/7/address", payload=fixture("customer_address_get"))
    async with make_client() as client:
        address = await client.customer_address.get(7)
    assert (address.city, address.state, address.postal_code, address.country) == (
        "Dallas",
        "TX",
        "74206",
        "US",
    )
    assert address.lines == ("123 West Main St", "Suite 123")


async def test_address_create_update_delete(mocked: aioresponses) -> None:
    url = f"{API}/customers/7/address"
    mocked.post(url, status=201)
    mocked.put(url, status=204)
    mocked.delete(url, status=204)
    wanted = fixture("request_customer_address_create")
    parts = {
        "city": "Dallas",
        "state": "TX",
        "postal_code": "74206",
        "country": "us",
        "lines": ["123 West Main St", "Suite 123"],
    }
    async with make_client() as client:
        assert await client.customer_address.create(7, **parts) is None
        assert await client.customer_address.update(7, city="Austin") is None
        assert await client.customer_address.delete(7) is None
    (post,) = calls(mocked, "POST", url)
    assert body_of(post) == wanted
    (put,) = calls(mocked, "PUT", url)
    assert body_of(put) == {"city": "Austin"}
    assert len(calls(mocked, "DELETE", url)) == 1


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({}, ValueError, "at least one of city"),
        ({"country": "USA"}, ValueError, "ISO 3166 alpha-2"),
        ({"lines": "1 Main St"}, TypeError, "lines must be a list of str"),
        ({"city": 5}, TypeError, "city must be a str"),
    ],
)
async def test_address_checks_its_parts(
    mocked: aioresponses, kwargs: dict[str, Any], error: type[Exception], match: str
) -> None:
    async with make_client() as client:
        with pytest.raises(error, match=match):
            await client.customer_address.create(7, **kwargs)
    assert not mocked.requests


# -- customer properties -----------------------------------------------------------------------


async def test_properties_list(mocked: aioresponses) -> None:
    mocked.get(f"{API}/customer-properties", payload=fixture("customer_properties_list"))
    async with make_client() as client:
        found = await client.customer_properties.list().collect()
    assert [(p.slug, p.type) for p in found] == [
        ("car", hs.models.PropertyType.TEXT),
        ("employees", hs.models.PropertyType.NUMBER),
        ("plan", hs.models.PropertyType.DROPDOWN),
    ]
    assert [o.label for o in found[2].options] == ["Standard", "Plus", "Company"]


async def test_properties_create_and_delete(mocked: aioresponses) -> None:
    mocked.post(f"{API}/customer-properties", status=201)
    mocked.delete(f"{API}/customer-properties/plan", status=204)
    async with make_client() as client:
        slug = await client.customer_properties.create(
            slug="plan", name="Plan", type="dropdown", options=["Standard", "Plus"]
        )
        await client.customer_properties.delete("plan")
    assert slug == "plan"
    (post,) = calls(mocked, "POST", f"{API}/customer-properties")
    assert body_of(post) == {
        "type": "dropdown",
        "slug": "plan",
        "name": "Plan",
        "options": [{"label": "Standard"}, {"label": "Plus"}],
    }
    assert len(calls(mocked, "DELETE", f"{API}/customer-properties/plan")) == 1


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"slug": "a b", "name": "A", "type": "text"}, ValueError, "slug must be 1-100"),
        ({"slug": "x" * 101, "name": "A", "type": "text"}, ValueError, "slug must be 1-100"),
        ({"slug": "email", "name": "A", "type": "text"}, ValueError, "is reserved"),
        ({"slug": "a", "name": "A", "type": "bool"}, ValueError, "type must be one of"),
        ({"slug": "a", "name": "", "type": "text"}, ValueError, "name must not be empty"),
        ({"slug": "a", "name": "A", "type": "dropdown"}, ValueError, "needs its option labels"),
        (
            {"slug": "a", "name": "A", "type": "dropdown", "options": ["x", "x"]},
            ValueError,
            "unique",
        ),
        (
            {"slug": "a", "name": "A", "type": "dropdown", "options": ["x"] * 0},
            ValueError,
            "1 to 100 labels",
        ),
        ({"slug": "a", "name": "A", "type": "text", "options": ["x"]}, ValueError, "only a drop"),
    ],
)
async def test_properties_create_checks_its_arguments(
    mocked: aioresponses, kwargs: dict[str, Any], error: type[Exception], match: str
) -> None:
    async with make_client() as client:
        with pytest.raises(error, match=match):
            await client.customer_properties.create(**kwargs)
    assert not mocked.requests


async def test_update_values_sends_the_documented_patch(mocked: aioresponses) -> None:
    url = f"{API}/customers/100/properties"
    mocked.patch(url, status=204)
    async with make_client() as client:
        await client.customer_properties.update_values(
            100, {"car": "Tesla", "revenue": None, "employees": 5, "since": date(2019, 1, 2)}
        )
    (sent,) = calls(mocked, "PATCH", url)
    assert body_of(sent) == [
        {"op": "replace", "path": "/car", "value": "Tesla"},
        {"op": "remove", "path": "/revenue"},
        {"op": "replace", "path": "/employees", "value": 5},
        {"op": "replace", "path": "/since", "value": "2019-01-02"},
    ]


@pytest.mark.parametrize(
    ("values", "error", "match"),
    [
        ({}, ValueError, "at least one property"),
        ([("car", "x")], TypeError, "values must be a mapping"),
        ({"a b": "x"}, ValueError, "values must be 1-100"),
        ({"flag": True}, TypeError, "a bool is not a property value"),
        ({"when": datetime(2020, 1, 1)}, TypeError, "not a datetime"),
        ({"price": 1.5}, TypeError, "must be a str, int, date or None"),
        ({"car": " "}, ValueError, "car must not be empty"),
    ],
)
async def test_update_values_checks_its_arguments(
    mocked: aioresponses, values: Any, error: type[Exception], match: str
) -> None:
    async with make_client() as client:
        with pytest.raises(error, match=match):
            await client.customer_properties.update_values(100, values)
        with pytest.raises(ValueError, match="property_slug must be 1-100"):
            await client.customer_properties.delete("no/slashes")
    assert not mocked.requests
