"""Results: what a benchmark hands back, and the writer of ``benchmarks/RESULTS.md``.

Each benchmark returns a :class:`Section` (tables, the exact command, machine and
date, and verdicts of figures against targets). The writer keeps one block per
benchmark between markers, so ``--only budget`` replaces the budget block and
keeps the others as they were; the closing note is rebuilt from every block's
verdicts (kept in the block as a JSON comment). ``FINDINGS.md`` beside this file
(hand-written: profiles, fixes, before/after) is copied in verbatim.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ._common import HERE, machine

RESULTS = HERE / "RESULTS.md"
FINDINGS = HERE / "FINDINGS.md"
ORDER = ("budget", "peers", "overhead", "memory", "sync", "limiter")

_BLOCK = re.compile(
    r"<!-- bench:(?P<name>\w+) -->\n(?P<body>.*?)<!-- /bench:(?P=name) -->\n", re.DOTALL
)
_VERDICTS = re.compile(r"<!-- verdicts: (?P<json>.*?) -->")


@dataclass
class Verdict:
    """One figure against its target; ``met`` is ``None`` where there is no target."""

    what: str
    figure: str
    target: str
    met: bool | None


@dataclass
class Table:
    """A Markdown table with an optional caption."""

    headers: list[str]
    rows: list[list[str]]
    caption: str = ""

    def markdown(self) -> str:
        lines = []
        if self.caption:
            lines += [self.caption, ""]
        lines.append("| " + " | ".join(self.headers) + " |")
        lines.append("|" + "|".join("---" for _ in self.headers) + "|")
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join(lines)

    def text(self) -> str:
        """The table for a terminal, columns aligned."""
        cells = [self.headers, *self.rows]
        widths = [max(len(row[i]) for row in cells) for i in range(len(self.headers))]
        out = [self.caption] if self.caption else []
        for n, row in enumerate(cells):
            out.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
            if n == 0:
                out.append("  ".join("-" * w for w in widths))
        return "\n".join(out)


@dataclass
class Section:
    """One benchmark's results."""

    name: str
    title: str
    command: str
    method: str
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)
    image: str | None = None
    duration: float = 0.0
    invocation: str = ""
    machine: dict[str, str] = field(default_factory=machine)
    date: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))

    def markdown(self) -> str:
        m = self.machine
        parts = [
            f"## {self.title}",
            "",
            f"Command: `{self.command}`"
            + (f" (this run: `{self.invocation}`)" if self.invocation else "")
            + "  ",
            f"Run: {self.date}, {self.duration:.0f} s; machine: {m['platform']}, "
            f"{m['cpus']} CPUs ({m['cpu']}), {m['python']}; commit {m['commit']}",
            "",
            self.method,
            "",
        ]
        for table in self.tables:
            parts += [table.markdown(), ""]
        if self.image:
            parts += [f"![{self.title}]({self.image})", ""]
        for note in self.notes:
            parts += [note, ""]
        verdicts = json.dumps([asdict(v) for v in self.verdicts])
        parts.append(f"<!-- verdicts: {verdicts} -->")
        return "\n".join(parts) + "\n"

    def text(self) -> str:
        out = [f"== {self.title} ({self.duration:.0f} s)", f"command: {self.command}"]
        out += [table.text() + "\n" for table in self.tables]
        out += [f"note: {note}" for note in self.notes]
        for v in self.verdicts:
            mark = {True: "MET", False: "MISSED", None: "-"}[v.met]
            out.append(f"[{mark}] {v.what}: {v.figure} (target {v.target})")
        return "\n".join(out)


def _existing() -> dict[str, str]:
    if not RESULTS.exists():
        return {}
    return {m["name"]: m["body"] for m in _BLOCK.finditer(RESULTS.read_text())}


def _verdicts(body: str) -> list[Verdict]:
    found = _VERDICTS.search(body)
    if found is None:
        return []
    return [Verdict(**v) for v in json.loads(found["json"])]


HEADER = """# Benchmark results

Measured, not asserted. Each figure is a ratio or a count taken within one run, next to
the command that produced it; the machines are shared and noisy, so compare ratios, not
absolute times, across runs. Regenerate with `nox -s bench` (or
`python -m benchmarks [--quick] [--only budget|peers|overhead|memory|sync|limiter]`); this file is
rewritten by that command (hand-written findings come from `benchmarks/FINDINGS.md`).
"""


def write(sections: list[Section]) -> Path:
    """Rewrite RESULTS.md: the new sections replace theirs, the others are kept."""
    blocks = _existing()
    for section in sections:
        blocks[section.name] = section.markdown()
    names = [n for n in ORDER if n in blocks] + sorted(set(blocks) - set(ORDER))
    parts = [HEADER]
    for name in names:
        parts.append(f"<!-- bench:{name} -->\n{blocks[name]}<!-- /bench:{name} -->\n")
    if FINDINGS.exists():
        parts.append(FINDINGS.read_text().rstrip() + "\n")
    parts.append(_closing(blocks, names))
    RESULTS.write_text("\n".join(parts))
    return RESULTS


def _closing(blocks: dict[str, str], names: list[str]) -> str:
    rows = []
    for name in names:
        for v in _verdicts(blocks[name]):
            mark = {True: "met", False: "**missed**", None: "(no target)"}[v.met]
            rows.append([name, v.what, v.figure, v.target, mark])
    table = Table(["benchmark", "figure", "measured", "target", "verdict"], rows)
    return "## Closing note: each figure against its target\n\n" + table.markdown() + "\n"
