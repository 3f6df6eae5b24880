"""Speaker labels (claimtrack.attribution.labels).

Every text here is written for these tests; spaCy's small English pipeline parses them.
"""

from __future__ import annotations

import pytest

from conftest import triples

CASES = [
    pytest.param(
        "Mayor Ruiz: 'We will rebuild every school'\n\nThe city was hit overnight.",
        [("Mayor Ruiz", ":", ["We will rebuild every school"])],
        id="headline-label-in-single-quotes",
    ),
    pytest.param(
        'Military analyst Michael Kofman: "This is the largest mobilisation since 1945."',
        [("Military analyst Michael Kofman", ":", ["This is the largest mobilisation since 1945."])],
        id="role-and-name-label",
    ),
    pytest.param('Live updates from Kyiv: "Sirens again tonight."', [], id="heading-not-a-label"),
    pytest.param(
        "Survey: Most Ukrainians Reject Territorial Concessions\n\nAnalysis: The war enters its fourth winter\n",
        [("Survey", ":", ["Most Ukrainians Reject Territorial Concessions"])],
        id="document-headline-label",
    ),
    pytest.param(
        "Truce agreed near Dnipro dam for repairs: UN\n\nWorkers ride a truck near the dam.",
        [("UN", ":", ["Truce agreed near Dnipro dam for repairs"])],
        id="headline-source-after-the-colon",
    ),
    pytest.param("Storm damage across the northern valleys: BBC\n\nRoads are closed.", [], id="headline-with-no-verb"),
    pytest.param(
        "The talks ended without a deal.\n\n\u201cThe ferry will sail again by spring.\u201d\n\u2014 Ana Ruiz, mayor of Porto\n",
        [("Ana Ruiz", "\u2014", ["The ferry will sail again by spring."])],
        id="pull-quote-signed-on-the-next-line",
    ),
    pytest.param(
        "Shadow Fleets: How Sanctioned Oil Still Reaches Europe\n\nThe tankers sail at night.",
        [],
        id="a-reports-title-question-is-no-ones-words",
    ),
    pytest.param(
        "Reporter: Who fired first?\n\nKovalenko: What we saw was a massacre.\n",
        [("Reporter", ":", ["Who fired first?"]), ("Kovalenko", ":", ["What we saw was a massacre."])],
        id="an-answer-opening-with-a-question-word-stays-the-speakers",
    ),
    pytest.param(
        "Two people were hurt in the storm. The fire was first reported by: Tom Becker\n\nRoads are closed.",
        [],
        id="paragraph-of-sentences-is-no-headline",
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_labels_find_source_cue_content(nlp, text, expected):
    assert triples(nlp, text) == expected


def test_signed_quote_lines_keep_their_own_signer(nlp):
    # A dash the tagger reads as a verb is no reporting verb: each quotation
    # belongs to the name signing it, never also to the previous signer.
    text = (
        "Readers told us what they think.\n"
        "“The mayor has failed us. He never listens.” ― Maria Lopez\n"
        "“We need new roads and better schools.”― Tom Becker\u00a0\n"
        "“Nobody here trusts the council anymore.” ― Ana Ruiz\n"
    )
    found = [t for t in triples(nlp, text) if t[1] == "―"]
    assert found == [
        ("Maria Lopez", "―", ["The mayor has failed us. He never listens."]),
        ("Tom Becker", "―", ["We need new roads and better schools."]),
        ("Ana Ruiz", "―", ["Nobody here trusts the council anymore."]),
    ]


def test_transcript_quoted_over_paragraphs_keeps_each_speaker(nlp):
    # Each paragraph of a quoted transcript opens with a quote mark and none
    # closes: the label after the mark still names that paragraph's speaker.
    text = (
        "The interview went on.\n\n"
        '"SMITH: But, Senator, why would you say that about the budget?\n\n'
        '"JONES: Well, the question really is why the budget was late in the first place.\n\n'
        '"SMITH: Do you really think so?\n'
    )
    assert triples(nlp, text) == [
        ("SMITH", ":", ["But, Senator, why would you say that about the budget?"]),
        ("JONES", ":", ["Well, the question really is why the budget was late in the first place."]),
        ("SMITH", ":", ["Do you really think so?"]),
    ]


def test_dateline_is_not_a_speaker_label(nlp):
    text = "LISBON: The envoy Rui Costa said on Monday that the talks were close to a deal."
    assert [source for source, _, _ in triples(nlp, text)] == ["The envoy Rui Costa"]


def test_transcript_labels_that_recur_stay_speakers(nlp):
    text = "SMITH: The mayor said the bridge is safe.\nJONES: It is not.\nSMITH: Then why close it?"
    assert [source for source, cue, _ in triples(nlp, text) if cue == ":"][:2] == ["SMITH", "JONES"]


def test_headline_label_the_tagger_took_for_a_noun_is_a_speaker_when_it_is_a_named_entity(nlp):
    # "Kallas" is tagged a common noun here, but recognised as a person.
    headline = "Kallas: 20th sanctions package will 'hit Russia where it hurts'"
    assert triples(nlp, headline) == [("Kallas", ":", ["20th sanctions package will 'hit Russia where it hurts'"])]


def test_markdown_heading_and_block_quotation_markers_keep_labels_and_signed_quotes(nlp):
    text = (
        "# Council: Bridge closed after cracks found in its deck\n\nThe bridge shut on Monday.\n\n"
        "> “Nobody told us anything for three days.”\n\n— Ana Ruiz, a shop owner by the bridge\n"
    )
    assert triples(nlp, text) == [
        ("Council", ":", ["Bridge closed after cracks found in its deck"]),
        ("Ana Ruiz", "—", ["Nobody told us anything for three days."]),
    ]


def test_pull_quote_signed_with_a_party_in_brackets_is_the_signers_not_the_speaker_before(nlp):
    text = (
        '"We will not fold this time," Rep. Dale Ostrowski said.\n\n'
        '"You cannot call it thrift when you close clinics."\n\n— Sen. Patricia Almonte (D-N.M.)\n'
    )
    found = triples(nlp, text)
    assert ("Sen. Patricia Almonte", "—", ["You cannot call it thrift when you close clinics."]) in found
    assert not any("thrift" in " ".join(content) for source, _, content in found if source == "Rep. Dale Ostrowski")


@pytest.mark.parametrize(
    ("quoted", "signature", "source"),
    [
        # A page's pull quote with no quote marks, its <footer> a line of its own (a QA pass: no source).
        (
            "This is a budget for the shareholders, not for the people of this country.",
            "— Nadia Farrant, leader of the opposition",
            "Nadia Farrant",
        ),
        # A post as a scraper copies it, the signature on the line after (a QA pass: the article's own claim).
        (
            "Russia keeps targeting civilians in the middle of winter.",
            "— Andrii Sybiha (@andrii_sybiha) March 6, 2026",
            "Andrii Sybiha",
        ),
        ("> Nobody asked us what we wanted.", ">\n> — Delroy Hughes, a tenant since 1998", "Delroy Hughes"),
    ],
)
def test_a_paragraph_without_quote_marks_is_its_signers_when_signed_on_the_next_line(nlp, quoted, signature, source):
    text = f"The chancellor spoke for an hour.\n\n{quoted}\n{signature}\n\nThe debate goes on tomorrow."
    words = quoted.removeprefix("> ")
    assert (source, "—", [words]) in triples(nlp, text)


def test_a_paragraph_then_a_dashed_line_that_signs_nothing_is_no_quotation(nlp):
    text = "The talks resumed on Monday.\n— and collapsed within an hour, officials said.\n"
    assert not any(cue == "—" for _, cue, _ in triples(nlp, text))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Air force: 41 of 52 drones downed\n\nText.", [("Air force", ":", ["41 of 52 drones downed"])]),
        (
            "Frustration with police: activists say officers are too aggressive\n\nText.",
            [("activists", "say", ["officers are too aggressive"])],
        ),
    ],
)
def test_label_of_a_source_noun_in_lower_case_is_a_speaker_but_a_heading_is_not(nlp, text, expected):
    assert triples(nlp, text) == expected


