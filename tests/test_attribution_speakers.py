"""Who speaks: subjects and the parse repairs that find them (claimtrack.attribution.speakers).

Every text here is written for these tests; spaCy's small English pipeline parses them.
"""

from __future__ import annotations

import pytest

from conftest import triples

CASES = [
    pytest.param(
        "Hugh Hill, a doctor, said the two men had been treated.",
        [("Hugh Hill, a doctor", "said", ["the two men had been treated"])],
        id="appositive-source",
    ),
    pytest.param(
        "Local police spokesman Sergeant Tom Reed told the Herald that nobody was hurt.",
        [("Local police spokesman Sergeant Tom Reed", "told", ["nobody was hurt"])],
        id="titled-source-not-the-outlet",
    ),
    pytest.param(
        "In a post on Facebook, the press office of Chile's navy said two ships had been damaged.",
        [("the press office of Chile's navy", "said", ["two ships had been damaged"])],
        id="speaker-after-an-opening-phrase",
    ),
    pytest.param(
        "The mayor said at least five people had been killed and urged residents to stay in shelters.",
        [
            ("The mayor", "said", ["at least five people had been killed"]),
            ("The mayor", "urged", ["residents to stay in shelters"]),
        ],
        id="second-report-hung-inside-the-first",
    ),
    pytest.param(
        # "put" reports only a figure put at something: here it is an act of the reported clause, its "had" shared.
        "The military said it had scrambled fighter jets and put ground-based air defences on alert as the drones approached.",
        [
            (
                "The military",
                "said",
                ["it had scrambled fighter jets and put ground-based air defences on alert as the drones approached"],
            )
        ],
        id="an-act-that-only-reports-an-estimate-stays-in-the-clause",
    ),
    pytest.param(
        "Nearly 7 in 10 say they want the council to build more housing.",
        [("Nearly 7 in 10", "say", ["they want the council to build more housing"])],
        id="poll-share-as-source",
    ),
    pytest.param(
        "Ukraine's General Staff reported 1,340 Russian casualties over the past day, figures that Moscow does not confirm.",
        [("Ukraine's General Staff", "reported", ["1,340 Russian casualties"])],
        id="noun-read-as-a-verb-after-a-comma",
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_speakers_find_source_cue_content(nlp, text, expected):
    assert triples(nlp, text) == expected


# Parse repairs: each sentence below is one the small pipeline misparses in
# the way the rule named in the test repairs (checked by disabling the rule).


def test_speakers_name_before_the_verb_attached_to_an_opening_phrase(nlp):
    # _subject_by_position: "Trump" parsed as the object of "with the board".
    text = "In a meeting with the board Trump said that the plan would work."
    assert triples(nlp, text) == [("Trump", "said", ["the plan would work"])]


@pytest.mark.parametrize(
    "text, source",
    [
        (
            "In Lisbon, Portugal's finance minister, Rui Tavares, said the budget would balance next year.",
            "Portugal's finance minister, Rui Tavares",
        ),
        (
            "In Nairobi, the country's health minister, Grace Otieno, said two clinics had closed.",
            "the country's health minister, Grace Otieno",
        ),
    ],
)
def test_speakers_title_and_name_after_an_opening_place_are_the_source(nlp, text, source):
    # _named_appositive: the title and the name are parsed as appositives of the place; the verb has no subject.
    assert [found[:2] for found in triples(nlp, text)] == [(source, "said")]


def test_temporal_appositive_is_never_the_source(nlp):
    text = "On Tuesday, the fourth anniversary of the flood, the governor noted that most of the dams had been rebuilt."
    assert triples(nlp, text) == [("the governor", "noted", ["most of the dams had been rebuilt"])]


def test_trailing_participle_after_a_report_is_the_reporters(nlp):
    # _reporter_of_trailing_participle: "acknowledging" parsed as a modifier of "depends".
    text = "The mayor said the outcome depends on the weather, acknowledging the risk of delays in the spring."
    assert triples(nlp, text) == [
        ("The mayor", "said", ["the outcome depends on the weather"]),
        ("The mayor", "acknowledging", ["the risk of delays in the spring"]),
    ]


def test_trailing_participle_of_an_act_gives_no_second_claim(nlp):
    text = "The mayor said the team won the final, beating the rivals by three goals."
    assert triples(nlp, text) == [("The mayor", "said", ["the team won the final, beating the rivals by three goals"])]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“Stop filming now,” the guard is heard saying.", [("the guard", "saying", ["Stop filming now"])]),
        ("The guard was heard saying that the gate was locked.", [("The guard", "saying", ["the gate was locked"])]),
    ],
)
def test_participle_under_a_passive_of_perception_is_its_subjects_speech(nlp, text, expected):
    assert triples(nlp, text) == expected


