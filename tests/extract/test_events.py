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
        ("Norway gave Malawi a grant of 12 million dollars.", "AID", "NOR", "MWI"),
        ("Seoul provided Ukraine with humanitarian aid.", "AID", "KOR", "UKR"),
        ("North Korean soldiers received Russian military supplies.", "AID", "RUS", "PRK-MIL"),
        ("Pyongyang deployed 3,000 troops to Russia.", "MOBILIZE", "PRK", "RUS"),
        ("The Japanese prime minister visited Beijing on Monday.", "CONSULT", "JPN", "CHN"),
        ("Egyptian officials held talks with Israel.", "CONSULT", "EGY", "ISR"),
        ("The United States imposed sanctions on Iran.", "SANCTION", "USA", "IRN"),
        ("Austria announced a suspension of rail links with Belarus.", "SANCTION", "AUT", "BLR"),
        ("Switzerland expelled two Russian diplomats.", "SANCTION", "CHE", "RUS"),
        ("Zambia accused Britain of bullying.", "ACCUSE", "ZMB", "GBR"),
        ("Nepal rejected a Chinese proposal for a rail link.", "REJECT", "NPL", "CHN"),
        ("Iran threatened to attack Iraq.", "THREATEN", "IRN", "IRQ"),
        ("China demanded that Japan call off the radar deal.", "REQUEST", "CHN", "JPN"),
        ("Israeli soldiers arrested 100 Palestinians.", "COERCE", "ISR-MIL", "PSE"),
        ("Russian forces shelled Kharkiv.", "ASSAULT", "RUS-MIL", "UKR"),  # the city's state
        ("A village was attacked by Chadian gunmen.", "ASSAULT", "TCD", None),
        ("Hundreds of Kenyan farmers demonstrated in Eldoret.", "PROTEST", "KEN", None),
        ("Britain mobilized army reservists.", "MOBILIZE", "GBR", None),
        ("Israel lifted the blockade on Gaza.", "RETREAT", "ISR", "PSE"),
        # parties of an act done with one another: the first with the others
        ("French and Egyptian warships held joint exercises.", "COOPERATE", "FRA-MIL",
         "EGY-MIL"),
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
        ("Beijing may transfer sensitive technologies to Tehran, including guidance "
         "systems, drone engines, or radar equipment.",
         {"guidance systems", "drone engines", "radar equipment"}),
        ("The transfer of sensitive missile technologies from Iran to Russia worries Kyiv.",
         {"sensitive missile technologies"}),
        ("Tokyo is weighing the provision of patrol boats to Manila.", {"patrol boats"}),
    ],
)
def test_objects_change_hands(text: str, objects: set[str]) -> None:
    transfers = [e for e in analyze(text).events if e.event == "AID"]
    assert transfers, "no transfer found"
    assert objects <= set(transfers[0].objects)


@pytest.mark.parametrize(
    "text, actor, recipient",
    [
        ("Belarus's troop deployment alarmed Vilnius.", "BLR", None),
        ("The transfer of nuclear technology from Moscow to Pyongyang was reported.", "RUS", "PRK"),
        ("Canberra may consider imposing trade sanctions on Iran.", "AUS", "IRN"),
    ],
)
def test_eventive_nouns(text: str, actor: str, recipient: str | None) -> None:
    events = analyze(text).events
    assert any(e.actor == actor and e.recipient == recipient for e in events), events


