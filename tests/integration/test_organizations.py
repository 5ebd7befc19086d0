"""Organizations and their properties, client against the fake over loopback: round trips."""

from __future__ import annotations

import pytest

import helpscout_async as hs
from helpscout_async.testing import FakeHelpScout

pytestmark = pytest.mark.helpscout_fake(rate_limit=None, conversations=60, seed=5)


async def test_organization_round_trip(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    oid = await client.organizations.create(
        "New Test Company", domain="newcompany.example", phones=["+1 555 0123"], location="US"
    )
    org = await client.organizations.get(oid, counts=True)
    assert (org.name, org.domains, org.phones, org.customer_count) == (
        "New Test Company", ("newcompany.example",), ("+1 555 0123",), 0,
    )  # fmt: skip
    await client.organizations.update(oid, "Renamed Co", domain="renamed.example")
    again = await client.organizations.get(oid)
    assert (again.name, again.domains, again.phones, again.location) == (
        "Renamed Co", ("renamed.example",), (), None,
    )  # fmt: skip
    assert again.customer_count is None  # only with counts=True
    with pytest.raises(hs.ValidationError) as caught:
        await client.organizations.create("Copycat", domain="renamed.example")
    assert caught.value.errors[0].path == "domain"
    await client.organizations.delete(oid)
    with pytest.raises(hs.NotFound):
        await client.organizations.get(oid)
    with pytest.raises(hs.NotFound):
        await client.organizations.delete(oid)
    assert oid not in fake.store.organizations


async def test_organizations_list_sorted_with_customers_and_conversations(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    store = fake.store
    by_name = await client.organizations.list(sort_field="name", sort_order="asc").collect()
    assert [o.name for o in by_name] == sorted(
        (o["name"] for o in store.organizations.values()), key=str.lower
    )
    busiest = await client.organizations.list(sort_field="customerCount").collect()
    top = busiest[0]
    members = {c for c, v in store.customers.items() if v.get("organization") == top.name}
    assert {c.id for c in await client.organizations.customers(top.id).collect()} == members
    convs = await client.organizations.conversations(top.id).collect()
    expected = {c for c, v in store.conversations.items() if v["primaryCustomer"]["id"] in members}
    assert {c.id for c in convs} == expected
    counted = await client.organizations.get(top.id, counts=True)
    assert (counted.customer_count, counted.conversation_count) == (len(members), len(expected))
    with pytest.raises(hs.NotFound):
        await client.organizations.customers(987_654).collect()


async def test_property_definitions_and_values(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    props = client.organization_properties
    seeded = {d.slug for d in await props.list().collect()}
    assert seeded == set(fake.store.organization_properties)
    await props.create("plan", "Plan", "dropdown", options=["Free", "Pro"])
    plan = await props.get("plan")
    assert (plan.type, [o.label for o in plan.options]) == (
        hs.models.PropertyType.DROPDOWN,
        ["Free", "Pro"],
    )
    with pytest.raises(hs.ValidationError) as caught:
        await props.create("plan", "Plan again", "text")
    assert caught.value.errors[0].path == "slug"
    await props.update("plan", "Pricing plan", options=["Free", "Pro", "Enterprise"])
    assert (await props.get("plan")).name == "Pricing plan"

    oid = next(iter(fake.store.organizations))
    await props.set_value(oid, "plan", "Enterprise")
    await props.set_value(oid, "annual-revenue", 250000)
    with pytest.raises(hs.ValidationError) as bad:
        await props.set_value(oid, "plan", "Platinum")
    assert bad.value.errors[0].path == "value"
    with pytest.raises(hs.ValidationError):
        await props.set_value(oid, "annual-revenue", "lots")
    values = {
        p.slug: p.value
        for p in (await client.organizations.get(oid, properties=True)).properties or ()
    }
    assert (values["plan"], values["annual-revenue"]) == ("Enterprise", "250000")
    await props.remove_value(oid, "plan")
    await props.delete("annual-revenue")
    after = await client.organizations.get(oid, properties=True)
    assert {p.slug for p in after.properties or ()} & {"plan", "annual-revenue"} == set()
    await props.delete("plan")
    with pytest.raises(hs.NotFound):
        await props.get("plan")
    with pytest.raises(hs.NotFound):
        await props.set_value(oid, "plan", "Free")
