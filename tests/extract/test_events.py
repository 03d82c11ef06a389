"""Events: who did what to whom, from sentences."""

from __future__ import annotations

import pytest

from redline.extract import analyze
from redline.records import HAPPENED_LABELS, Event


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
        ("Iran threatened to attack Iraq.", "THREATEN", "IRN", "IRQ"),
        ("China demanded that the US cancel the arms sale.", "REQUEST", "CHN", "USA"),
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


@pytest.mark.parametrize(
    "text, statement, action, actor, recipient",
    [
        ("Finland will give Tanzania a grant.", "AGREE", "AID", "FIN", "TZA"),
        ("Syria says it is willing to withdraw its troops from Lebanon.",
         "AGREE", "RETREAT", "SYR", "LBN"),
        ("Hungary has said it will support the plan.", "AGREE", "SUPPORT", "HUN", None),
        ("Rebel leaders in Angola said they would meet the Portuguese envoy.",
         "AGREE", "CONSULT", "AGO", "PRT"),
        ("The party has said it will boycott the elections in Algeria unless the president "
         "resigns.", "THREATEN", "PROTEST", "DZA", "DZA"),
        ("Iran said it would attack Iraq.", "THREATEN", "ASSAULT", "IRN", "IRQ"),
    ],
)
def test_stated_intent_is_an_event(text: str, statement: str, action: str, actor: str | None,
                                   recipient: str | None) -> None:
    """The statement comes first, with the factuality of the statement; the intended action
    follows as its own event that has not happened."""
    events = analyze(text).events
    assert events, "nothing found"
    main = events[0]
    assert (main.event, main.actor, main.recipient) == (statement, actor, recipient)
    assert main.factuality_label in HAPPENED_LABELS
    intended = [e for e in events if e.event == action]
    assert intended, events
    assert all(e.factuality_label not in HAPPENED_LABELS for e in intended)


@pytest.mark.parametrize(
    "text, event",
    [
        ("Mexico vowed to help Guatemala after the floods.", "AGREE"),
        ("Mexico vowed to attack the cartels.", "THREATEN"),
        ("Libya offered to hand over the two suspects to Britain.", "AGREE"),
    ],
)
def test_promise_takes_the_type_of_what_is_promised(text: str, event: str) -> None:
    main = _main(text)
    assert main is not None and main.event == event


@pytest.mark.parametrize(
    "text",
    [
        "Analysts said Russia will send more troops next year.",   # a prediction, not intent
        "Seoul will consider sending weapons to Ukraine.",         # weighing is not promising
        "Syria is not willing to withdraw its troops from Lebanon.",
        "The United States announced it would prohibit all aid to the rebels.",  # the measure
    ],
)
def test_no_statement_of_intent(text: str) -> None:
    assert all(e.event not in {"AGREE", "THREATEN"} for e in analyze(text).events)


@pytest.mark.parametrize(
    "text, actor, recipient",
    [
        ("Russia said that Sudan must return the helicopter.", "RUS", "SDN"),
        ("Britain said on Friday that Sudan and the rebels in Darfur must reach an agreement.",
         "GBR", "SDN"),
        ("The PRC on Tuesday demanded that the US cancel plans to sell weapons to Taiwan.",
         "CHN", "USA"),
        ("Poland's parliament has demanded an immediate admission by Moscow of the killings.",
         "POL", "RUS"),
        ("The ILO reiterated its demand today that Israel ease restrictions on workers.",
         "IGO", "ISR"),
    ],
)
def test_demands(text: str, actor: str, recipient: str) -> None:
    main = _main(text)
    assert main is not None
    assert (main.event, main.actor, main.recipient) == ("REQUEST", actor, recipient)


@pytest.mark.parametrize(
    "text",
    [
        "Russia said it must respond to the provocation.",   # its own duty, asked of no one
        "A professor said Seoul should be careful.",          # an opinion of no actor
        "Prices should fall next year, the ministry said.",
    ],
)
def test_no_demand(text: str) -> None:
    assert all(e.event != "REQUEST" for e in analyze(text).events)


@pytest.mark.parametrize(
    "text, recipient",
    [
        ("Russia has threatened to stop negotiations if the United States goes ahead with "
         "the deployment.", "USA"),
        ("The Azerbaijani parliament threatened to break relations with Russia.", "RUS"),
        ("President Bush has threatened further action against Russia.", "RUS"),
        ("Palestinians blamed Israel for the bombing in the West Bank.", "ISR"),
        ("Pakistan has refused to deploy peacekeepers in Iraq.", "IRQ"),
        ("Berlin rejected recent calls by Belarus for economic aid.", "BLR"),
    ],
)
def test_implied_recipients(text: str, recipient: str) -> None:
    main = _main(text)
    assert main is not None and main.recipient == recipient


@pytest.mark.xfail(reason="one event record per actor: the main event names only the first")
def test_compound_actor_in_the_main_event() -> None:
    main = _main("Senior Hungarian and Romanian officials agreed on Wednesday to cooperate.")
    assert main is not None and {main.actor} == {"HUN", "ROU"}