def test_a_transcript_speaker_is_every_turn_of_the_same_label(nlp):
    text = (
        "Meyer-Lund: How many ships are still sailing?\n\n"
        "Kalvaitienė: Listing a ship is the easy part.\n\n"
        "Meyer-Lund: How many?\n\n"
        "Kalvaitienė: We estimate that roughly 70 percent of the vessels the EU listed in 2025 made one more voyage.\n"
    )
    turns = [(source, cue) for source, cue, _ in triples(nlp, text) if cue == ":"]
    assert turns == [("Meyer-Lund", ":"), ("Kalvaitienė", ":"), ("Meyer-Lund", ":"), ("Kalvaitienė", ":")]


@pytest.mark.parametrize("label", ["Explainer", "Factbox", "Timeline", "Verdict"])
def test_a_page_section_label_is_no_speaker(nlp, label):
    text = f"{label}: Who sank the Lyra and what each side says about it\n\nThe ship sank on Monday."
    assert [cue for _, cue, _ in triples(nlp, text) if cue == ":"] == []


def test_a_section_label_before_a_headline_is_no_part_of_its_source(nlp):
    assert triples(nlp, "Factbox: Ukraine says 31 missiles were fired overnight") == [
        ("Ukraine", "says", ["31 missiles were fired overnight"])
    ]