def test_passive_subject_seen_acting_is_no_source(nlp):
    assert triples(nlp, "The guard was seen leaving the gate.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The guard was told that the gate was locked.", [(None, "was told", ["the gate was locked"])]),
        ("Residents were warned that the dam could fail.", [(None, "were warned", ["the dam could fail"])]),
        ("He was told by officials that the road was closed.", [("officials", "was told", ["the road was closed"])]),
    ],
)
def test_the_one_told_is_no_source_and_who_told_is_named_or_not(nlp, text, expected):
    assert triples(nlp, text) == expected


def test_told_to_do_something_is_an_order_not_a_claim(nlp):
    assert triples(nlp, "The soldiers were told to stay in their barracks.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The court heard that the sights were repackaged at a rented unit.",
            [(None, "heard", ["the sights were repackaged at a rented unit"])],
        ),
        ("Arms dealer 'shipped sights to Russia', court told", [(None, "told", ["Arms dealer 'shipped sights to Russia'"])]),
        ("The court told the defendant he would be jailed.", [("The court", "told", ["he would be jailed"])]),
    ],
)
def test_a_court_hearing_or_being_told_is_no_source(nlp, text, expected):
    assert triples(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Navarro, asked Wednesday whether Democrats would accept any cuts, said her caucus was open to talks.",
            [(None, "asked", ["whether Democrats would accept any cuts"]), ("Navarro", "said", ["her caucus was open to talks"])],
        ),
        (
            "Peskov, asked about the report, said it was false.",
            [("Peskov", "said", ["it was false"])],  # the report asked about is a topic, no claim
        ),
        (
            "The minister, asked whether troops would withdraw, said no decision had been made.",
            [(None, "asked", ["whether troops would withdraw"]), ("The minister", "said", ["no decision had been made"])],
        ),
        ("Trump asked whether the deal was done.", [("Trump", "asked", ["whether the deal was done"])]),
    ],
)
def test_a_question_put_between_commas_leaves_the_subject_to_the_report(nlp, text, expected):
    assert triples(nlp, text) == expected


def test_participle_takes_the_subject_found_by_position_for_its_verb(nlp):
    # "rejected" has no subject in the parse (see _named_appositive); "calling", its advcl, inherits the one found.
    text = (
        "In Bishkek, Kyrgyzstan's economy minister, Bakyt Sadyrov, rejected accusations that Kyrgyz firms were "
        're-exporting Western machine tools to Russian arms makers, calling them "politically motivated."'
    )
    assert [found[:2] for found in triples(nlp, text)] == [
        ("Kyrgyzstan's economy minister, Bakyt Sadyrov", "rejected"),
        ("Kyrgyzstan's economy minister, Bakyt Sadyrov", "calling"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Tolliver opened by declaring that the country was losing jobs to Mexico.",
            [("Tolliver", "declaring", ["the country was losing jobs to Mexico"])],
        ),
        ("“That's a lie,” Tolliver said.", [("Tolliver", "said", ["That's a lie"])]),
    ],
)
def test_a_surname_the_tagger_reads_as_an_adverb_is_still_the_speaker(nlp, text, expected):
    assert triples(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Devon Price, a 29-year-old bartender, said he doubts either candidate has a plan.",
            ("Devon Price, a 29-year-old bartender", "said", ["he doubts either candidate has a plan"]),
        ),
        (
            "“Rent is the actual emergency in this city,” Price said.",
            ("Price", "said", ["Rent is the actual emergency in this city"]),
        ),
    ],
)
def test_a_name_that_is_also_a_word_for_no_source_is_a_source(nlp, text, expected):
    assert expected in triples(nlp, text)


def test_a_thing_that_cannot_speak_is_still_no_source(nlp):
    assert triples(nlp, "The price said nothing about the market.") == []


def test_a_name_the_tagger_read_as_an_adjective_of_the_verb_is_the_speaker(nlp):
    text = "Kyiv claims to have destroyed 40 tanks in the past week."
    assert triples(nlp, text) == [("Kyiv", "claims", ["to have destroyed 40 tanks in the past week"])]


def test_an_aside_the_parser_hung_on_the_speaker_is_no_part_of_the_source(nlp):
    # The parser made "a claim Kyiv denies" an appositive of "The army": the source was "army".
    text = "The army said it had hit a depot, a claim Kyiv denies."
    assert triples(nlp, text) == [("The army", "said", ["it had hit a depot"])]


def test_a_plural_subject_parsed_as_a_compound_of_its_verb_is_the_speaker(nlp):
    text = "The group raised $6.5 million from four donors, the filings show, including $2.5 million from one company."
    assert triples(nlp, text) == [("filings", "show", ["The group raised $6.5 million from four donors"])]


