"""Benchmark: dashboard pages and the JSON API on a large store, under concurrent load.

    python bench/pages.py                                 # 1,000,000 events, 10,000 articles
    python bench/pages.py --events 100000 --requests 50   # a quick run
    python bench/pages.py --store /tmp/pages.db           # build the store there and keep it
    python bench/pages.py --store /tmp/pages.db --reuse   # measure the kept store again
    python bench/pages.py --store /tmp/pages.db --reuse --workers 1 2   # both ways
    python bench/pages.py --store /tmp/pages.db --reuse --only search   # the search endpoints

Builds a synthetic SQLite store (events and red lines as bench/assess.py makes them, one
assessment so that every line has a verdict), starts ``redline serve`` on 127.0.0.1 in
its own process (``--workers N``: N server processes), and sends each endpoint a bounded
number of GET requests from 10 concurrent clients. Prints p50, p95 and requests/s per
endpoint, and the server's CPU time per request (its processes' CPU time over the timed
requests, the warming burst left out, which other work on the machine does not inflate as
it does wall times), with its sum over the routes measured.
Target: p95 < 300 ms at concurrency 10 for the overview, a red-line page and search,
filtered and unfiltered.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from assess import articles, events, quotes, red_lines
from redline.assess import assess
from redline.store import Store
from redline.store import lines as line_store

TARGET_MS = 300
CONCURRENCY = 10


def build(path: Path, n_events: int, n_articles: int) -> None:
    rng = random.Random(15)
    store = Store(f"sqlite:///{path}")
    stock = articles(n_articles, rng, "a")
    began = time.perf_counter()
    line_store.bulk_insert(store, "articles", stock)
    line_store.bulk_insert(store, "events", events(n_events, stock, rng))
    line_store.bulk_insert(store, "quotes", quotes(n_events // 10, stock, rng))
    line_store.add_lines(store, red_lines(50, rng))
    assess(store)
    store.close()
    print(f"built {n_events:,} events, {n_articles:,} articles, 50 lines in "
          f"{time.perf_counter() - began:.0f} s", flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_cpu(pid: int) -> float:
    """CPU seconds used so far by process ``pid`` and every process under it (Linux)."""
    total, pending = 0.0, [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            for task in Path(f"/proc/{current}/task").iterdir():
                pending.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue  # ended meanwhile, or not Linux
    return total


def load(base: str, path: str, requests: int, pid: int) -> tuple[list[float], float]:
    """Seconds of each of ``requests`` GETs of ``path``, ``CONCURRENCY`` at a time, and the
    CPU seconds the server (process ``pid`` and those under it) spent meanwhile."""
    def one(client: httpx.Client) -> float:
        began = time.perf_counter()
        response = client.get(base + path)
        response.raise_for_status()
        return time.perf_counter() - began

    with httpx.Client(timeout=120) as client, ThreadPoolExecutor(CONCURRENCY) as pool:
        # warm every server process (templates, caches): one burst at full concurrency,
        # since one request warms only the process that takes it
        list(pool.map(lambda _: one(client), range(CONCURRENCY)))
        cpu = server_cpu(pid)
        began = time.perf_counter()
        times = list(pool.map(lambda _: one(client), range(requests)))
        load.wall = time.perf_counter() - began  # type: ignore[attr-defined]
    return times, server_cpu(pid) - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=100, help="per endpoint")
    parser.add_argument("--store", type=Path, default=None,
                        help="SQLite file to build the store in (default: a temporary one)")
    parser.add_argument("--reuse", action="store_true",
                        help="measure the store already at --store instead of building it")
    parser.add_argument("--workers", type=int, nargs="+", default=[1],
                        help="server processes (redline serve --workers N); several numbers "
                             "measure each in turn")
    parser.add_argument("--only", nargs="+", default=[], metavar="TEXT",
                        help="measure only the endpoints whose path contains one of these")
    args = parser.parse_args()
    endpoints = [e for e in ENDPOINTS if not args.only or any(t in e for t in args.only)]
    path = args.store or Path(tempfile.mkdtemp(prefix="redline-bench-")) / "pages.db"
    if args.reuse:
        if not path.exists():
            parser.error(f"--reuse: no store at {path}; build it first with --store {path}")
        began = time.perf_counter()
        Store(f"sqlite:///{path}").close()  # brings its schema up to date
        print(f"migrated in {time.perf_counter() - began:.1f} s", flush=True)
    else:
        if path.exists():
            parser.error(f"--store: {path} exists; give --reuse to measure it again")
        build(path, args.events, args.articles)
    for workers in args.workers:
        serve(path, workers, args.requests, endpoints)


ENDPOINTS = ["/", "/api/lines", "/lines/line-0", "/api/lines/line-0",
             "/api/lines/line-0/history", "/search", "/api/search",
             "/search?actor=RUS", "/api/search?actor=RUS",
             "/api/search?actor=RUS&offset=300",
             "/api/search?event_type=AID&label=reported",
             "/api/search?label=denied&date_from=2024-06-01&date_to=2024-06-30",
             "/api/search?actor=north+korea",
             # every event's sentence is "A synthetic sentence.": the worst case
             "/search?text=synthetic", "/api/search?text=%22synthetic+sentence%22",
             "/api/search?text=synthetic&actor=RUS&event_type=AID",
             "/api/search?text=crossed", "/api/search?kind=quotes&text=red+line*"]


def serve(path: Path, workers: int, requests: int, endpoints: list[str]) -> None:
    """Start ``redline serve --workers N`` on the store and load each endpoint."""
    port = free_port()
    redline = str(Path(sys.executable).with_name("redline"))
    server = subprocess.Popen([redline, "--db", f"sqlite:///{path}", "serve", "--host",
                               "127.0.0.1", "--port", str(port), "--workers", str(workers)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    print(f"load average (1, 5, 15 min): {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/api/lines", timeout=120)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        print(f"{requests} requests per endpoint, concurrency {CONCURRENCY}, {workers} server "
              f"process{'es' if workers > 1 else ''}, {base}")
        total_cpu = 0.0
        for endpoint in endpoints:
            try:
                times, cpu = load(base, endpoint, requests, server.pid)
                times.sort()
                cpu = cpu / requests * 1000
                total_cpu += cpu
            except httpx.HTTPError as exc:
                print(f"  {endpoint:44} failed: {exc}")
                continue
            p50 = statistics.median(times) * 1000
            p95 = times[max(0, int(len(times) * 0.95) - 1)] * 1000
            rate = len(times) / load.wall  # type: ignore[attr-defined]
            verdict = "ok" if p95 < TARGET_MS else "OVER"
            print(f"  {endpoint:44} p50 {p50:7.0f} ms  p95 {p95:7.0f} ms  {rate:6.1f} req/s  "
                  f"{cpu:5.1f} ms CPU  {verdict}", flush=True)
        print(f"server CPU time per request, summed over the {len(endpoints)} routes: "
              f"{total_cpu:.1f} ms")
        load_average = " ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"load average (1, 5, 15 min): {load_average}")
    finally:
        server.terminate()
        server.wait(timeout=30)

if __name__ == "__main__":
    main()
