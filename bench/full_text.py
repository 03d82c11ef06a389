"""Benchmark: what the full-text index adds to storing events (SQLite).

    python bench/full_text.py                  # 40,000 events, 25-word sentences
    python bench/full_text.py --events 10000 --rounds 3

Stores the same events twice into fresh stores, in rounds that alternate: once with a
sentence each (which the FTS5 index reads), once without (nothing to index), through
``store.lines.bulk_insert`` (one write). Prints the CPU time of each (other work on the
machine inflates wall times, CPU times much less) and the ratio, with the medians.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from assess import articles, events
from redline.store import Store
from redline.store import lines as line_store

WORDS = ["north", "korea", "russia", "troops", "missile", "technology", "sent", "soldiers",
         "deployed", "denied", "confirmed", "talks", "sanctions", "drones", "port",
         "officials", "said", "reported"]


def rows(count: int, with_text: bool) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rng = random.Random(17)
    stock = articles(100, rng, "a")
    made = list(events(count, stock, rng))
    for row in made:
        row["sentence"] = " ".join(rng.choice(WORDS) for _ in range(25)) + "." \
            if with_text else None
        row["actor_text"] = rng.choice(["Russia", "North Korea", None]) if with_text else None
    return stock, made


def stored(folder: Path, name: str, stock: list[dict[str, Any]],
           made: list[dict[str, Any]]) -> float:
    store = Store(f"sqlite:///{folder / name}.db")
    line_store.bulk_insert(store, "articles", stock)
    began = time.process_time()
    line_store.bulk_insert(store, "events", made)
    seconds = time.process_time() - began
    store.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=40_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    plain, text = rows(args.events, False), rows(args.events, True)
    times: dict[str, list[float]] = {"without text": [], "with sentences": []}
    with tempfile.TemporaryDirectory(prefix="redline-bench-") as tmp:
        for round_ in range(args.rounds):
            for name, (stock, made) in zip(times, (plain, text), strict=True):
                seconds = stored(Path(tmp), f"{round_}-{name.replace(' ', '-')}", stock, made)
                times[name].append(seconds)
                print(f"round {round_ + 1} {name:>14}: {seconds:6.2f} s CPU for "
                      f"{args.events:,} events", flush=True)
    bare, indexed = (statistics.median(t) for t in times.values())
    print(f"median: {bare:.2f} s without text, {indexed:.2f} s with sentences: "
          f"{indexed / bare:.2f} x")


if __name__ == "__main__":
    main()
