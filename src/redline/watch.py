"""Keeping feeds and folders under watch: poll each on a schedule, ingest what is new,
assess, and alert on each verdict that moved (webhook and email).

Feeds are fetched through ``ingest.fetch`` with a conditional GET (``If-None-Match`` /
``If-Modified-Since`` from the last answer), so an unchanged feed costs one 304. A source
that fails is retried with exponential backoff and reported as a gap (since when, why):
a failed fetch never reads as "nothing happened". Folders are rescanned; a file is read
again only when its size or modification time changed. The library never sleeps on its
own: ``Watcher.cycle`` does one round, ``Watcher.run`` repeats it until told to stop.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from redline.errors import FetchError, InputError, RedlineError
from redline.settings import Settings
from redline.store import Store

if TYPE_CHECKING:
    from redline.assess import Verdict
    from redline.ingest.sources import Fetcher

log = logging.getLogger(__name__)

#: The longest wait between two tries of a failing source, in seconds.
MAX_BACKOFF = 3600.0


@dataclass
class SourceState:
    """What the watcher remembers of one source between rounds."""

    source: str
    etag: str | None = None
    last_modified: str | None = None
    files: dict[str, tuple[int, int]] = field(default_factory=dict)  # path: (size, mtime_ns)
    failures: int = 0
    failing_since: datetime | None = None
    error: str | None = None
    due: float = 0.0  # time.monotonic() of the next try

    @property
    def is_url(self) -> bool:
        return self.source.startswith(("http://", "https://"))


@dataclass(frozen=True)
class SourceReport:
    """One source in one round: ``new``/``changed`` articles, ``unchanged`` (a 304 or no
    file touched), ``gap`` (the fetch failed: the error and since when), or ``waiting``
    (backing off after failures)."""

    source: str
    status: str
    new: int = 0
    changed: int = 0
    failed: int = 0
    error: str | None = None
    since: datetime | None = None
    retry_in: float | None = None


@dataclass(frozen=True)
class Round:
    """What one round found, and the alerts it sent."""

    sources: list[SourceReport]
    moved: list[str]  # line ids whose verdict moved
    alerted: int = 0
    emailed: int = 0
    alert_errors: list[str] = field(default_factory=list)


class Watcher:
    """Polls ``sources`` (feed URLs, folders or files) every ``interval`` seconds."""

    def __init__(self, store: Store, sources: list[str], settings: Settings, *,
                 interval: float = 900.0, webhook: str | None = None,
                 follow_links: bool = False) -> None:
        if interval <= 0:
            raise InputError("--every", f"{interval:g} is not a positive number of seconds")
        self.store, self.settings, self.interval = store, settings, interval
        self.webhook, self.follow_links = webhook, follow_links
        self.states = [SourceState(source) for source in dict.fromkeys(sources)]
        for state in self.states:
            if not state.is_url and not Path(state.source).exists():
                raise InputError(state.source, "no such file or folder (watch takes feed "
                                               "URLs, folders and files)")

    # -- one round -------------------------------------------------------------------

    def cycle(self, now: float | None = None) -> Round:
        """Poll every source that is due, assess, alert; the report of this round."""
        from redline.alerts import alertable, verdict_moves
        from redline.assess import assess

        moment = time.monotonic() if now is None else now
        started = datetime.now(UTC)
        reports = [self._poll(state, moment) for state in self.states]
        verdicts = assess(self.store, alerts=bool(self.webhook or self.settings.webhook))
        moved = alertable(verdict_moves(verdicts, since=started))
        alerted, emailed, errors = self._alert(moved)
        return Round(reports, [v.line_id for v in moved], alerted, emailed, errors)

    def _poll(self, state: SourceState, now: float) -> SourceReport:
        if now < state.due:
            return SourceReport(state.source, "waiting", error=state.error,
                                since=state.failing_since, retry_in=state.due - now)
        try:
            report = self._poll_url(state) if state.is_url else self._poll_path(state)
        except RedlineError as exc:
            return self._gap(state, str(exc), now)
        state.failures, state.failing_since, state.error = 0, None, None
        state.due = now + self.interval
        return report

    def _gap(self, state: SourceState, error: str, now: float) -> SourceReport:
        state.failures += 1
        state.failing_since = state.failing_since or datetime.now(UTC)
        state.error = error
        wait = min(self.interval * 2 ** (state.failures - 1), max(MAX_BACKOFF, self.interval))
        state.due = now + wait
        log.warning("%s: gap since %s: %s", state.source, state.failing_since, error)
        return SourceReport(state.source, "gap", error=error, since=state.failing_since,
                            retry_in=wait)

    def _poll_url(self, state: SourceState) -> SourceReport:
        from redline.ingest.fetch import Fetched, fetch

        headers = {k: v for k, v in (("If-None-Match", state.etag),
                                     ("If-Modified-Since", state.last_modified)) if v}
        fetched = fetch(state.source, self.settings, headers=headers)
        if fetched.status == 304:
            return SourceReport(state.source, "unchanged")
        state.etag = fetched.etag or state.etag
        state.last_modified = fetched.last_modified or state.last_modified

        def fetcher(url: str) -> Fetched:  # the feed once, as fetched; its links as usual
            return fetched if url == state.source else fetch(url, self.settings)

        return self._ingest(state.source, [state.source], fetcher)

    def _poll_path(self, state: SourceState) -> SourceReport:
        root = Path(state.source)
        if not root.exists():
            raise InputError(state.source, "no longer exists")
        touched = []
        for path in _files(root):
            try:
                info = path.stat()
            except OSError as exc:
                raise InputError(str(path), f"cannot read: {exc.strerror}") from exc
            mark = (info.st_size, info.st_mtime_ns)
            if state.files.get(str(path)) != mark:
                state.files[str(path)] = mark
                touched.append(str(path))
        if not touched:
            return SourceReport(state.source, "unchanged")
        return self._ingest(state.source, touched, None)

    def _ingest(self, source: str, targets: list[str],
                fetcher: Fetcher | None) -> SourceReport:
        from redline.ingest import ReadOptions
        from redline.pipeline import ingest

        options = ReadOptions(follow_links=self.follow_links)
        counts = {"new": 0, "changed": 0, "unchanged": 0, "failed": 0}
        errors = []
        for outcome in ingest(self.store, targets, settings=self.settings, options=options,
                              fetcher=fetcher):
            counts[outcome.status] += 1
            if outcome.status == "failed":
                errors.append(outcome.error or outcome.source)
        if errors and source.startswith(("http://", "https://")) and \
                not (counts["new"] or counts["changed"] or counts["unchanged"]):
            raise FetchError(source, "; ".join(errors[:3]))
        status = "new" if counts["new"] or counts["changed"] else "unchanged"
        return SourceReport(source, status, new=counts["new"], changed=counts["changed"],
                            failed=counts["failed"], error="; ".join(errors[:3]) or None)

    def _alert(self, moved: list[Verdict]) -> tuple[int, int, list[str]]:
        from redline.alerts import deliver_pending
        from redline.alerts_email import send_emails

        alerted = emailed = 0
        errors = []
        target = self.webhook or self.settings.webhook
        if target:  # what the outbox holds: this round's moves and any left undelivered
            try:
                delivery = deliver_pending(self.store, self.settings, target)
                alerted = delivery.delivered
                delivery.raise_for_failures(target)
            except RedlineError as exc:
                errors.append(str(exc))
        if moved and self.settings.email_to:
            try:
                emailed = send_emails(moved, self.settings)
            except RedlineError as exc:
                errors.append(str(exc))
        return alerted, emailed, errors

    # -- the loop --------------------------------------------------------------------

    def run(self, stop: threading.Event, on_round: Callable[[Round], None] | None = None,
            rounds: int | None = None) -> int:
        """Run rounds until ``stop`` is set (or ``rounds`` have run); returns how many ran.
        Waits between rounds on ``stop``, so a stop takes effect at once."""
        done = 0
        while not stop.is_set() and (rounds is None or done < rounds):
            report = self.cycle()
            done += 1
            if on_round is not None:
                on_round(report)
            if rounds is not None and done >= rounds:
                break
            stop.wait(self._sleep())
        return done

    def _sleep(self) -> float:
        now = time.monotonic()
        return max(0.0, min(state.due for state in self.states) - now) if self.states \
            else self.interval



def _files(root: Path) -> Iterator[Path]:
    if root.is_file():
        yield root
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.name.startswith(".") and \
                not path.name.endswith((".meta.json", ".meta.yaml")):
            yield path