@pytest.mark.parametrize(
    "headline, source",
    [
        ("Drone strike sets Tirnavian power plant ablaze, seven hurt – governor", "governor"),
        ("Russia lost 1,200 soldiers in a single day - Ukraine's military", "Ukraine's military"),
    ],
)
def test_a_headline_that_names_its_source_after_a_dash(nlp, headline, source):
    found = triples(nlp, f"{headline}\n\nThe strike came overnight.")
    assert [(s, c) for s, c, _ in found] == [(source, headline[len(headline) - len(source) - 2])]


@pytest.mark.parametrize("tail", ["live", "Anadolu Agency", "The Kyiv Independent", "video"])
def test_a_page_label_or_site_name_after_a_headline_dash_is_no_source(nlp, tail):
    found = triples(nlp, f"Russia launches its biggest drone attack of the war – {tail}\n\nThe attack came overnight.")
    assert found == []


def test_a_fact_checks_claim_line_is_a_claim_no_one_on_it_made(nlp):
    text = "Claim: Tirvania has tripled its wheat exports since sanctions took effect.\n\nVerdict: False"
    assert triples(nlp, text) == [(None, "Claim", ["Tirvania has tripled its wheat exports since sanctions took effect."])]


def test_a_view_held_inside_a_transcript_answer_is_nested_in_it(nlp):
    text = (
        "Q: Will the factory change things?\n\nBRANDQVIST: Not soon. My estimate is that it will not reach full output in 2028."
    )
    found = triples(nlp, text)
    assert ("My", "estimate", ["it will not reach full output in 2028"]) in found


def test_a_bold_label_in_a_markdown_list_is_a_speaker_but_a_fact_label_is_not(nlp):
    text = (
        "## Key claims at a glance\n\n"
        '- **Wraxham:** "We have nothing to hide, and we will prove it."\n'
        "- **FACT:** The company closed its Sedgecombe plant in 2013.\n"
        "- **Why it matters:** The ban covers 31 firms."
    )
    assert [(source, cue) for source, cue, _ in triples(nlp, text)] == [("Wraxham", ":")]


def test_a_claim_line_that_names_its_source_is_that_sources_and_a_rating_is_no_speaker(nlp):
    text = 'THE CLAIM: "This state lost 40,000 manufacturing jobs under that compact," Quilliam said.\n\nOUR RATING: Misleading.'
    assert [(source, cue) for source, cue, _ in triples(nlp, text)] == [("Quilliam", "said")]


