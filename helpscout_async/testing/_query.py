"""The ``query`` mini-language of list endpoints, compiled to a record predicate.

Supported, as in Help Scout's search: ``field:"quoted text"``, ``field:bare``,
ranges ``field:[a TO b]`` with ``*`` for an open end, ``NOT``, ``AND``, ``OR``
(juxtaposition means ``AND``) and parentheses. Which fields exist and how they
match is given by a table of :class:`QueryField`, one per collection. Anything
that cannot be parsed raises :class:`QueryError` (the app answers 400).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

JSON = dict[str, Any]
Predicate = Callable[[JSON], bool]

_TOKEN = re.compile(
    r'\s*(?:(?P<punct>[()\[\]])|"(?P<quoted>(?:[^"\\]|\\.)*)"|(?P<word>[^\s()\[\]"]+))'
)


class QueryError(ValueError):
    """The query cannot be parsed or names a field the collection does not have."""


@dataclass(frozen=True)
class QueryField:
    """How one query field matches a record.

    Attributes:
        values: the record's strings this field looks at (e.g. every email).
        mode: ``contains`` (case-insensitive substring), ``equals``
            (case-insensitive) or ``date`` (ISO timestamps, ranges allowed).
        normalize: turns a date bound into the stored form; raises ``ValueError``.
    """

    values: Callable[[JSON], Iterable[str]]
    mode: str = "contains"
    normalize: Callable[[str], str] | None = None


@dataclass(frozen=True)
class _Tok:
    kind: str  # "(" ")" "[" "]" "str" "word"
    text: str


def _tokenize(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if m is None:
            raise QueryError(f"cannot read the query at offset {pos}")
        if m.group("punct"):
            out.append(_Tok(m.group("punct"), m.group("punct")))
        elif m.group("quoted") is not None:
            out.append(_Tok("str", re.sub(r"\\(.)", r"\1", m.group("quoted"))))
        else:
            out.append(_Tok("word", m.group("word")))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, tokens: list[_Tok], fields: Mapping[str, QueryField]) -> None:
        self.toks = tokens
        self.i = 0
        self.fields = {k.lower(): v for k, v in fields.items()}

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> _Tok:
        tok = self.peek()
        if tok is None:
            raise QueryError("the query ends too early")
        self.i += 1
        return tok

    def parse(self) -> Predicate:
        pred = self.or_expr()
        if self.peek() is not None:
            raise QueryError(f"unexpected {self.peek()!r}")
        return pred

    def or_expr(self) -> Predicate:
        parts = [self.and_expr()]
        while (tok := self.peek()) is not None and tok == _Tok("word", "OR"):
            self.take()
            parts.append(self.and_expr())
        if len(parts) == 1:
            return parts[0]
        return lambda rec: any(p(rec) for p in parts)

    def and_expr(self) -> Predicate:
        parts = [self.not_expr()]
        while (tok := self.peek()) is not None and tok.kind != ")":
            if tok == _Tok("word", "OR"):
                break
            if tok == _Tok("word", "AND"):
                self.take()
            parts.append(self.not_expr())
        if len(parts) == 1:
            return parts[0]
        return lambda rec: all(p(rec) for p in parts)

    def not_expr(self) -> Predicate:
        tok = self.peek()
        if tok == _Tok("word", "NOT"):
            self.take()
            inner = self.not_expr()
            return lambda rec: not inner(rec)
        return self.atom()

    def atom(self) -> Predicate:
        tok = self.take()
        if tok.kind == "(":
            inner = self.or_expr()
            if self.take().kind != ")":
                raise QueryError("missing ')'")
            return inner
        if tok.kind != "word" or ":" not in tok.text or tok.text in ("AND", "OR", "NOT"):
            raise QueryError(f"expected field:value, found {tok.text!r}")
        name, _, rest = tok.text.partition(":")
        spec = self.fields.get(name.lower())
        if spec is None:
            raise QueryError(f"unknown query field {name!r}")
        if rest:
            return _term(spec, rest)
        value = self.take()
        if value.kind in ("str", "word"):
            return _term(spec, value.text)
        if value.kind == "[":
            return self.range(spec)
        raise QueryError(f"missing value for {name!r}")

    def range(self, spec: QueryField) -> Predicate:
        lo = self.take()
        to = self.take()
        hi = self.take()
        end = self.take()
        if to != _Tok("word", "TO") or end.kind != "]" or lo.kind not in ("str", "word"):
            raise QueryError("a range reads [a TO b]")
        if hi.kind not in ("str", "word"):
            raise QueryError("a range reads [a TO b]")
        if spec.mode != "date":
            raise QueryError("ranges are only for dates")
        low = None if lo.text == "*" else _norm(spec, lo.text)
        high = None if hi.text == "*" else _norm(spec, hi.text)

        def in_range(rec: JSON) -> bool:
            for v in spec.values(rec):
                if (low is None or v >= low) and (high is None or v <= high):
                    return True
            return False

        return in_range


def _norm(spec: QueryField, text: str) -> str:
    if spec.normalize is None:
        return text
    try:
        return spec.normalize(text)
    except ValueError as exc:
        raise QueryError(f"not a date: {text!r}") from exc


def _term(spec: QueryField, raw: str) -> Predicate:
    if spec.mode == "date":
        wanted = _norm(spec, raw)
        return lambda rec: any(v == wanted for v in spec.values(rec))
    needle = raw.lower()
    if spec.mode == "equals":
        return lambda rec: any(v.lower() == needle for v in spec.values(rec))
    return lambda rec: any(needle in v.lower() for v in spec.values(rec))


_SOLE_RANGE = re.compile(
    r"^\(?\s*(?P<field>\w+):\s*\[\s*(?P<low>[^\s\]]+)\s+TO\s+(?P<high>[^\s\]]+)\s*\]\s*\)?$"
)


def sole_range(
    text: str, field: str, normalize: Callable[[str], str]
) -> tuple[str | None, str | None] | None:
    """``(low, high)`` when ``text`` is exactly one ``field:[low TO high]`` range, else ``None``.

    ``*`` is an open end (``None``); bounds go through ``normalize``. Lets a list
    serve the commonest keyset query from a sorted listing instead of filtering.
    """
    found = _SOLE_RANGE.match(text.strip())
    if found is None or found["field"].lower() != field.lower():
        return None
    try:
        low = None if found["low"] == "*" else normalize(found["low"])
        high = None if found["high"] == "*" else normalize(found["high"])
    except ValueError:
        return None
    return (low, high)


def compile_query(text: str, fields: Mapping[str, QueryField]) -> Predicate:
    """Compile ``text`` against ``fields``; raises :class:`QueryError`."""
    tokens = _tokenize(text)
    if not tokens:
        raise QueryError("the query is empty")
    return _Parser(tokens, fields).parse()
