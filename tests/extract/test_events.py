"""Events: who did what to whom, from sentences."""

from __future__ import annotations

import pytest

from redline.extract import analyze
from redline.records import Event


def _main(text: str) -> Event | None:
    events = analyze(text).events
    return events[0] if events else None


@pytest.mark.parametrize(
    "text, event, actor, recipient",
    [
        ("Russia transferred missile technology to North Korea.", "AID", "RUS", "PRK"),
        ("Finland gave Tanzania a grant of 10 million dollars.", "AID", "FIN", "TZA"),
        ("Seoul provided Ukraine with humanitarian aid.", "AID", "KOR", "UKR"),
        ("North Korean soldiers received Russian military supplies.", "AID", "RUS", "PRK-MIL"),
        ("Pyongyang deployed 3,000 troops to Russia.", "MOBILIZE", "PRK", "RUS"),
        ("The Japanese prime minister visited Beijing on Monday.", "CONSULT", "JPN", "CHN"),
        ("Egyptian officials held talks with Israel.", "CONSULT", "EGY", "ISR"),
        ("The United States imposed sanctions on Iran.", "SANCTION", "USA", "IRN"),
        ("Italy announced a suspension of air links with Serbia.", "SANCTION", "ITA", "SRB"),
        ("Switzerland expelled two Russian diplomats.", "SANCTION", "CHE", "RUS"),
        ("Zimbabwe accused the United States of blackmail.", "ACCUSE", "ZWE", "USA"),
        ("Bangladesh rejected an Indian proposal for a trade pact.", "REJECT", "BGD", "IND"),
        ("Iran threatened to attack Iraq.", "THREATEN", "IRN", None),
        ("China demanded that the US cancel the arms sale.", "REQUEST", "CHN", None),
        ("Israeli soldiers arrested 100 Palestinians.", "COERCE", "ISR-MIL", "PSE"),
        ("Russian forces shelled Kharkiv.", "ASSAULT", "RUS-MIL", None),
        ("A camp was attacked by Burundian militiamen.", "ASSAULT", "BDI", None),
        ("Thousands of Iraqi Kurds demonstrated in Kirkuk.", "PROTEST", "IRQ", None),
        ("Britain mobilized army reservists.", "MOBILIZE", "GBR", None),
        ("Israel lifted the blockade on Gaza.", "RETREAT", "ISR", "PSE"),
        ("French and Egyptian warships held joint exercises.", "COOPERATE", "FRA-MIL", None),
        ("Hungary praised Romania's reforms.", "SUPPORT", "HUN", "ROU"),
        ("Libya agreed to hand over the suspects.", "AGREE", "LBY", None),
    ],
)
def test_main_event(text: str, event: str, actor: str | None, recipient: str | None) -> None:
    main = _main(text)
    assert main is not None
    assert (main.event, main.actor, main.recipient) == (event, actor, recipient)


@pytest.mark.parametrize(
    "text",
    [
        "The weather was mild on Sunday.",
        "The museum opened a new wing for modern art.",
        "Prices rose by two percent last month.",
        "The ministry released a video on social media.",
        "",
    ],
)
def test_nothing_found(text: str) -> None:
    assert analyze(text).events == []


@pytest.mark.parametrize(
    "text, objects",
    [
        ("Moscow may transfer critical technologies to Pyongyang, including re-entry "
         "technology, strategic nuclear submarines, or satellite technology.",
         {"re-entry technology", "strategic nuclear submarines", "satellite technology"}),
        ("The transfer of key nuclear technologies from Russia to North Korea worries Seoul.",
         {"key nuclear technologies"}),
        ("Seoul is considering the provision of lethal weapons to Ukraine.", {"lethal weapons"}),
    ],
)
def test_objects_change_hands(text: str, objects: set[str]) -> None:
    transfers = [e for e in analyze(text).events if e.event == "AID"]
    assert transfers, "no transfer found"
    assert objects <= set(transfers[0].objects)


@pytest.mark.parametrize(
    "text, actor, recipient",
    [
        ("North Korea's troop deployment alarmed Seoul.", "PRK", None),
        ("The transfer of nuclear technology from Russia to North Korea was reported.", "RUS", "PRK"),
        ("Seoul may consider imposing economic sanctions on Russia.", "KOR", "RUS"),
    ],
)
def test_eventive_nouns(text: str, actor: str, recipient: str | None) -> None:
    events = analyze(text).events
    assert any(e.actor == actor and e.recipient == recipient for e in events), events


def test_size_mode_and_context() -> None:
    event = _main("North Korea sent approximately 10,000 soldiers to Russia.")
    assert event is not None
    assert event.size == 10000 and event.size is not None
    assert (event.size.unit, event.size.qualifier) == ("soldiers", "approximate")
    assert event.mode == "military"


def test_context_of_technology_transfer() -> None:
    event = _main("Russia transferred nuclear submarine technology to North Korea.")
    assert event is not None
    assert {"technology", "cbrn", "military"} <= set(event.context)


def test_unknown_actor_kept_as_text() -> None:
    event = _main("The rebels attacked the convoy.")
    assert event is not None
    assert event.actor is None and event.actor_text == "rebels"


@pytest.mark.parametrize(
    "text",
    [
        "If Russia transfers missile technology to North Korea, Seoul will respond.",
        "Russia did not transfer missile technology to North Korea.",
        "Russia may transfer missile technology to North Korea.",
        "It is unclear whether Russia transferred missile technology to North Korea.",
    ],
)
def test_hypothetical_or_denied_never_happened(text: str) -> None:
    transfers = [e for e in analyze(text).events if e.event == "AID"]
    assert transfers
    assert all(e.factuality_label not in {"confirmed", "reported"} for e in transfers)


@pytest.mark.xfail(reason="statements of intent are coded as the intended action, not AGREE")
def test_intent_is_agree() -> None:
    event = _main("Finland will give Tanzania a grant.")
    assert event is not None and event.event == "AGREE"


@pytest.mark.xfail(reason="'X said Y must do Z' is not yet coded as a demand by X")
def test_must_is_a_demand() -> None:
    event = _main("Russia said that Sudan must return the helicopter.")
    assert event is not None and (event.event, event.actor) == ("REQUEST", "RUS")
