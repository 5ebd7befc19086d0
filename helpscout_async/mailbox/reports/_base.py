"""What every report method shares: its filters checked and spelled as the API wants them.

A report method passes its arguments (``locals()``) and names its row; the row's
documented filters (``_api.mailbox_reports.FILTERS``) say which query parameters it
takes, and ``_CHECKS`` says how each argument is checked and written. So a filter is
checked once, the same way for all 32 reports, before any request is sent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC
from typing import Any, TypeVar

from ... import _validate as check
from ..._api import mailbox_reports as facts
from ..._convert import structure, structure_many
from ...errors import Forbidden, StructureError
from ...models import ReportRaw
from .._base import Resource

T = TypeVar("T")
Ids = int | Iterable[int] | None
"""One id, several ids, or ``None`` (no filter)."""
Types = str | Iterable[str] | None
"""``"email"``, ``"chat"``, ``"phone"``, several of them, or ``None``."""

PLAN_HINT = "reports need a Plus or Pro plan (a Standard plan's account gets 403)"


def _when(name: str, value: Any) -> str:
    moment = check.aware(name, value)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _ids(name: str, value: Any) -> str:
    found = check.ids(name, value)
    return ",".join(str(i) for i in found or ())


def _types(name: str, value: Any) -> str:
    items = [value] if isinstance(value, str) else list(value)
    if not items:
        raise ValueError(f"{name} must name at least one of {', '.join(facts.TYPES)}, or be None")
    return ",".join(check.one_of(name, item, facts.TYPES) for item in items)


def _flag(name: str, value: Any) -> str:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be a bool, got {type(value).__name__} {value!r}")
    return "true" if value else "false"


def _rows(name: str, value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__} {value!r}")
    if not 1 <= value <= facts.DRILLDOWN_ROWS:
        raise ValueError(f"{name} must be from 1 to {facts.DRILLDOWN_ROWS}, got {value!r}")
    return str(value)


def _choice(allowed: tuple[str, ...]) -> Callable[[str, Any], str]:
    return lambda name, value: check.one_of(name, value, allowed)


def _sites(name: str, value: Any) -> str:
    items = [value] if isinstance(value, str) else check.strings(name, value)
    return ",".join(check.path_arg("site_id", item, "hex24") for item in items)  # type: ignore[misc]


# python argument -> (API query name, check-and-write)
_CHECKS: dict[str, tuple[str, Callable[[str, Any], str]]] = {
    "start": ("start", _when),
    "end": ("end", _when),
    "previous_start": ("previousStart", _when),
    "previous_end": ("previousEnd", _when),
    "mailboxes": ("mailboxes", _ids),
    "tags": ("tags", _ids),
    "types": ("types", _types),
    "folders": ("folders", _ids),
    "office_hours": ("officeHours", _flag),
    "view_by": ("viewBy", _choice(facts.VIEW_BY)),
    "user": ("user", lambda n, v: str(check.positive_id(n, v))),
    "page": ("page", lambda n, v: str(check.page_number(v))),
    "rows": ("rows", _rows),
    "range_": ("range", _choice(facts.RANGES)),
    "range_id": ("rangeId", lambda n, v: str(check.positive_id(n, v))),
    "field": ("field", check.text),
    "field_id": ("fieldid", lambda n, v: str(check.positive_id(n, v))),
    "status": ("status", _choice(facts.HISTORY_STATUSES)),
    "sort_order": ("sortOrder", _choice(facts.SORT_ORDERS)),
    "rating": ("rating", _choice(facts.RATINGS)),
    "sites": ("sites", _sites),
}
_SORT_FIELDS = {
    "reports.happiness_ratings": facts.RATING_SORT_FIELDS,
    "reports.user_ratings": facts.RATING_SORT_FIELDS,
    "reports.user_conversation_history": facts.HISTORY_SORT_FIELDS,
}
API_NAMES = {python: api for python, (api, _) in _CHECKS.items()} | {"sort_field": "sortField"}
"""The API's spelling of each report argument."""


def query(name: str, args: dict[str, Any]) -> dict[str, str]:
    """The query of report ``name`` from its method's arguments, every one checked.

    Raises:
        TypeError, ValueError: an argument of the wrong type or out of range, a period
            whose start is not before its end, or half a comparison period.
    """
    args = {k: v for k, v in args.items() if k != "self"}
    documented = {API_NAMES[k] for k in args}
    if documented != set(facts.FILTERS[name]):
        raise TypeError(f"{name}: arguments {sorted(documented)} are not its documented filters")
    out: dict[str, str] = {}
    for key, value in args.items():
        if value is None:
            continue
        if key == "sort_field":
            out["sortField"] = check.one_of(key, value, _SORT_FIELDS[name])
            continue
        api, write = _CHECKS[key]
        out[api] = write(key, value)
    _period(args, "start", "end")
    if "previous_start" in args:
        if (args["previous_start"] is None) != (args["previous_end"] is None):
            raise ValueError(
                "previous_start and previous_end: give both (a comparison period) or neither"
            )
        if args["previous_start"] is not None:
            _period(args, "previous_start", "previous_end")
    if args.get("range_id") is not None and args.get("range_") is None:
        raise ValueError("range_id: only valid with range_ (e.g. range_='replies')")
    return out


def _period(args: dict[str, Any], first: str, last: str) -> None:
    if args[first] >= args[last]:
        raise ValueError(f"{first} must be before {last}, got {args[first]} >= {args[last]}")


class ReportsBase(Resource):
    """The report mechanism: check, send, explain a Standard plan's 403, structure."""

    async def _report_json(self, name: str, args: dict[str, Any]) -> Any:
        params = query(name, args)
        try:
            response = await self._call(name, params=params)
        except Forbidden as error:
            raise Forbidden(
                status=error.status,
                message=f"{error.message}: {PLAN_HINT}",
                log_ref=error.log_ref,
                errors=error.errors,
                method=error.method,
                path=error.path,
            ) from error
        return response.json()

    async def _report(self, name: str, model: type[T], args: dict[str, Any]) -> T:
        """A report structured as its ``model``."""
        return structure(await self._report_json(name, args), model)

    async def _report_raw(self, name: str, args: dict[str, Any]) -> ReportRaw:
        """A report kept as the JSON it came as."""
        return ReportRaw(data=await self._report_json(name, args))

    async def _report_list(self, name: str, model: type[T], args: dict[str, Any]) -> list[T]:
        """A report that is a bare JSON array of ``model``."""
        data = await self._report_json(name, args)
        if not isinstance(data, list):
            raise StructureError(model, [f"expected a JSON array, got {type(data).__name__} @ $"])
        return structure_many(data, model)
