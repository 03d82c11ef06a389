"""Benchmark: bulk import of a synthetic GDELT 2.0 export and a synthetic ACLED file.

    python bench/imports.py                          # 1,000,000 GDELT rows, 200,000 ACLED rows
    python bench/imports.py --gdelt 100000 --acled 20000   # a quick run
    python bench/imports.py --zip                    # the GDELT export as .export.CSV.zip

Writes the files to a temporary folder, then runs ``redline import-events`` on them as a
user would, each in its own process, into a fresh SQLite store: first the import, then
the same export again (all unchanged). Prints wall time, rows per second and each
process's CPU time and peak memory (max RSS), with the load average (other work on the
machine inflates wall times, less so CPU times: a figure within its target in CPU time
but not in wall time says "ok in CPU time"). Targets: 1,000,000 GDELT rows under 60 s and 1 GiB,
their re-import under 20 s; 200,000 ACLED rows under 15 s.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

COLUMNS = 61
COUNTRIES = ["RUS", "PRK", "KOR", "USA", "UKR", "CHN", "JPN", "IRN", "ISR", "GBR", "FRA",
             "DEU", "IND", "PAK", "TUR", "SYR", "IRQ", "SAU", "EGY", "POL"]
TYPES = ["", "", "GOV", "MIL", "COP", "REB", "BUS", "MED"]
# Root codes in GDELT's proportions, roughly: statements (01) and consultations (04)
# dominate; about one row in seven has no PLOVER counterpart.
CAMEO = ["010", "012", "020", "036", "040", "042", "043", "051", "057", "061", "071",
         "072", "081", "090", "100", "111", "112", "120", "130", "138", "141", "145",
         "150", "154", "160", "163", "172", "173", "180", "182", "190", "193", "195",
         "200", "0332", "0874", "1823"]
PLACES = ["Vladivostok, Primorskiy Kray, Russia", "Kyiv, Kyyiv, Misto, Ukraine",
          "Seoul, Seoul-t'ukpyolsi, South Korea",
          "Washington, District of Columbia, United States",
          "Beijing, Beijing, China", "Tehran, Tehran, Iran", "Gaza, Israel (general), Israel"]
SITES = [f"https://www.outlet{n}.example/news/" for n in range(400)]
ACLED_TYPES = [("Battles", "Armed clash"),
               ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
               ("Protests", "Peaceful protest"), ("Riots", "Violent demonstration"),
               ("Violence against civilians", "Attack"), ("Strategic developments", "Agreement")]
ACLED_ACTORS = ["Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)",
                "Protesters (Ukraine)", "Police Forces of Ukraine (2019-)",
                "Unidentified Armed Group", "Rioters (Russia)", "Civilians (Ukraine)",
                "Military Forces of Israel (2022-)"]


def gdelt_export(path: Path, rows: int, rng: random.Random) -> None:
    first = date(2024, 10, 1)
    with path.open("w", encoding="utf-8", newline="") as out:
        for n in range(rows):
            day = first + timedelta(days=rng.randrange(30))
            cells = [""] * COLUMNS
            a1, a2 = rng.choice(COUNTRIES), rng.choice(COUNTRIES)
            t1, t2 = rng.choice(TYPES), rng.choice(TYPES)
            code = rng.choice(CAMEO)
            cells[0], cells[1] = str(1_200_000_000 + n), day.strftime("%Y%m%d")
            cells[2], cells[3] = day.strftime("%Y%m"), str(day.year)
            cells[4] = f"{day.year}.{day.month:02d}"
            cells[5:13] = [a1 + t1, f"{a1} {t1}".strip(), a1, "", "", "", "", t1]
            cells[15:23] = [a2 + t2, f"{a2} {t2}".strip(), a2, "", "", "", "", t2]
            cells[25], cells[26], cells[27], cells[28] = "1", code, code[:3], code[:2]
            cells[29], cells[30] = str(rng.randrange(1, 5)), f"{rng.uniform(-10, 10):.1f}"
            cells[31:35] = [str(rng.randrange(1, 20)), "1", str(rng.randrange(1, 20)),
                            f"{rng.uniform(-10, 10):.6f}"]
            place = rng.choice(PLACES)
            for base in (35, 43, 51):
                cells[base:base + 8] = [
                    "4", place, a1[:2], a1[:2] + "00", "", f"{rng.uniform(-90, 90):.4f}",
                    f"{rng.uniform(-180, 180):.4f}", str(rng.randrange(10**6))]
            quarter = rng.choice(["00", "15", "30", "45"])
            cells[59] = day.strftime("%Y%m%d") + f"{rng.randrange(24):02d}{quarter}00"
            cells[60] = rng.choice(SITES) + f"{n:x}-{rng.randrange(10**9)}.html"
            out.write("\t".join(cells) + "\n")


def acled_file(path: Path, rows: int, rng: random.Random) -> None:
    header = ["event_id_cnty", "event_date", "year", "event_type", "sub_event_type", "actor1",
              "actor2", "iso", "country", "location", "source", "notes", "fatalities", "timestamp"]
    first = date(2024, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for n in range(rows):
            day = first + timedelta(days=rng.randrange(300))
            kind, sub = rng.choice(ACLED_TYPES)
            writer.writerow([f"UKR{n}", day.isoformat(), day.year, kind, sub,
                             rng.choice(ACLED_ACTORS), rng.choice([*ACLED_ACTORS, ""]), 804,
                             "Ukraine", rng.choice(["Kyiv", "Kharkiv", "Donetsk", "Kursk"]),
                             rng.choice(["Ukrainska Pravda", "Kyiv Independent", "Reuters"]),
                             "On that day, a clash was reported near the town.",
                             rng.choice([0, 0, 0, 1, 3]), 1_730_851_200 + n])


def run_import(db: str, path: Path, fmt: str) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds, peak RSS in MiB and the summary line of one import
    process."""
    command = [str(Path(sys.executable).with_name("redline")), "--db", db, "import-events",
               str(path), "--format", fmt]
    before = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - before
    out = child.stdout.read() if child.stdout else ""
    err = child.stderr.read() if child.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"import failed: {err or out}")
    return (seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
            out.strip().splitlines()[-1])


