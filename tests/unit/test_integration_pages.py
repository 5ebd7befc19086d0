"""Pure parts of the integration facade: page assembly against a lying server, schemas."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

import helpscout_async as hs
from helpscout_async.integration import FUNCTIONS
from helpscout_async.integration._mapping import keyword_query
from helpscout_async.integration._pages import assemble


def server(total: int, size: int, *, claim_size: int | None = None, claim_pages: int | None = None):  # type: ignore[no-untyped-def]
    """A fake fetch over ids 1..total, ``size`` a page; it may lie about its figures."""
    calls: list[int] = []

    async def fetch(number: int) -> Any:
        calls.append(number)
        items = [{"id": i} for i in range((number - 1) * size + 1, min(total, number * size) + 1)]
        return {
            "_embedded": {"things": items},
            "page": {
                "size": size if claim_size is None else claim_size,
                "totalElements": total,
                "totalPages": -(-total // size) if claim_pages is None else claim_pages,
                "number": number,
            },
        }

    return fetch, calls


async def page(fetch: Any, number: int, per_page: int, api_size: int = 25) -> dict[str, Any]:
    return await assemble(
        fetch, key="things", page=number, per_page=per_page, api_size=api_size, what="GET /x"
    )


async def test_the_servers_page_size_wins_over_the_guess() -> None:
    fetch, calls = server(100, 20)  # the guess says 25, the server serves 20
    result = await page(fetch, 3, 10)  # items 21..30: the server's page 2
    assert [i["id"] for i in result["_embedded"]["things"]] == list(range(21, 31))
    assert calls == [1, 2]  # guessed page 1 of 25, then page 2 of 20 (one refetch at most)


async def test_a_lying_total_pages_is_bounded() -> None:
    fetch, calls = server(30, 25, claim_pages=10**9)
    result = await page(fetch, 1, 50)
    assert len(result["_embedded"]["things"]) == 30
    assert calls == [1, 2]  # page 2 was short: the last, whatever totalPages claims


async def test_no_item_twice_when_the_list_shifts() -> None:
    async def fetch(number: int) -> Any:
        ids = list(range(1, 26)) if number == 1 else list(range(25, 50))  # 25 shifted down
        return {
            "_embedded": {"things": [{"id": i} for i in ids]},
            "page": {"size": 25, "totalElements": 49, "totalPages": 2, "number": number},
        }

    result = await page(fetch, 1, 30)
    assert [i["id"] for i in result["_embedded"]["things"]] == list(range(1, 31))


@pytest.mark.parametrize(
    "body",
    [
        [],
        {"_embedded": {"things": "nope"}},
        {"_embedded": {"things": [1, 2]}},
        {"_embedded": {"things": []}, "page": {"totalElements": "many"}},
        {"_embedded": {"things": []}, "page": {"totalPages": -1}},
        {"_embedded": {"things": []}, "page": "x"},
    ],
)
async def test_bodies_that_are_not_pages_are_typed_errors(body: Any) -> None:
    async def fetch(number: int) -> Any:
        return body

    with pytest.raises(hs.HelpScoutError, match=r"GET /x"):
        await page(fetch, 1, 10)


async def test_an_empty_list_still_has_embedded() -> None:
    async def fetch(number: int) -> Any:
        return {"page": {"size": 25, "totalElements": 0, "totalPages": 0, "number": 1}}

    result = await page(fetch, 1, 10)
    assert result == {
        "_embedded": {"things": []},
        "page": {"size": 10, "totalElements": 0, "totalPages": 0, "number": 1},
    }


def test_every_schema_is_valid_json_schema() -> None:
    for function in FUNCTIONS:
        schema = function.schema()
        jsonschema.Draft202012Validator.check_schema(schema)
        assert set(schema["properties"]) == set(function.names)


def test_keyword_or_expression() -> None:
    assert keyword_query("refund", ("subject", "body")) == '(subject:"refund" OR body:"refund")'
    assert keyword_query('say "hi"', ("subject",)) == '(subject:"say \\"hi\\"")'
    assert keyword_query('(tag:"vip")', ("subject",)) == '(tag:"vip")'
    assert keyword_query('email:"a@b.co"', ("subject",)) == 'email:"a@b.co"'