def test_size_mode_and_context() -> None:
    event = _main("Pyongyang sent approximately 4,000 soldiers to Russia.")
    assert event is not None
    assert event.size == 4000 and event.size is not None
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
        ("Norway will give Malawi a loan.", "AGREE", "AID", "NOR", "MWI"),
        ("Ethiopia says it is now willing to withdraw its soldiers from Somalia.",
         "AGREE", "RETREAT", "ETH", "SOM"),
        ("Chile has announced it will support the plan.", "AGREE", "SUPPORT", "CHL", None),
        ("Rebel leaders in Angola said they would meet the Portuguese envoy.",
         "AGREE", "CONSULT", "AGO", "PRT"),
        ("The opposition has warned it will boycott the vote in Togo unless the president "
         "resigns.", "THREATEN", "PROTEST", "TGO", "TGO"),
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
    "text, action, contrast",
    [
        # a prediction, not intent; the actor's own words are
        ("Analysts said Russia will send more troops next year.", "MOBILIZE",
         "Russia said it will send more troops next year."),
        # weighing is not promising
        ("Seoul will consider sending weapons to Ukraine.", "AID",
         "Seoul promised to send weapons to Ukraine."),
        ("Ethiopia is not willing to withdraw its soldiers from Somalia.", "RETREAT",
         "Ethiopia is willing to withdraw its soldiers from Somalia."),
        # the measure is the event, not a promise
        ("Canada announced it would prohibit all arms sales to the junta.", "COERCE",
         "Canada announced it would support the junta."),
    ],
)
def test_no_statement_of_intent(text: str, action: str, contrast: str) -> None:
    """The action is read, without a statement of intent; the same words with an intent
    the actor states give one."""
    found = {e.event for e in analyze(text).events}
    assert action in found and not found & {"AGREE", "THREATEN"}, found
    assert {e.event for e in analyze(contrast).events} & {"AGREE", "THREATEN"}


@pytest.mark.parametrize(
    "text, actor, recipient",
    [
        ("Russia said that Sudan must return the helicopter.", "RUS", "SDN"),
        ("France said on Monday that Mali and the rebels in the north must sign a truce.",
         "FRA", "MLI"),
        ("The PRC on Thursday demanded that Japan drop plans to sell radars to Manila.",
         "CHN", "JPN"),
        ("Latvia's parliament has demanded a prompt apology by Minsk for the arrests.",
         "LVA", "BLR"),
        ("The WHO renewed its demand today that Egypt lift the limits on aid convoys.",
         "IGO", "EGY"),
    ],
)
def test_demands(text: str, actor: str, recipient: str) -> None:
    main = _main(text)
    assert main is not None
    assert (main.event, main.actor, main.recipient) == ("REQUEST", actor, recipient)


@pytest.mark.parametrize(
    "text, contrast",
    [
        # its own duty, asked of no one; a duty it puts on another actor is a demand
        ("Russia said it must respond to the provocation.",
         "Russia said that Sudan must respond to the provocation."),
        # an opinion of no actor; the same words from a government are a demand
        ("A professor said Seoul should be careful.", "Japan said Seoul should be careful."),
        ("Prices should fall next year, the ministry said.",
         "Japan said Seoul should lower its prices next year."),
    ],
)
def test_no_demand(text: str, contrast: str) -> None:
    assert "REQUEST" not in {e.event for e in analyze(text).events}
    assert "REQUEST" in {e.event for e in analyze(contrast).events}


@pytest.mark.parametrize(
    "text, recipient",
    [
        ("China has threatened to halt the talks if Japan goes ahead with the missile "
         "tests.", "JPN"),
        ("The Armenian parliament threatened to cut ties with Iran.", "IRN"),
        ("President Macron has threatened new measures against Iran.", "IRN"),
        ("Kurds blamed Turkey for the shelling near the border.", "TUR"),
        ("Brazil has refused to deploy monitors in Haiti.", "HTI"),
        ("Vienna rejected fresh calls by Serbia for budget support.", "SRB"),
    ],
)
def test_implied_recipients(text: str, recipient: str) -> None:
    main = _main(text)
    assert main is not None and main.recipient == recipient


@pytest.mark.parametrize("text, event, actors", [
    ("Senior Czech and Slovak officials condemned the attack.", "ACCUSE", {"CZE", "SVK"}),
    ("Russia and China sent troops to the border.", "MOBILIZE", {"RUS", "CHN"}),
    ("Czech officials agreed on Monday to cooperate.", "AGREE", {"CZE"}),
])
def test_compound_actor_in_the_main_event(text: str, event: str, actors: set[str]) -> None:
    """One event record per actor: each actor of a compound subject has the main event."""
    assert {e.actor for e in analyze(text).events if e.event == event} == actors
