"""Which reading of a trigger applies: phrasal verbs ("call on", "call off", "back down"),
prepositions that only date the act ("on Monday"), what a preposition governs ("go on
strike"), and the acts of giving way (PLOVER's CONCEDE and RETREAT, the draft's YIELD)."""

from __future__ import annotations

import pytest

from redline.extract import analyze

PUBLISHED = "2025-06-01"


def _main(text: str) -> tuple[str | None, str | None]:
    events = analyze(text, published=PUBLISHED).events
    return (events[0].event, events[0].cameo) if events else (None, None)


def _types(text: str) -> set[str]:
    return {e.event for e in analyze(text, published=PUBLISHED).events}


@pytest.mark.parametrize(
    "text, event, cameo",
    [
        # "call on" asks; "call off" ends a protest or a fight.
        ("The European Union called on Iran to free the French tourists.", "REQUEST", "100"),
        ("Kenyan teachers called off their strike after the pay deal.", "CONCEDE", "082"),
        ("The Syrian army called off its offensive near Idlib.", "RETREAT", "087"),
        # A day between the verb and its own preposition does not hide the preposition.
        ("Germany called on Monday for a ceasefire in Sudan.", "REQUEST", "100"),
        ("Russian soldiers pushed into Ukraine on Monday.", "MOBILIZE", "154"),
        ("Kenya talked with Somalia on Tuesday.", "CONSULT", "040"),
        ("Russian troops operated in Kursk.", "MOBILIZE", "154"),
        # A particle the parse took for an adverb or a preposition.
        ("The Serbian government backed down after weeks of protests.", "CONCEDE", "080"),
        ("Israeli forces pulled back from the Lebanese border.", "RETREAT", "087"),
        ("The Armenian prime minister stepped down after the protests.", "RETREAT", "0832"),
        ("Greek dockers walked out over pay.", "PROTEST", "143"),
    ],
)
def test_phrasal_readings(text: str, event: str, cameo: str) -> None:
    assert _main(text) == (event, cameo)


@pytest.mark.parametrize(
    "text, wrong",
    [
        # A preposition whose object only names a time selects no reading.
        ("The German chancellor called on Friday.", "REQUEST"),
        ("The Russian ambassador called upon Monday.", "REQUEST"),
        ("Russian troops operated in March.", "MOBILIZE"),
        ("Russian troops operated in the spring.", "MOBILIZE"),
        ("Russian troops operated in 2023.", "MOBILIZE"),
        ("Russian troops were operating in the morning.", "MOBILIZE"),
        # "go on", "take to" without a protest's words.
        ("The talks went on for hours.", "PROTEST"),
        ("The minister went on television on Sunday.", "PROTEST"),
        ("The delegation took to the podium in Geneva.", "PROTEST"),
        # Going back somewhere gives nothing back.
        ("Kenyan troops returned to their barracks.", "RETREAT"),
        ("The Kenyan president cancelled the concert.", "REJECT"),
        # Backing a proposal is support, not giving way.
        ("The Hungarian government backed the Polish proposal.", "CONCEDE"),
    ],
)
def test_no_reading_from_a_time_or_a_bare_phrase(text: str, wrong: str) -> None:
    assert wrong not in _types(text)


@pytest.mark.parametrize(
    "text, event, cameo",
    [
        ("The Belarusian president pardoned 30 political prisoners.", "RETREAT", "0841"),
        ("The Egyptian president pardoned the jailed activist on Sunday.", "RETREAT", "0841"),
        ("The Tunisian government granted an amnesty to hundreds of protesters.",
         "RETREAT", "0841"),
        ("Russia returned 40 Ukrainian prisoners of war.", "RETREAT", "0841"),
        ("France returned the looted bronzes to Benin.", "RETREAT", "0842"),
        ("Hamas handed over three hostages to the Red Cross.", "RETREAT", "0841"),
        ("Ukraine and Russia exchanged prisoners on Friday.", "RETREAT", "0841"),
        ("Russia pulled its troops out of Kherson.", "RETREAT", "087"),
        ("Britain reduced its forces in Iraq.", "RETREAT", "087"),
        ("The United States reduced tariffs on Mexican steel.", "RETREAT", "085"),
        ("Japan cut tariffs on Australian beef.", "RETREAT", "085"),
        ("The Sudanese army granted access to the UN inspectors.", "RETREAT", "086"),
        ("Egypt granted permission to the aid convoy to enter Gaza.", "CONCEDE", "080"),
        ("Turkey dropped its objection to Finland's membership.", "CONCEDE", "080"),
        ("Moscow backed off from its demand for a new vote.", "CONCEDE", "080"),
        # Something held given back to someone, whatever it is.
        ("The Dutch government returned the stolen painting to Peru.", "RETREAT", "0842"),
        ("The United States rolled back tariffs on Chinese goods.", "CONCEDE", "081"),
        ("The Kenyan government reversed its decision to ban the protests.", "CONCEDE", "080"),
        ("The Indian parliament repealed the farm laws.", "CONCEDE", "081"),
        ("Israel declared a cessation of hostilities in Gaza.", "RETREAT", "0871"),
        # A meeting cancelled or called off is rejected.
        ("The Kenyan president cancelled his visit to Washington.", "REJECT", "125"),
        ("Japan called off the summit with South Korea.", "REJECT", "125"),
    ],
)
def test_giving_way(text: str, event: str, cameo: str) -> None:
    assert _main(text) == (event, cameo)