# Lists as pages print them: a factbox's bracketed sources, a reaction list's "Name, role, where:", posts under
# their handles, a newsletter's sections in capitals, an embedded post's signature, a fact-check's signed claim. A
# line that names its speaker in its own words keeps them ("Estrelland says …").
@pytest.mark.parametrize(
    "text, sources",
    [
        (
            "Key facts about the seizures:\n\n"
            "• The Harrowgate Star was boarded on May 14 with 730,000 barrels of crude on board. (Source: Estrelland navy)\n"
            "• War-risk premiums have risen to 0.7% of hull value. (Sources: two Haskeby brokers)\n"
            "• Estrelland says the ships belong to a shadow fleet. (Source: foreign ministry statement, May 15)",
            [("Estrelland navy", "Source:"), ("two Haskeby brokers", "Sources:"), ("Estrelland", "says")],
        ),
        (
            "Here's a sampling of the reaction:\n\n"
            '• Xavier Quaile, the Republican nominee, on social media: "Tebbutt raised taxes 11 times as governor."\n\n'
            '• Kerensa Birtwistle, director of the Ketteridge Poll: "Running mates almost never move the numbers."\n\n'
            '• Meanwhile, in Brackenford: "Nobody came."',
            [("Xavier Quaile, the Republican nominee", ":"), ("Kerensa Birtwistle, director of the Ketteridge Poll", ":")],
        ),
        (
            "04:10 — An open-source account disputed that description.\n\n"
            "@gridsquare_osint: Thermal hotspots sit right on the ammo bunkers at Ostrelny, not on the plant next door.",
            [("@gridsquare_osint", ":")],
        ),
        (
            "READ BETWEEN THE LINES: The memo never mentions Lochanbury, where Fairleigh has trailed.\n\n"
            'QUOTE OF THE DAY: "Boring is the one I will take to the bank."\n'
            "— Sen. Frieda Maddux, Eubanks' running mate, at a fundraiser on Tuesday\n\n"
            "SPOTTED: Boudreau and Cutshaw at neighboring tables, not speaking.",
            [("Sen. Frieda Maddux", "—")],
        ),
        (
            "His opponent, Rep. Vivienne Coverdale, weighed in a few hours later:\n\n"
            "They are real, and they vote. — Vivienne Coverdale (@RepCoverdale) September 20, 2016",
            [("Vivienne Coverdale (@RepCoverdale)", "—")],
        ),
        (
            'The claim: "Kelvanna lost half its factory jobs. Half." — Rep. Travis Ulberg, at a rally on Sept. 14\n\n'
            "Our ruling: Half True",
            [("Rep. Travis Ulberg", "—")],
        ),
    ],
)
def test_a_lists_tags_labels_and_handles_name_each_lines_source(nlp, text, sources):
    assert [(source, cue) for source, cue, _ in triples(nlp, text)] == sources


def test_a_photo_credit_in_brackets_is_no_source(nlp):
    text = "A drone is displayed at a trade fair in this illustration photo taken in May. (Source: Getty Images)"
    assert triples(nlp, text) == []


def test_a_numbered_list_of_quotes_gives_each_to_the_surname_that_signs_or_labels_it(nlp):
    text = (
        "The lines people will be replaying:\n\n"
        '1. "He is not a conservative. He is a calculator." — Vennimore, on Prowse\n\n'
        '2. Prowse: "I will take a calculator over a governor who could not balance a checkbook."'
    )
    found = triples(nlp, text)
    assert {(source, cue) for source, cue, _ in found} == {("Vennimore", "—"), ("Prowse", ":")}
    assert ("Prowse", ":", ["I will take a calculator over a governor who could not balance a checkbook."]) in found


@pytest.mark.parametrize(
    "text",
    [
        "Delegates won so far:\nHelena Markby: 1,769.\nTobias Ferrant: 1,501.",
        "Dana Milbright is a columnist.\n\nFollow her on Twitter: @milbright.",
        "BOOM: Ferrant Just Fired A Five-Word Missile At Markby",
    ],
)
def test_a_table_row_a_social_link_or_a_kicker_is_no_speaker_label(nlp, text):
    assert triples(nlp, text) == []


def test_a_word_of_a_speakers_label_read_as_a_verb_reports_nothing(nlp):
    assert triples(nlp, "SEN. JANE DOE: We will not support this bill.") == [
        ("SEN. JANE DOE", ":", ["We will not support this bill."])
    ]


def test_a_fact_checks_claim_label_is_no_speaker_when_its_quotation_names_one(nlp):
    text = (
        'THE CLAIM: "This state lost 40,000 jobs. Forty thousand families," Quilliam said.\n\n'
        "THE FACTS: The figure is close.\n\n"
        'THE CLAIM: "I have never taken a dime. Not one dime," Scantlebury said.'
    )
    found = triples(nlp, text)
    assert {source for source, _, _ in found} == {"Quilliam", "Scantlebury"}
    assert ("Quilliam", "said", ["This state lost 40,000 jobs. Forty thousand families"]) in found


def test_a_live_blogs_entry_time_does_not_hide_its_speakers_label(nlp):
    text = "Live updates\n\n16:40 — Governor: Tarvesk death toll rises to seven\n\nRescuers are still searching the port."
    assert ("Governor", ":", ["Tarvesk death toll rises to seven"]) in triples(nlp, text)


def test_a_newsletters_heading_in_capitals_names_no_one(nlp):
    text = (
        "The consensus among the Republicans we spoke to is that Dankworth waited too long to go negative.\n\n"
        'QUOTE OF THE DAY: "Polls don\'t vote. Farmers do." — Sen. Warrick Dankworth, at a grain elevator on Tuesday'
    )
    assert "QUOTE" not in [cue for _, cue, _ in triples(nlp, text)]


