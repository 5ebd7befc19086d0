"""Customer entries and customer properties against the fake over loopback: round trips
(create, list, update, delete) that Get Customer agrees with, and the API's refusals."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import helpscout_async as hs
from helpscout_async.testing import FakeHelpScout

from ._support import count

pytestmark = pytest.mark.helpscout_fake(rate_limit=None, conversations=40, seed=11)

# (group, Customer attribute, first value, type, second value, second type)
ROUND_TRIPS: list[tuple[str, str, str, str | None, str, str | None]] = [
    ("customer_chats", "chats", "jsprout", "aim", "jsprout2", "skype"),
    ("customer_emails", "emails", "vernon@bear.example", "work", "v@home.example", "home"),
    ("customer_phones", "phones", "222-333-4444", "work", "555-0100", "mobile"),
    (
        "customer_social_profiles",
        "social_profiles",
        "https://x.example/vb",
        "twitter",
        "v",
        "other",
    ),
    ("customer_websites", "websites", "https://bear.example", None, "https://b.example", None),
]


def _a_customer(fake: FakeHelpScout) -> int:
    return next(iter(fake.store.customers))


@pytest.mark.parametrize(("group", "attr", "value", "kind", "value2", "kind2"), ROUND_TRIPS)
async def test_entry_round_trip(
    client: hs.HelpScout,
    fake: FakeHelpScout,
    group: str,
    attr: str,
    value: str,
    kind: str | None,
    value2: str,
    kind2: str | None,
) -> None:
    cid = _a_customer(fake)
    entries = getattr(client, group)
    before = [e.id for e in await entries.list(cid).collect()]
    customer = await client.customers.get(cid)
    assert [e.id for e in getattr(customer, attr)] == before

    new_id = await entries.create(cid, value, type=kind)
    listed = await entries.list(cid).collect()
    assert [e.id for e in listed] == [*before, new_id]
    made = listed[-1]
    assert (made.value, getattr(made, "type", None)) == (value, kind)

    await entries.update(cid, new_id, value2, type=kind2)
    customer = await client.customers.get(cid)
    (changed,) = [e for e in getattr(customer, attr) if e.id == new_id]
    assert (changed.value, getattr(changed, "type", None)) == (value2, kind2)

    await entries.delete(cid, new_id)
    assert [e.id for e in await entries.list(cid).collect()] == before
    with pytest.raises(hs.NotFound):
        await entries.delete(cid, new_id)
    with pytest.raises(hs.NotFound):
        await entries.update(cid, new_id, value, type=kind)
    with pytest.raises(hs.NotFound):
        await entries.list(987_654).collect()


async def test_a_new_email_finds_the_customer(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    cid = _a_customer(fake)
    await client.customer_emails.create(cid, "found.me@new.example", type="other")
    hits = await client.customers.list(query='(email:"found.me@new.example")').collect()
    assert [c.id for c in hits] == [cid]


async def test_the_fake_refuses_a_bad_entry(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    cid = _a_customer(fake)
    before = fake.store.customers[cid]["_embedded"]["phones"][:]
    with pytest.raises(hs.ValidationError) as caught:
        await client.request(
            "POST", f"/customers/{cid}/phones", json={"type": "cell", "value": "555"}
        )
    assert caught.value.errors[0].path == "type"
    assert caught.value.log_ref
    with pytest.raises(hs.ValidationError) as caught:
        await client.request("POST", f"/customers/{cid}/websites", json={"value": ""})
    assert caught.value.errors[0].path == "value"
    assert fake.store.customers[cid]["_embedded"]["phones"] == before


async def test_address_round_trip(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    cid = _a_customer(fake)
    fake.store.customers[cid]["_embedded"].pop("address", None)
    with pytest.raises(hs.NotFound):
        await client.customer_address.get(cid)
    with pytest.raises(hs.NotFound):
        await client.customer_address.update(cid, city="Austin")
    await client.customer_address.create(
        cid, city="Dallas", state="TX", postal_code="74206", country="US", lines=["1 Main St"]
    )
    address = await client.customer_address.get(cid)
    assert (address.city, address.postal_code, address.lines) == ("Dallas", "74206", ("1 Main St",))
    await client.customer_address.update(cid, city="Austin", country="US")
    address = await client.customer_address.get(cid)
    assert (address.city, address.state, address.country) == ("Austin", None, "US")
    customer = await client.customers.get(cid)
    assert customer.address == address
    await client.customer_address.delete(cid)
    with pytest.raises(hs.NotFound):
        await client.customer_address.delete(cid)
    assert (await client.customers.get(cid)).address is None
    assert count(fake, "POST /v2/customers/{customer_id}/address") == 1


async def test_seeded_property_definitions_and_values(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    found = await client.customer_properties.list().collect()
    assert [p.slug for p in found] == ["car", "employees", "plan"]
    seeded = [c for c in fake.store.customers.values() if "properties" in c["_embedded"]]
    assert seeded
    customer = await client.customers.get(seeded[0]["id"])
    assert customer.properties is not None
    by_slug = {p.slug: p for p in customer.properties}
    assert set(by_slug) == {"car", "employees", "plan"}
    assert by_slug["plan"].text in ("Standard", "Plus", "Company")
    assert by_slug["car"].source == {"name": "api"}


async def test_property_round_trip(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    cid = _a_customer(fake)
    slug = await client.customer_properties.create(
        slug="tier", name="Tier", type="dropdown", options=["Gold", "Silver"]
    )
    await client.customer_properties.create(slug="renewal", name="Renewal", type="date")
    (tier,) = [p for p in await client.customer_properties.list().collect() if p.slug == slug]
    gold = tier.options[0]
    assert gold.label == "Gold"
    assert gold.id

    await client.customer_properties.update_values(
        cid, {"tier": "Gold", "renewal": date(2027, 3, 1), "employees": 12}
    )
    values = {p.slug: p for p in (await client.customers.get(cid)).properties or ()}
    assert (values["tier"].value, values["tier"].text) == (gold.id, "Gold")
    assert values["renewal"].value == "2027-03-01"
    assert values["employees"].text == "12"

    await client.customer_properties.update_values(cid, {"employees": None})
    values = {p.slug: p for p in (await client.customers.get(cid)).properties or ()}
    assert "employees" not in values
    assert "tier" in values

    await client.customer_properties.delete("tier")
    values = {p.slug: p for p in (await client.customers.get(cid)).properties or ()}
    assert "tier" not in values
    assert "renewal" in values
    with pytest.raises(hs.NotFound):
        await client.customer_properties.delete("tier")


async def test_a_refused_patch_changes_nothing(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    cid = _a_customer(fake)
    await client.customer_properties.update_values(cid, {"car": "Volvo"})
    before = (await client.customers.get(cid)).properties
    bad: list[dict[str, Any]] = [
        {"op": "replace", "path": "/car", "value": "Saab"},
        {"op": "replace", "path": "/employees", "value": "many"},
        {"op": "replace", "path": "/nope", "value": 1},
    ]
    with pytest.raises(hs.ValidationError) as caught:
        await client.request("PATCH", f"/customers/{cid}/properties", json=bad)
    assert [e.path for e in caught.value.errors] == ["[1].value", "[2].path"]
    assert (await client.customers.get(cid)).properties == before
    with pytest.raises(hs.ValidationError) as caught:
        await client.customer_properties.update_values(cid, {"plan": "Platinum"})
    assert caught.value.errors[0].path == "[0].value"


async def test_the_fake_refuses_a_bad_definition(client: hs.HelpScout) -> None:
    with pytest.raises(hs.ValidationError) as caught:
        await client.customer_properties.create(slug="car", name="Again", type="text")
    assert (caught.value.errors[0].path, caught.value.errors[0].message) == (
        "slug",
        "already exists",
    )
    with pytest.raises(hs.ValidationError) as caught:
        await client.request("POST", "/customer-properties", json={"type": "x", "slug": "y"})
    assert {e.path for e in caught.value.errors} == {"type", "name"}
