"""A verdict in words: status, evidence, speculation, assessments and options."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from redline.assess.likelihood import load_rules
from redline.records import CREDIBILITY_WORDS, RELIABILITY_WORDS, RedLine, Verdict

STATUS_WORDS = {
    "not_crossed": "not crossed",
    "precursors_seen": "not crossed, precursors seen",
    "reported_crossed": "reported crossed, below the corroboration bar",
    "crossed": "crossed",
}
SAYS_WORDS = {"not_crossed": "not crossed", "crossed": "crossed", "approaching": "approaching"}
WIDTH = 96
QUOTE_MARKS = " ,\"'“”‘’"


def status_words(status: str) -> str:
    return STATUS_WORDS.get(status, status)


def judgement_words(verdict: Verdict) -> str:
    """``Likelihood that the line has been crossed: likely (55-80%), moderate confidence.``"""
    if verdict.likelihood is None:
        return "Likelihood: not stated (verdict from before likelihoods were kept)."
    band = ""
    try:
        low, high = load_rules().band(verdict.likelihood)
        band = f" ({low:.0%}-{high:.0%})"
    except KeyError:
        pass
    return (f"Likelihood that the line has been crossed: {verdict.likelihood}{band}, "
            f"{verdict.confidence} confidence.")


def cutoff_words(verdict: Verdict) -> str:
    """The kind of verdict and both cut-offs, spelled out."""
    known = verdict.known_by or verdict.computed
    what = "live run" if verdict.kind == "live" else "look-back"
    return (f"{what.capitalize()}: articles published by {verdict.as_of:%Y-%m-%d %H:%M} UTC, "
            f"as known to the store by {known:%Y-%m-%d %H:%M} UTC.")


def is_against(item: Mapping[str, Any]) -> bool:
    """A speculated item that speaks against the claim: a denial or a "not known"."""
    return item.get("factuality_label") == "denied" or item.get("says") == "not_crossed"


def grade_words(item: Mapping[str, Any]) -> str:
    """``B2 (usually reliable, probably true)``."""
    reliability = RELIABILITY_WORDS.get(str(item.get("reliability")), "?")
    credibility = CREDIBILITY_WORDS.get(int(item.get("credibility") or 6), "?")
    return f"{item.get('grade')} ({reliability}; {credibility})"


def who_did_what(item: Mapping[str, Any]) -> str:
    """``PRK (North Korea) AID -> RUS (Russia)``."""
    def party(code: Any, text: Any) -> str:
        if code and text and text != code:
            return f"{code} ({text})"
        return str(code or text or "?")

    recipient = ""
    if item.get("recipient") or item.get("recipient_text"):
        recipient = f" -> {party(item.get('recipient'), item.get('recipient_text'))}"
    return f"{party(item.get('actor'), item.get('actor_text'))} {item['event_type']}{recipient}"


def intended_by(item: Mapping[str, Any]) -> str | None:
    """Whose aim, plan or purpose the item's event is ("Russia aims to seize"), if anyone's."""
    who = item.get("intended_text") or item.get("intended_by")
    return str(who) if who else None


def reporter(item: Mapping[str, Any]) -> str | None:
    """Who reports or asserts the item: its source, else its outlet."""
    who = item.get("attributed_text") or item.get("attributed_to") or item.get("outlet")
    return str(who) if who else None


def asserted_by(item: Mapping[str, Any]) -> str:
    """``per Seoul``, or for an aim ``aim of Russia (reported by Seoul)``: the aim is the
    intender's, the report (and its grade) the reporter's."""
    aim = intended_by(item)
    if aim is not None:
        return f"aim of {aim} (reported by {reporter(item) or 'the article'})"
    who = item.get("attributed_text") or item.get("attributed_to")
    return f"per {who}" if who else "unattributed"


def circumstances(item: Mapping[str, Any]) -> str:
    """When the event is dated and who speculates about it: ", dated 2024-10; speculated by X"
    (an aim names its reporter already)."""
    text = f", dated {item['date']}" if item.get("date") else ""
    if item.get("speculated_by") and intended_by(item) is None:
        text += f"; speculated by {item['speculated_by']}"
    return text


def machine_citation(item: Mapping[str, Any]) -> str:
    """``machine-coded GDELT event 1234, source https://...`` for a dataset row."""
    text = f"machine-coded {str(item.get('dataset') or '').upper()} event " \
        f"{item.get('dataset_id') or '?'}"
    if item.get("published"):
        text += f", {str(item['published'])[:10]}"
    return text + f", source {item.get('source_url') or 'not given'}"