@pytest.mark.parametrize(
    "text, source",
    [
        (
            "In a 1998 interview with the Grand Island Independent, Garrity, then a state senator, said that voters were tired.",
            "Garrity",
        ),
        ("After the meeting with Smith, Jones, the party leader, said the deal was dead.", "Jones, the party leader"),
    ],
)
def test_a_speaker_the_parser_made_an_apposition_to_the_opening_phrase_is_the_speaker(nlp, text, source):
    assert [(found, cue) for found, cue, _ in triples(nlp, text)] == [(source, "said")]


def test_a_website_can_be_a_source(nlp):
    text = "Last week a conservative website, the Harbour Ledger, reported that the mayor had received the questions in advance."
    assert [(source, cue) for source, cue, _ in triples(nlp, text)] == [
        ("a conservative website, the Harbour Ledger", "reported")
    ]


def test_a_speaker_described_by_a_relative_clause_closes_the_sentence(nlp):
    text = (
        "Fewer than 2,300 residents remain, most of them elderly, an official in the mayor's office, "
        "who asked not to be named because he was not authorised to speak to journalists, said."
    )
    assert triples(nlp, text) == [
        (
            "an official in the mayor's office, who asked not to be named because he was not authorised to speak to journalists",
            "said",
            ["Fewer than 2,300 residents remain, most of them elderly"],
        )
    ]


def test_the_content_never_runs_into_the_source_after_it(nlp):
    found = triples(nlp, "Fewer than 2,300 remain, an official in the mayor's office said.")
    assert found == [("an official in the mayor's office", "said", ["Fewer than 2,300 remain"])]


def test_whoever_is_convinced_holds_the_belief(nlp):
    text = "Zlata, 34, who runs the last open shop on the square, is convinced that the order will come within weeks."
    [(source, cue, content)] = triples(nlp, text)
    assert (source, content) == ("Zlata, 34, who runs the last open shop on the square", ["the order will come within weeks"])
    assert cue.endswith("convinced")


def test_whoever_is_persuaded_holds_the_belief(nlp):
    assert triples(nlp, "Officials were persuaded that the talks would fail.") == [
        ("Officials", "were persuaded", ["the talks would fail"])
    ]


def test_asking_that_a_name_be_withheld_is_no_claim(nlp):
    text = "Marta, a retired nurse from Kessel who asked that her last name not be used, said she voted for the mayor."
    assert [cue for _, cue, _ in triples(nlp, text)] == ["said"]


def test_a_speaker_named_with_of_phrases_after_the_claim(nlp):
    # The parser hangs "Ministry" on "Seravin" and finds "Valmora" as the last name before the verb.
    text = (
        "Two port workers were killed in an overnight drone attack on the port of Seravin, "
        "the Ministry of Foreign Affairs of Valmora said in a statement on Saturday."
    )
    assert triples(nlp, text) == [
        (
            "the Ministry of Foreign Affairs of Valmora",
            "said",
            ["Two port workers were killed in an overnight drone attack on the port of Seravin"],
        )
    ]


def test_a_report_parsed_as_a_conjunct_of_the_claim_has_its_own_speaker(nlp):
    text = (
        "KESSEL, February 14 (ANPA) - Two port workers were killed and three loading cranes were destroyed in an "
        "overnight drone attack on the grain terminal of the port of Seravin, the Ministry of Foreign Affairs of "
        "Valmora said in a statement on Saturday."
    )
    assert [(source, cue) for source, cue, _ in triples(nlp, text)] == [("the Ministry of Foreign Affairs of Valmora", "said")]


def test_asking_that_a_surname_not_be_published_is_no_claim(nlp):
    text = (
        "Zoryana, 41, a teacher, asked her surname not be used because her husband is still there, "
        "and said the shelling had stopped."
    )
    assert [cue for _, cue, _ in triples(nlp, text)] == ["said"]


@pytest.mark.parametrize(
    "text",
    [
        "The spokeswoman confirmed that an exchange of prisoners took place on Tuesday and said further exchanges "
        "were under discussion.",
        "The governor said a fire broke out at the depot and said three workers were hurt.",
        'The railway said in a statement that the depot handled only freight and described the strike as "an attack."',
    ],
)
def test_a_second_report_joined_to_a_claim_about_a_thing_is_the_reporters(nlp, text):
    # the parser joins the second verb to the reported clause, whose subject (an exchange, a fire, the depot) says
    # nothing: both reports are the first subject's, and the first content stops before the second verb
    found = triples(nlp, text)
    (first_source, _, first_content), (second_source, second_cue, _) = found
    assert first_source == second_source == text.split(" said")[0].split(" confirmed")[0]
    assert second_cue not in " ".join(first_content)


def test_a_second_report_joined_to_a_claim_about_a_person_may_be_theirs(nlp):
    found = triples(nlp, "Officials said the mayor resigned and said the council would meet.")
    assert ("the mayor", "said", ["the council would meet"]) in found


