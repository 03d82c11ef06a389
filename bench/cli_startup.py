"""Benchmark: how fast the ``redline`` command answers ``--version`` and ``--help``.

    python bench/cli_startup.py            # 7 runs of each
    python bench/cli_startup.py --runs 15

Each figure is the median CPU time (user + system; on a busy shared machine wall time
mostly measures the queue) and the median wall time of running the command in a fresh
interpreter, beside
two baselines measured in the same process: a bare interpreter (``python -c pass``), and
importing the library's heavy parts eagerly (the store, ingest and assessment), as every
call did before commands imported them lazily. The target: ``--version`` and ``--help``
(top level and per command) under 0.5 s.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time

TARGET = 0.5
EAGER = ("import redline.store, redline.ingest, redline.assess.engine, redline.alerts, "
         "redline.assess.report")
COMMANDS = {
    "--version": ["--version"],
    "--help": ["--help"],
    "ingest --help": ["ingest", "--help"],
    "report --help": ["report", "--help"],
    "lines remove --help": ["lines", "remove", "--help"],
}


def _median(argv: list[str], runs: int) -> tuple[float, float]:
    """Median CPU seconds and median wall seconds of ``runs`` runs of ``argv``."""
    cpu, wall = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall.append(time.perf_counter() - began)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(cpu), statistics.median(wall)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each command")
    runs = parser.parse_args().runs
    python = sys.executable
    bare, bare_wall = _median([python, "-c", "pass"], runs)
    eager, eager_wall = _median([python, "-c", EAGER], runs)
    print(f"{'':28}{'cpu':>8}{'wall':>8}")
    print(f"{'bare interpreter':28}{bare:8.3f}{bare_wall:8.3f}")
    print(f"{'eager library imports':28}{eager:8.3f}{eager_wall:8.3f}  ({eager / bare:.1f}x bare)")
    slow = []
    for name, args in COMMANDS.items():
        took, wall = _median([python, "-c", "from redline.cli import main; main()", *args],
                             runs)
        verdict = "ok" if took < TARGET else f"over the {TARGET} s target"
        print(f"{'redline ' + name:28}{took:8.3f}{wall:8.3f}  ({took / bare:.1f}x bare, "
              f"{took / eager:.2f}x eager)  {verdict}")
        if took >= TARGET:
            slow.append(name)
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
