"""The benchmark suite: ``python -m benchmarks [--quick] [--only NAME]`` (or ``nox -s bench``).

Four benchmarks, one module each: ``budget`` (rate-budget use and 429s during a bulk
export), ``peers`` (the same export by other Help Scout clients), ``overhead`` (client
CPU per page) and ``memory`` (peak RSS growth while streaming an export). Each prints
its figures and the run rewrites ``benchmarks/RESULTS.md`` (and ``budget.png``). They
are not part of the test run.
"""