def test_a_description_and_name_after_an_opening_phrase_speak(nlp):
    text = (
        "In a letter to the subcommittee that is reproduced in the report's appendix, a lawyer for the company, "
        "Ignaz Ferriby, wrote that the firm had complied with every term of its grant."
    )
    assert ("a lawyer for the company, Ignaz Ferriby", "wrote", ["the firm had complied with every term of its grant"]) in (
        triples(nlp, text)
    )


def test_the_first_noun_before_an_aside_speaks(nlp):
    text = (
        "Supporters, led by a coalition of unions and churches called Fair Shake Kessawa, say a full-time worker "
        "earning the minimum makes about $17,000 a year."
    )
    found = triples(nlp, text)
    assert [cue for _, cue, _ in found] == ["say"] and found[0][0].startswith("Supporters")


def test_a_question_put_first_is_not_the_speakers_name(nlp):
    text = (
        "Asked whether the state would go directly to the Supreme Court, Tennford's spokeswoman, Molly Kettridge, "
        'said only that the office would "have more to say next week."'
    )
    assert [source for source, _, _ in triples(nlp, text)] == ["Tennford's spokeswoman, Molly Kettridge"]


@pytest.mark.parametrize(
    "text, source, content",
    [
        (
            "The fight began in June.\n\n“We were wrong not to confront him from the start,” Ramos, 58, told AFP on Monday.",
            "Ramos, 58",
            "We were wrong not to confront him from the start",
        ),
        (
            "Alarmed by the unrest in Nevada, Senator Harry Reid, the minority leader, said that he spoke with Mr. Sanders.",
            "Senator Harry Reid, the minority leader",
            "he spoke with Mr. Sanders",
        ),
        (
            "''They were professionals, but also competitors,'' William M. Daley, President Obama's former chief of staff, "
            "said of their time in the administration.",
            "William M. Daley, President Obama's former chief of staff",
            "They were professionals, but also competitors",
        ),
    ],
)
def test_a_speaker_the_parser_hung_on_what_comes_before_still_speaks(nlp, text, source, content):
    assert [(s, c) for s, _, c in triples(nlp, text)] == [(source, [content])]


def test_a_quotation_before_a_speaker_with_words_the_parser_misread_keeps_its_speaker(nlp):
    text = (
        "The department is investigating.\n"
        "“I will just make this promise to you: We will achieve justice,” Tulsa police Chief Chuck Jordan said Monday."
    )
    found = triples(nlp, text)
    assert len(found) == 1 and found[0][0].endswith("Chief Chuck Jordan")
    assert found[0][2][0].endswith("I will just make this promise to you: We will achieve justice")


def test_a_participle_the_parser_made_the_root_passes_its_subject_to_the_report(nlp):
    text = (
        "But Sen. Mara J. Ostrand (D-Ore.), noting the size of Hallam's following, said, "
        '"Let me tell you, he\'s got a huge email list."'
    )
    found = triples(nlp, text)
    assert ("Sen. Mara J. Ostrand (D-Ore.)", "said", ["Let me tell you, he's got a huge email list."]) in found


def test_a_title_and_name_after_a_closing_quote_are_the_speaker_the_parser_hung_on_the_quote(nlp):
    text = (
        "“Each time this plant loses a line, it moves one step closer to a complete blackout,” "
        "the authority's director general, Kirsi Ravndal, said."
    )
    assert ("the authority's director general, Kirsi Ravndal", "said") in [(s, c) for s, c, _ in triples(nlp, text)]


def test_a_description_and_a_name_hung_on_the_claims_last_noun_are_the_speaker(nlp):
    text = (
        "The missile hit the surgical wing shortly after 10 a.m., while surgeons were operating on two children, "
        "the hospital's director, Dr. Iryslava Dovhopol, told reporters outside the building."
    )
    assert ("the hospital's director", "told") in [(s, c) for s, c, _ in triples(nlp, text)]


def test_a_participle_after_a_reported_clause_of_two_verbs_is_the_speakers(nlp):
    text = (
        'The spokesman said Moscow "has never interfered and does not interfere" in its affairs, calling the accusations'
        ' "unfounded".'
    )
    assert ("The spokesman", "calling", ['the accusations "unfounded"']) in triples(nlp, text)


@pytest.mark.parametrize(
    "text, source",
    [
        (
            "Ludmila Dobrovan's party will control 118 seats in the new parliament, final figures from the electoral"
            " commission showed.",
            "final figures from the electoral commission",
        ),
        ("Turnout rose to 62% in the north, data from the commission showed.", "data from the commission"),
    ],
)
def test_data_that_show_a_count_may_speak_after_the_claim(nlp, text, source):
    assert [(found, cue) for found, cue, _ in triples(nlp, text)] == [(source, "showed")]
