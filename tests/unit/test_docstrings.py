"""Docstrings for people: every public callable of the core says its arguments and results.

Google style, as python-elgato and the Azure SDK guidelines do it: a callable with
parameters has ``Args:`` naming each of them, one that returns something has
``Returns:`` (or ``Yields:``), and each class and module says what it is for.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

# module -> the names checked (None: all of ``__all__``)
MODULES: dict[str, tuple[str, ...] | None] = {
    "helpscout_async.auth": None,
    "helpscout_async.client": None,
    "helpscout_async.errors": None,
    "helpscout_async.ratelimit": None,
    "helpscout_async.testing": (
        "FakeHelpScout",
        "FakeRateLimits",
        "FaultRule",
        "Faults",
        "Churn",
        "ChurnResult",
        "Race",
        "PageLies",
        "Metrics",
        "Store",
        "main",
        "DeliveryPolicy",
        "Delivery",
        "Subscription",
        "Webhooks",
    ),
    "helpscout_async.webhooks": None,
    "helpscout_async.beacon": None,
    "helpscout_async.apps": None,
    "helpscout_async.chat": None,
    "helpscout_async.testing.pytest_plugin": None,
    "_helpscout_async_pytestplugin": None,
}


def _public_callables() -> Iterator[tuple[str, Callable[..., Any]]]:
    seen: set[int] = set()
    for module_name, names in MODULES.items():
        module = importlib.import_module(module_name)
        for name in names or module.__all__:
            obj = getattr(module, name)
            if id(obj) in seen or not callable(obj):
                continue
            seen.add(id(obj))
            if inspect.isclass(obj):
                yield f"{module_name}.{name}", obj
                for attr, member in vars(obj).items():
                    if attr.startswith("_") and attr != "__init__":
                        continue
                    func = member.fget if isinstance(member, property) else member
                    func = getattr(func, "__func__", func)
                    if inspect.isfunction(func) and func.__module__ != "typing":
                        yield f"{module_name}.{name}.{attr}", func
            elif inspect.isfunction(obj):
                yield f"{module_name}.{name}", obj
    plugin = importlib.import_module("_helpscout_async_pytestplugin")
    yield "_helpscout_async_pytestplugin.helpscout_fake", plugin._helpscout_fake


CALLABLES = dict(_public_callables())


def _parameters(func: Callable[..., Any]) -> list[str]:
    names = []
    for p in inspect.signature(func).parameters.values():
        if p.name in ("self", "cls"):
            continue
        names.append(("**" if p.kind is p.VAR_KEYWORD else "") + p.name)
    return names


@pytest.mark.parametrize("qualname", sorted(CALLABLES))
def test_public_callables_say_what_they_take_and_give(qualname: str) -> None:
    obj = CALLABLES[qualname]
    doc = inspect.getdoc(obj) or ""
    assert doc.strip(), f"{qualname} has no docstring"
    if inspect.isclass(obj):
        return
    if obj.__name__ == "__init__":
        owner = CALLABLES[qualname.rpartition(".")[0]]
        doc = (inspect.getdoc(owner) or "") + "\n" + doc  # Args may sit on the class
    params = _parameters(obj)
    if params:
        # A generated __init__ (attrs, dataclass) takes the fields the class lists.
        generated = obj.__name__ == "__init__" and "Attributes:" in doc
        assert "Args:" in doc or generated, f"{qualname} takes {params} but has no Args:"
        for name in params:
            assert re.search(rf"^\s*{re.escape(name)}\b.*:", doc, re.M), (
                f"{qualname}: Args: does not describe {name}"
            )
    returns = inspect.signature(obj).return_annotation
    gives = returns not in (None, "None", inspect.Signature.empty) and obj.__name__ != "__init__"
    if gives and not isinstance(inspect.getattr_static(obj, "fget", None), property):
        assert re.search(r"^(Returns|Yields):", doc, re.M) or doc.startswith(
            ("The ", "Whether ", "How many ", "What ", "Where ", "A ", "An ")
        ), f"{qualname} returns {returns} but says neither Returns: nor what it is"