def report(name: str, rows: int, size: int, db: str, path: Path, fmt: str,
           first_target: float, again_target: float | None) -> None:
    print(f"{name}: {rows:,} rows, {size / 1e6:.0f} MB ({path.name})")
    for label, target in (("import", first_target), ("re-import", again_target)):
        if target is None:
            continue
        load = os.getloadavg()[0]
        seconds, cpu, peak, summary = run_import(db, path, fmt)
        # On a busy machine the wall time counts the waits for a core; CPU time does not.
        verdict = "ok" if seconds < target and peak < 1024 else \
            "ok in CPU time" if cpu < target and peak < 1024 else "OVER"
        print(f"  {label:9} {seconds:6.1f} s  {rows / seconds:9,.0f} rows/s  CPU {cpu:6.1f} s"
              f"  peak {peak:5.0f} MiB  (target < {target:g} s, < 1024 MiB) {verdict}"
              f"  load average {load:.1f} -> {os.getloadavg()[0]:.1f}  [{summary}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gdelt", type=int, default=1_000_000)
    parser.add_argument("--acled", type=int, default=200_000)
    parser.add_argument("--zip", action="store_true", help="zip the GDELT export as GDELT does")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="redline-bench-") as tmp:
        folder = Path(tmp)
        env_limit = str(8 * 1024**3)
        os.environ.setdefault("REDLINE_DATASET_MAX_BYTES", env_limit)
        if args.gdelt:
            export = folder / "20241018000000.export.CSV"
            gdelt_export(export, args.gdelt, rng)
            size = export.stat().st_size
            if args.zip:
                zipped = export.with_name(export.name + ".zip")
                with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
                    archive.write(export, export.name)
                export.unlink()
                export = zipped
            report("GDELT", args.gdelt, size, f"sqlite:///{folder / 'gdelt.db'}", export,
                   "gdelt", 60, 20)
        if args.acled:
            path = folder / "acled.csv"
            acled_file(path, args.acled, rng)
            report("ACLED", args.acled, path.stat().st_size, f"sqlite:///{folder / 'acled.db'}",
                   path, "acled", 15, 15)
    print(f"(peak memory: max RSS of each import process; resource limit "
          f"{resource.getrlimit(resource.RLIMIT_AS)[0]})")


if __name__ == "__main__":
    main()