@pytest.mark.parametrize(
    "text, event, cameo",
    [
        # Cutting aid or ties is a sanction, whatever else "reduce" and "cut" do.
        ("The United States reduced military aid to Egypt.", "SANCTION", "160"),
        ("Ukraine and Russia exchanged information on the dam.", "COOPERATE", "064"),
        ("The Hungarian government backed the Polish proposal.", "SUPPORT", "050"),
    ],
)
def test_the_other_readings_of_the_same_verbs(text: str, event: str, cameo: str) -> None:
    assert _main(text) == (event, cameo)


@pytest.mark.parametrize(
    "text, event, cameo",
    [
        ("Thousands of Kenyan nurses went on strike over pay.", "PROTEST", "143"),
        ("French farmers went on hunger strike outside the ministry.", "PROTEST", "142"),
        ("Nigerian workers took to the streets of Lagos.", "PROTEST", "141"),
        ("Kenyan doctors struck over unpaid wages.", "PROTEST", "143"),
        ("Israeli jets struck Hezbollah positions in Lebanon.", "ASSAULT", "190"),
    ],
)
def test_joining_a_protest(text: str, event: str, cameo: str) -> None:
    assert _main(text) == (event, cameo)


@pytest.mark.parametrize(
    "text, event, cameo",
    [
        ("The ACLU filed a lawsuit against the FBI.", "ACCUSE", "115"),
        ("A Kenyan lawyer filed a complaint against the police with the UN.", "ACCUSE", "114"),
        ("Brazilian prosecutors filed charges against the former president.", "ACCUSE", "112"),
        ("Kenyan police brought charges against the opposition leader.", "ACCUSE", "112"),
        ("The family pressed charges against the soldiers.", "ACCUSE", "112"),
        ("The court convicted the Kenyan minister of fraud.", "ACCUSE", "116"),
        # Support pledged or promised is support; a pledge to act is an intention.
        ("Hungary pledged its full support for the Polish initiative.", "SUPPORT", "050"),
        ("Japan promised its backing for the Philippine plan.", "SUPPORT", "050"),
        ("Germany pressed Russia to release the journalist.", "REQUEST", "100"),
    ],
)
def test_legal_action_and_pledged_support(text: str, event: str, cameo: str) -> None:
    assert _main(text) == (event, cameo)


@pytest.mark.parametrize(
    "text",
    [
        "The president was in charge of the army.",
        "The minister filed his tax return.",
        "Finland filed a report on Russian sabotage.",
    ],
)
def test_filing_and_charge_without_legal_action(text: str) -> None:
    assert "ACCUSE" not in _types(text)


def test_found_guilty_is_a_legal_accusation() -> None:
    assert _main("A Danish court found the former minister guilty of fraud.")[0] == "ACCUSE"


@pytest.mark.parametrize(
    "text, event, cameo",
    [
        ("The Kenyan government outlawed the opposition party.", "COERCE", "1722"),
        ("The Thai army declared martial law in Bangkok.", "COERCE", "1724"),
        ("The European Union gave Belarus a one-week deadline to free the detained pilot.",
         "THREATEN", "139"),
        ("The African Union set Mali a 30-day deadline to hold elections.", "THREATEN", "139"),
        ("The United States issued a warning to Venezuela over the election.",
         "THREATEN", "130"),
        ("Germany gave Ukraine new air defence systems.", "AID", "070"),
        ("Israel declared a ceasefire in Gaza.", "RETREAT", "0871"),
    ],
)
def test_bans_emergencies_and_ultimatums(text: str, event: str, cameo: str) -> None:
    assert _main(text) == (event, cameo)


@pytest.mark.parametrize(
    "text",
    ["The weather service issued a flood warning for Lagos.",
     "The team set a new record in Nairobi."],
)
def test_a_hazard_warning_or_a_record_threatens_no_one(text: str) -> None:
    assert "THREATEN" not in _types(text)


@pytest.mark.parametrize(
    "text, event, cameo",
    [
        ("Norway contributed $20 million to the Sudan relief fund.", "AID", "070"),
        ("Canada accepted 2,000 Afghan refugees last year.", "AID", "075"),
        ("Poland opened its borders to Ukrainian refugees.", "AID", "075"),
        ("The United States handed over medical equipment to the Kenyan health ministry.",
         "AID", "070"),
        ("The military junta handed over power to a civilian government.", "CONCEDE", "0831"),
        ("Kenya opened talks with Somalia.", "CONSULT", "040"),
    ],
)
def test_aid_given_and_power_handed_over(text: str, event: str, cameo: str) -> None:
    assert _main(text) == (event, cameo)


def test_contributing_to_a_trend_gives_nothing() -> None:
    assert _types("Rising prices contributed to the decline of the party.") == set()
