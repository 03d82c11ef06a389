"""Benchmark: assess many red lines over a large synthetic event store (SQLite).

    python bench/assess.py                  # 50 lines over 1,000,000 events
    python bench/assess.py --events 100000  # a quick run

Prints the time of the first (full) assessment, of an incremental one after a day of new
events, and of a full re-assessment of the same store, with the ratio full / incremental.
The target: the incremental assessment of 50 lines over 1,000,000 events under 1 second.

Each synthetic line watches one actor doing one of a few event types to one recipient
(trigger with object keywords, two precursors), as declared red lines do: at 1,000,000
events each pattern matches some tens to a few hundred events.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from redline.assess import assess
from redline.assess.lines import event_types, parse_lines
from redline.records import RedLine
from redline.store import Store
from redline.store import lines as line_store

STATES = ["RUS", "PRK", "KOR", "USA", "UKR", "CHN", "JPN", "IRN", "ISR", "GBR", "FRA", "DEU",
          "IND", "PAK", "TUR", "SYR", "IRQ", "SAU", "EGY", "POL", "BLR", "GEO", "ARM", "AZE",
          "VNM", "PHL", "TWN", "IDN", "MYS", "THA", "NGA", "ETH", "SDN", "LBY", "MLI", "VEN",
          "CUB", "COL", "BRA", "MEX"]
SECTORS = ["", "", "", "-MIL", "-GOV", "-INTEL"]
OBJECTS = ["satellite technology", "missile technology", "troops", "artillery shells",
           "drones", "oil", "food aid", "nuclear submarine", "air defence", "grain", "loans"]
OUTLETS = ["Reuters", "Yonhap", "The Korea Times", "KCNA", "TASS", "The White House",
           "Some Blog", "Associated Press"]
LABELS = ["confirmed", "reported", "probable", "possible", "conditional", "unconfirmed",
          "denied"]
FACTUALITY = {"confirmed": 3.0, "reported": 2.5, "probable": 2.0, "possible": 1.0,
              "conditional": 0.5, "unconfirmed": 0.0, "denied": -3.0}
#: One quote in ten speaks of a red line or of what a line watches.
ON_LINES = ["The red line has not been crossed.", "They have crossed the red line.",
            "We are approaching the red line.",
            "Nobody has confirmed any handover of missile know-how."]
ELSEWHERE = ["The weather was fine.", "Talks will continue next week.",
             "We are looking at all options.", "The meeting was productive."]
START = datetime(2023, 1, 1, tzinfo=UTC)


def _published(rng: random.Random) -> datetime:
    return START + timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))


def articles(count: int, rng: random.Random, prefix: str) -> list[dict[str, Any]]:
    now = datetime.now(UTC)
    return [{"id": f"{prefix}{n:010d}", "text": "", "outlet": rng.choice(OUTLETS),
             "headline": f"Synthetic article {prefix}{n}", "url": None,
             "published": _published(rng) if prefix == "a" else now - timedelta(hours=1),
             "ingested": now, "language": "en", "section_headings": [], "boilerplate": []}
            for n in range(count)]


def events(count: int, source: list[dict[str, Any]], rng: random.Random
           ) -> Iterator[dict[str, Any]]:
    types = event_types()
    for _ in range(count):
        article = rng.choice(source)
        label = rng.choice(LABELS)
        yield {
            "article_id": article["id"], "dataset": "synthetic", "event_type": rng.choice(types),
            "actor": rng.choice(STATES) + rng.choice(SECTORS), "recipient": rng.choice(STATES),
            "context": [], "objects": [rng.choice(OBJECTS)], "factuality": FACTUALITY[label],
            "factuality_label": label, "attributed_to": rng.choice([None, "KOR-INTEL", "USA"]),
            "span_start": 0, "span_end": 40, "sentence": "A synthetic sentence.",
            "published": article["published"], "outlet": article["outlet"],
        }


def quotes(count: int, source: list[dict[str, Any]], rng: random.Random
           ) -> Iterator[dict[str, Any]]:
    for _ in range(count):
        article = rng.choice(source)
        content = rng.choice(ON_LINES if rng.random() < 0.1 else ELSEWHERE)
        yield {"article_id": article["id"], "speaker": "Analyst", "role": "professor",
               "kind": "direct", "content_start": 0, "content_end": len(content),
               "content": content, "published": article["published"]}


def red_lines(count: int, rng: random.Random) -> list[RedLine]:
    types = event_types()
    specs = []
    for n in range(count):
        actor, recipient = rng.sample(STATES, 2)
        specs.append(
            f"- id: line-{n}\n  title: Synthetic line {n}\n  declared_by: {recipient}\n"
            f"  source: synthetic\n  consequence: a response\n"
            f"  trigger: {{actors: [{actor}], events: [{', '.join(rng.sample(types, 2))}], "
            f"recipients: [{recipient}], objects: [{rng.choice(OBJECTS)}]}}\n"
            f"  precursors:\n"
            f"    - {{indicator: p1, actors: [{actor}], "
            f"events: [{', '.join(rng.sample(types, 2))}], "
            f"recipients: [{recipient}]}}\n"
            f"    - {{indicator: p2, actors: [{recipient}], events: [{rng.choice(types)}], "
            f"recipients: [{actor}]}}\n")
    return parse_lines("".join(specs), source="synthetic lines")


def timed(label: str, func: Any, *args: Any, **kwargs: Any) -> tuple[float, Any]:
    began = time.perf_counter()
    result = func(*args, **kwargs)
    seconds = time.perf_counter() - began
    print(f"{label:<44} {seconds:8.3f} s", flush=True)
    return seconds, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--lines", type=int, default=50)
    parser.add_argument("--quotes", type=int, default=None,
                        help="stored quotes (default: events / 10)")
    parser.add_argument("--new", type=int, default=1_000, help="events added before the "
                        "incremental assessment (a day of news)")
    parser.add_argument("--db", type=Path, default=None, help="SQLite file (default: a "
                        "temporary one)")
    args = parser.parse_args(argv)
    rng = random.Random(20241020)
    folder = Path(tempfile.mkdtemp(prefix="redline-bench-"))
    store = Store(f"sqlite:///{args.db or folder / 'bench.db'}")
    n_quotes = args.quotes if args.quotes is not None else args.events // 10
    print(f"{args.lines} red lines, {args.events:,} events, {n_quotes:,} quotes "
          f"(SQLite, {store.url})")

    stock = articles(max(1_000, args.events // 100), rng, "a")
    began = time.perf_counter()
    line_store.bulk_insert(store, "articles", stock)
    line_store.bulk_insert(store, "events", events(args.events, stock, rng))
    line_store.bulk_insert(store, "quotes", quotes(n_quotes, stock, rng))
    line_store.add_lines(store, red_lines(args.lines, rng))
    print(f"{'generate and bulk-insert':<44} {time.perf_counter() - began:8.3f} s")

    first, verdicts = timed("first assessment (all evidence)", assess, store)
    fresh = articles(max(1, args.new // 10), rng, "n")
    line_store.bulk_insert(store, "articles", fresh)
    line_store.bulk_insert(store, "events", events(args.new, fresh, rng))
    line_store.bulk_insert(store, "quotes", quotes(max(1, args.new // 10), fresh, rng))
    incremental, verdicts = timed(f"incremental assessment (+{args.new:,} events)", assess,
                                  store)
    full, again = timed("full re-assessment of the same store", assess, store, full=True)
    statuses = sorted({v.status for v in verdicts})
    items = sum(len(v.evidence) + len(v.speculated) for v in verdicts)
    print(f"verdicts: {len(verdicts)} ({', '.join(statuses)}), {items:,} evidence items")
    print(f"incremental: {incremental:.3f} s ({incremental / args.lines * 1000:.1f} ms a line); "
          f"full / incremental = {full / incremental:.1f}x; first / incremental = "
          f"{first / incremental:.1f}x")
    same = [(v.status, len(v.evidence)) for v in verdicts] == \
        [(v.status, len(v.evidence)) for v in again]
    print(f"incremental and full verdicts agree: {same}")
    target = "met" if incremental < 1.0 else "NOT met"
    print(f"target (50 lines / 1,000,000 events incremental < 1 s): {target} at this size")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
