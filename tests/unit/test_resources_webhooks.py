"""``client.webhooks``: the documented request bodies, the models, checks before requests."""

from __future__ import annotations

from typing import Any

import pytest
from _unit_support import API, api, body_of, calls, fixture, make_client
from aioresponses import aioresponses

import helpscout_async as hs


async def test_create_sends_the_documented_body(mocked: aioresponses) -> None:
    mocked.post(
        f"{API}/webhooks",
        status=201,
        headers={"Resource-ID": "10", "Location": f"{API}/webhooks/10"},
    )
    documented = fixture("request_webhook_create")
    async with make_client() as client:
        new_id = await client.webhooks.create(
            url="https://example.com/helpscout",
            events=documented["events"],
            secret=documented["secret"],
            label=documented["label"],
        )
    assert new_id == 10
    (sent,) = calls(mocked, "POST", f"{API}/webhooks")
    body = body_of(sent)
    # the docs' example, with its url double-escaped by the docs page itself
    assert body == {**documented, "url": "https://example.com/helpscout"}


async def test_update_replaces_every_field(mocked: aioresponses) -> None:
    mocked.put(f"{API}/webhooks/10", status=204)
    async with make_client() as client:
        await client.webhooks.update(
            10,
            url="https://example.com/hs",
            events=["convo.assigned", "convo.assigned", "customer.created"],
            secret="s3cret",
            mailbox_ids=[1, 2],
            notification=False,
        )
    (sent,) = calls(mocked, "PUT", f"{API}/webhooks/10")
    assert body_of(sent) == {
        "url": "https://example.com/hs",
        "events": ["convo.assigned", "customer.created"],
        "secret": "s3cret",
        "payloadVersion": "V2",
        "mailboxIds": [1, 2],
        "notification": False,
    }


async def test_get_and_list_structure_webhooks(mocked: aioresponses) -> None:
    mocked.get(f"{API}/webhooks/10", payload=fixture("webhook_get"))
    mocked.get(api("/webhooks"), payload=fixture("WebhookPayloads.getWebhooks_1_2", "sdk_php"))
    async with make_client() as client:
        hook = await client.webhooks.get(10)
        listed = await client.webhooks.list().collect()
    assert hook.id == 10
    assert hook.state == hs.models.WebhookState.ENABLED
    assert hook.events == ("convo.assigned",)
    assert hook.payload_version == "V2"
    assert [w.id for w in listed] == [1, 2]
    assert listed[0].state == "disabled"
    assert "mZ9XbGHodX" not in repr(listed[0])  # the SDK payload carries a secret


async def test_delete(mocked: aioresponses) -> None:
    mocked.delete(f"{API}/webhooks/10", status=204)
    async with make_client() as client:
        assert await client.webhooks.delete(10) is None
    assert len(calls(mocked, "DELETE", f"{API}/webhooks/10")) == 1


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"url": "ftp://x"}, ValueError, "url"),
        ({"events": []}, ValueError, "at least one"),
        ({"events": "convo.created"}, TypeError, "list of event names"),
        ({"events": ["convo.teleported"]}, ValueError, "unknown event"),
        ({"events": ["helpscout.test"]}, ValueError, "unknown event"),
        ({"secret": ""}, ValueError, "1 to 40"),
        ({"secret": "x" * 41}, ValueError, "1 to 40"),
        ({"secret": 123}, TypeError, "secret"),
        ({"mailbox_ids": [0]}, ValueError, "mailbox_ids"),
        ({"notification": "yes"}, TypeError, "notification"),
    ],
)
async def test_bad_arguments_fail_before_any_request(
    mocked: aioresponses, kwargs: dict[str, Any], error: type[Exception], words: str
) -> None:
    args: dict[str, Any] = {
        "url": "https://example.com/hs",
        "events": ["convo.created"],
        "secret": "s3cret",
        **kwargs,
    }
    async with make_client() as client:
        with pytest.raises(error, match=words):
            await client.webhooks.create(**args)
    assert not mocked.requests


async def test_secret_is_not_in_errors(mocked: aioresponses) -> None:
    mocked.post(f"{API}/webhooks", status=400, payload=fixture("error_validation"))
    async with make_client() as client:
        with pytest.raises(hs.APIError) as info:
            await client.webhooks.create(
                url="https://example.com/hs", events=["convo.created"], secret="TOPSECRET-123"
            )
    assert "TOPSECRET-123" not in str(info.value)
    assert "TOPSECRET-123" not in repr(info.value)
