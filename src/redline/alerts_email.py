"""Alerts by email: one plain-text message per verdict that moved, sent over SMTP to the
addresses the user names (settings ``smtp_url``, ``email_from``, ``email_to``)."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from redline.alerts import AlertError, alert_payload
from redline.assess import Verdict
from redline.settings import Settings


def _message(verdict: Verdict, sender: str, recipients: Sequence[str]) -> EmailMessage:
    payload = alert_payload(verdict)
    message = EmailMessage()
    message["From"], message["To"] = sender, ", ".join(recipients)
    message["Subject"] = (f"redline: {verdict.line_id} moved from "
                          f"{payload['from'] or 'no verdict'} to {payload['to']}")
    lines = [f"Red line {verdict.line_id}: {payload['from'] or 'no verdict'} -> {payload['to']}",
             f"As of {payload['as_of']}; {payload['evidence']} evidence item(s), "
             f"{payload['speculated']} speculated."]
    strongest = payload["strongest_evidence"]
    if strongest:
        lines += ["", "Strongest evidence:", f"  \u201c{strongest['sentence']}\u201d",
                  f"  {strongest['factuality_label']}, grade {strongest['grade']}; "
                  f"{strongest['outlet'] or ''} {strongest['published'] or ''}".rstrip(),
                  f"  {strongest['url'] or ''}".rstrip()]
    if payload["moved_by_article"]:
        lines += ["", f"Moved by article {payload['moved_by_article'][:12]} "
                      f"(redline show {payload['moved_by_article'][:12]})."]
    message.set_content("\n".join(lines) + "\n")
    return message


def send_emails(verdicts: Sequence[Verdict], settings: Settings) -> int:
    """Email one alert per moved verdict; returns how many were sent (0 when ``email_to``
    is empty). ``AlertError`` names the server (never its password) when it fails."""
    recipients = [a.strip() for a in settings.email_to.split(",") if a.strip()]
    if not recipients or not verdicts:
        return 0
    url = urlsplit(settings.smtp_url)
    if url.scheme not in ("smtp", "smtps") or not url.hostname:
        raise AlertError(f"setting smtp_url {url.scheme + '://' if url.scheme else ''}"
                         f"{url.hostname or ''}: expected smtp://host:port or smtps://host:port")
    where = f"{url.hostname}:{url.port or (465 if url.scheme == 'smtps' else 25)}"
    kind = smtplib.SMTP_SSL if url.scheme == "smtps" else smtplib.SMTP
    sent = 0
    try:
        with kind(url.hostname, url.port or 0, timeout=settings.fetch_timeout) as server:
            if url.username:
                server.login(unquote(url.username), unquote(url.password or ""))
            for verdict in verdicts:
                server.send_message(_message(verdict, settings.email_from, recipients))
                sent += 1
    except (OSError, smtplib.SMTPException) as exc:
        raise AlertError(f"the mail server {where} did not take the alert ({exc}); "
                         f"{sent} of {len(verdicts)} sent") from exc
    return sent