def citation(item: Mapping[str, Any]) -> str:
    """``The Korea Times, "Headline", 2024-10-20, chars 120-245`` (what is known of it)."""
    if item.get("machine_coded"):
        return machine_citation(item)
    parts = [str(item["outlet"])] if item.get("outlet") else []
    if item.get("headline"):
        parts.append(f"\"{item['headline']}\"")
    if item.get("published"):
        parts.append(str(item["published"])[:10])
    span = item.get("span") or [None, None]
    if span[0] is not None:
        parts.append(f"chars {span[0]}-{span[1]}")
    return ", ".join(parts)


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent,
                         subsequent_indent=" " * len(indent)) or [indent]


def quoted(text: str) -> str:
    """``text`` in quotation marks, without the marks and commas it came with."""
    inner = " ".join(text.split()).strip(QUOTE_MARKS)
    return f"\u201c{inner}\u201d"


def group_items(items: Sequence[Mapping[str, Any]]) -> list[list[Mapping[str, Any]]]:
    """Items from the same sentence for the same indicator, together (an extractor may code
    one sentence as several events: "North Korea and Russia agreed ...")."""
    groups: dict[tuple[Any, ...], list[Mapping[str, Any]]] = {}
    for item in items:
        key = (item["role"], item["indicator"], item.get("article_id"), tuple(item["span"]),
               item["factuality_label"])
        groups.setdefault(key, []).append(item)
    return list(groups.values())


def _event_lines(group: Sequence[Mapping[str, Any]]) -> list[str]:
    item = group[0]
    name = item["role"] if item["indicator"] == item["role"] else \
        f"{item['role']} {item['indicator']}"
    events = "; ".join(dict.fromkeys(who_did_what(each) for each in group))
    head = (f"[{item['grade']}] {name}: {events}, "
            f"{item['factuality_label']} ({item['factuality']:+.1f}) {asserted_by(item)}"
            f"{circumstances(item)}")
    if item.get("contradicted_by"):
        head += f"; contradicted by {', '.join(item['contradicted_by'])}"
    lines = _wrap(head, "  - ")
    if not item.get("machine_coded"):  # a dataset row has no sentence to quote
        lines += _wrap(quoted(item.get("sentence") or ""), "      ")
    lines += _wrap(citation(item), "      ")
    lines.append(f"      grade {grade_words(item)}")
    return lines


def _section(title: str, items: Sequence[Mapping[str, Any]], empty: str) -> list[str]:
    lines = ["", title]
    if not items:
        return [*lines, f"  {empty}"]
    for group in group_items(items):
        lines += _event_lines(group)
    return lines


def explain_text(line: RedLine, verdict: Verdict, *, stored: bool = True) -> str:
    """The verdict on ``line`` with its evidence chain, as plain text."""
    lines = [f"{line.id}: {line.title}"]
    declared = f" in {line.declared}" if line.declared else ""
    lines += _wrap(f"Declared by {line.declared_by}{declared}. Source: {line.source}", "")
    lines += _wrap(f"If: {line.trigger.description or 'see trigger pattern'}", "")
    lines += _wrap(f"Then: {line.consequence}", "")
    note = "" if stored else " (computed now, not stored)"
    lines += ["", f"Verdict as of {verdict.as_of:%Y-%m-%d %H:%M} UTC: "
                  f"{verdict.status.upper()} ({status_words(verdict.status)}){note}"]
    lines += _wrap(judgement_words(verdict), "")
    lines += _wrap(cutoff_words(verdict), "")
    lines += [f"  - {reason}" for reason in verdict.reasons]
    changed = verdict.changed or {}
    if changed.get("from") and changed.get("from") != verdict.status:
        lines.append(f"Moved from {changed['from']} by article {changed.get('article_id')}")
    lines += _section("Evidence (reported as having happened):", verdict.evidence,
                      "none found")
    against = [item for item in verdict.speculated if is_against(item)]
    lines += _section("Speculated, unconfirmed or conditional (does not count):",
                      [item for item in verdict.speculated if not is_against(item)],
                      "none found")
    lines += _section("Against: denials and \"not known\" (evidence it did not happen):",
                      against, "none found")
    lines += ["", "Assessments of the line in quotes:"]
    if not verdict.assessments:
        lines.append("  none found")
    for item in verdict.assessments:
        speaker = item.get("speaker") or "unnamed speaker"
        role = f", {item['role']}" if item.get("role") else ""
        grade = f" (source graded {item['reliability']})" if item.get("reliability") else ""
        lines += _wrap(f"{speaker}{role}: {SAYS_WORDS.get(item['says'], item['says'])}{grade}",
                       "  - ")
        lines += _wrap(quoted(item["content"]), "      ")
        lines += _wrap(citation(item), "      ")
    lines += ["", "Options under discussion:"]
    lines += [f"  - {option}" for option in line.options] or ["  none recorded"]
    return "\n".join(lines) + "\n"
