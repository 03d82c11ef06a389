"""Benchmark: finding time expressions in long one-line texts.

    python bench/timex_long_lines.py               # 65 KB of 4,000 mentions; "a." * 40,000
    python bench/timex_long_lines.py --copies 8000 --run 80000

Two texts with no line breaks: many dates, clocks and an address repeated (each mention
once checked against the text's addresses), and a long run of name characters with no
"@" (what an e-mail address may start with) before one date. Prints the CPU time of
``timex_spans.mentions`` on each.
"""

from __future__ import annotations

import argparse
import time

from redline.extract.timex_lexicon import load_lexicon
from redline.extract.timex_spans import mentions

PHRASE = "On May 3 at 5 p.m. see www.example.org/2023/05/01 today. "


def cpu_seconds(text: str) -> tuple[float, int]:
    lexicon = load_lexicon()
    start = time.process_time()
    found = mentions(text, lexicon)
    return time.process_time() - start, len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1_100, help="copies of the phrase")
    parser.add_argument("--run", type=int, default=40_000, help='repeats of "a."')
    args = parser.parse_args()
    for name, text in (("mentions", PHRASE * args.copies), ("no @", "a." * args.run + " on May 3")):
        seconds, count = cpu_seconds(text)
        print(f"{name:>8}: {len(text):>7} characters, {count:>5} mentions, {seconds:.2f} s CPU")


if __name__ == "__main__":
    main()