def test_a_lists_items_that_end_by_naming_their_source_are_the_sources_claims(nlp):
    text = (
        "The war at a glance\n\n"
        '• Running water back in three of the city\'s nine districts, the rest "within weeks" — city council\n'
        "• Drones launched from a field 60 km inside the border (Ambrevian General Staff)\n"
        "• Repair bill put at €40m by the waterworks — figure not independently verified\n"
    )
    found = {(source, cue) for source, cue, _ in triples(nlp, text)}
    assert ("city council", "—") in found and ("Ambrevian General Staff", "(") in found
    assert not any(source and "verified" in source for source, _ in found)


def test_a_factbox_label_on_its_own_line_gives_the_quotation_after_it(nlp):
    """ "Kolmarian President Hordii Yaskel, in his nightly video address:" over a quoted paragraph: a reactions
    factbox's speaker, without where he spoke."""
    text = (
        "Here are some of the reactions:\n\nKolmarian President Hordii Yaskel, in his nightly video address:\n\n"
        '"Gas was the last big door this council had left open, and today it was closed."'
    )
    assert ("Kolmarian President Hordii Yaskel", ":", [text[text.index("Gas") : -1]]) in triples(nlp, text)


def test_a_transcripts_stage_directions_are_no_ones_words(nlp):
    text = (
        "DANYLYUK: On this we agree. [Laughter.] But guarantees will not come from ministers.\n\n"
        "SOLOMKA: Let us move on.\n\nDANYLYUK: [Laughter.]"
    )
    contents = [words for source, _, words in triples(nlp, text) if source == "DANYLYUK"]
    assert contents == [["On this we agree.", "But guarantees will not come from ministers."]]


def test_a_video_scripts_sound_bites_are_their_speakers_and_the_voice_over_is_not_a_bite(nlp):
    """An agency's shot list: "SOUNDBITE (language) NAME, ROLE: words", whoever the label names ("RESIDENT")."""
    text = (
        "CORRESPONDENT (voice-over): Emergency crews have pulled eleven people out alive.\n\n"
        "SOUNDBITE (Vorlenian) RESIDENT: The whole building jumped.\n\n"
        "SOUNDBITE (Vorlenian) PERESVET LOZYNSKY, REGIONAL GOVERNOR: There is no military target near this building.\n"
    )
    found = triples(nlp, text)
    assert ("RESIDENT", ":", ["The whole building jumped."]) in found
    assert ("PERESVET LOZYNSKY", ":", ["There is no military target near this building."]) in found
    assert not [source for source, _, _ in found if source and "CORRESPONDENT" in source]


def test_an_interviews_answers_are_the_interviewees_words_and_a_single_answer_label_is_not(nlp):
    interview = (
        "Q: Is the corridor still safe for grain ships?\n\n"
        "A: It is safer than it was. More than 2,000 ships have used it since it opened.\n\n"
        "Q: Will you talk to Korsenia?\n\nA: No. Our partners know exactly where we stand.\n"
    )
    answers = [words for source, cue, words in triples(nlp, interview) if (source, cue) == ("A", ":")]
    assert answers == [
        ["It is safer than it was. More than 2,000 ships have used it since it opened."],
        ["No. Our partners know exactly where we stand."],
    ]
    outline = "Plan A: The ferry sails at noon.\n\nA: The ferry sails at noon and returns at six.\n"
    assert not [source for source, _, _ in triples(nlp, outline) if source == "A"]


def test_a_headline_ending_in_sources_after_a_dash_is_their_claim(nlp):
    text = (
        "Draft peace plan would freeze front line, put off sanctions relief — sources\n\n"
        "A draft plan would freeze the front line, three diplomats said on Tuesday.\n"
    )
    assert ("sources", "—", ["Draft peace plan would freeze front line, put off sanctions relief"]) in triples(nlp, text)
    listing = "Sources\n\nThe ministry's figures are for March.\n"
    assert not [source for source, _, _ in triples(nlp, listing) if source == "Sources"]


def test_a_headline_label_keeps_the_closing_mark_of_a_quoted_word_at_its_end(nlp):
    assert triples(nlp, 'Zelensky: Europe must stop buying Russian gas "now"') == [
        ("Zelensky", ":", ['Europe must stop buying Russian gas "now"'])
    ]
    assert triples(nlp, 'Zelensky: "We will not retreat"') == [("Zelensky", ":", ["We will not retreat"])]
