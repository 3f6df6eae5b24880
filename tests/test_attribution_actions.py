"""Acts that are not claims (claimtrack.attribution.actions).

Every text here is written for these tests; spaCy's small English pipeline parses them.
"""

from __future__ import annotations

import pytest

from conftest import triples


@pytest.mark.parametrize(
    "text",
    [
        "The harbour authority did not respond to requests for comment on the closure.",
        "A spokesman for the ferry company declined to comment.",
        "The ministry and the port authority did not respond to requests for comment on the link between the fees "
        "and the strike.",
        "The two mayors concluded a meeting with the regional council in Porto.",
        "The ministry implemented a registration system for fishing boats last spring.",
        "The prosecutor had requested a five-year sentence for the smuggler.",
        "The council voted a new budget for the harbour.",
        "The mayor welcomed the delegation from the northern provinces.",
        "The board declined to approve the merger of the two ferry lines.",
        "The captain refused to pay the fine for the late departure.",
        "The two governments agreed a new ceasefire on Monday.",
        "A gardener inspects the roses on the roof of the museum in Porto.",
        "The minister was referring to a possible meeting with the rebel leader.",
        "Young sailors are now learning the skills of night navigation first-hand.",
        "The old captain wished them a safe crossing.",
        "She wished the storm would pass before the evening ferry.",
        "Kyiv has stepped up attacks on Russian energy infrastructure in recent months.",
        "Senate Republicans on Tuesday blocked a bill that would have extended the subsidies.",
        "A court on Thursday sentenced a businessman to three years in prison for exporting chips to Russia.",
        # Nouns and participles inside the thing acted on are part of it.
        "The council has enacted a variety of changes to the harbour law.",
        "The clerk passed along a request for a favor from a shipowner.",
        "The city council passed a resolution condemning the ban on night ferries.",
    ],
)
def test_acts_and_non_answers_are_not_attributions(nlp, text):
    assert triples(nlp, text) == []


@pytest.mark.parametrize(
    "text, cue",
    [
        ("She described the ferry plan as a trap for the islanders.", "described"),
        ("The harbour authority said it would respond to the complaints next week.", "said"),
        ("The captain refused to pay, saying the ferry had left an hour late.", "saying"),
        ("The minister referred to the meeting as a waste of time.", "referred to"),
        ("The captain said he wished the storm would pass.", "said"),
        ("The minister added that the blacklist would grow next year.", "added"),
        ("The ministers agreed that the sanctions were working.", "agreed"),
        ("She stepped up her attacks on the plan, which she said would cut benefits.", "said"),
        ("He cited reports of escalating cyberattacks against voters.", "cited"),
        ("Fewer than 15 percent of voters approve of his job performance.", "approve of"),
        ("Senators blocked a bill that Democrats said would raise premiums.", "said"),
    ],
)
def test_claims_next_to_acts_are_kept(nlp, text, cue):
    assert cue in [c for _, c, _ in triples(nlp, text)]


def test_agreeing_a_deal_is_no_claim_inside_a_report(nlp):
    text = "European Union ambassadors agreed on Monday a 20th package of sanctions against Russia, three EU diplomats said."
    assert [cue for _, cue, _ in triples(nlp, text)] == ["said"]


def test_adding_to_a_list_is_no_claim_inside_a_report(nlp):
    text = "The Commerce Department has added more than 600 entities to its export blacklist since 2022, a spokesperson said."
    assert [cue for _, cue, _ in triples(nlp, text)] == ["said"]


@pytest.mark.parametrize(
    "text",
    [
        "The port authority did not say whether the ferry had been hit.",
        "Officials declined to say whether the talks on the ferry fees would resume.",
        "The captain would not confirm if the crossing had been cancelled.",
        "The harbour master did not say how many boats had been damaged in the storm.",
        "The ferry company did not comment on the cancelled crossings.",
        "The ferry company rarely comments on its cancelled crossings.",
        "Pollsters struggled to explain the miss.",
        "The ferry company failed to mention the cancelled crossings.",
    ],
)
def test_questions_left_open_are_not_claims(nlp, text):
    # The source left the question open, or said nothing: its words are no claim of theirs.
    assert triples(nlp, text) == []


@pytest.mark.parametrize(
    "text, cue, content",
    [
        # A question left open by the reporter, which the parser hangs on the reported clause, is cut from it.
        (
            "The governor said the fire was under control but did not say how many people had been evacuated.",
            "said",
            "the fire was under control",
        ),
        (
            "The ministry said its forces had struck military targets and did not comment on civilian casualties.",
            "said",
            "its forces had struck military targets",
        ),
        # A question put to the source is one (GUIDELINES: "When asked whether …").
        ("Asked whether the ferry would sail, the captain said the sea was too rough.", "said", "the sea was too rough"),
        # A negation after the verb negates something else.
        ("The mayor said the crossing would reopen on Monday, not when the storm passed.", "said", None),
    ],
)
def test_claims_beside_open_questions_are_kept(nlp, text, cue, content):
    found = {c: body for _, c, body in triples(nlp, text)}
    assert cue in found
    if content is not None:
        assert found[cue] == [content]


@pytest.mark.parametrize(
    "text", ["Officials told residents where to find shelter.", "The agency explained how to apply for the grants."]
)
def test_telling_how_or_where_to_do_something_states_nothing(nlp, text):
    assert triples(nlp, text) == []


def test_a_question_asked_keeps_its_whether(nlp):
    # Without "whether", "the figures were right" read as what he said.
    assert triples(nlp, "He asked whether the casualty figures were right.") == [
        ("He", "asked", ["whether the casualty figures were right"])
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv has not confirmed the loss of the jet.",
        "The ministry did not mention the village.",
        "Covington did not mention Ambrose by name.",
    ],
)
def test_negated_report_of_a_thing_states_nothing(nlp, text):
    assert triples(nlp, text) == []


def test_adopting_a_text_is_an_act_not_a_claim(nlp):
    text = "On Tuesday, the U.N. General Assembly adopted a resolution on the protection of civilians in Ukraine by 97 to 12."
    assert triples(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The committee voted to adopt the report.",
        "Nobody has told us what the plan is.",
    ],
)
def test_a_vote_and_what_nobody_said_are_no_claims(nlp, text):
    assert triples(nlp, text) == []


def test_neither_confirming_nor_denying_states_nothing_but_a_denial_after_but_is_a_claim(nlp):
    assert triples(nlp, "A spokesperson did not confirm or deny the report.") == []
    text = "The ministry did not confirm the report but denied that troops had crossed the border."
    assert triples(nlp, text) == [("The ministry", "denied", ["troops had crossed the border"])]


def test_a_question_left_open_after_or_is_negated_too(nlp):
    assert triples(nlp, "The ministry did not publish photographs or say where the vessel had been taken.") == []
    found = triples(nlp, "The ministry published photographs and said where the vessel had been taken.")
    assert ("The ministry", "said", ["where the vessel had been taken"]) in found


@pytest.mark.parametrize(
    "text",
    [
        "Hnatiuk declined to give exact figures, citing operational security.",
        "All spoke on condition of anonymity, citing fear of retaliation.",
    ],
)
def test_citing_a_reason_for_silence_or_anonymity_is_no_claim(nlp, text):
    assert triples(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        # an object that is a person
        "The crowd cheered when both mayors ignored her.",
        "Her campaign congratulated Mr. Brannick on his win.",
        # what someone shows, not what a finding shows
        "Neither party has shown any sign of backing down over the harbour fees.",
        "The two ferry companies showed no signs of settling the dispute.",
        "Halloran, who stood as the verdict was read, showed no emotion.",
        "She showed reporters a map of the harbour.",
        # acts on things
        "His campaign is releasing a 14-page white paper on the ferry plan.",
        "Governor Emmett Ashby vetoed the budget on Friday.",
        "The senator apologized for remarks caught on a 2011 recording.",
        "Spurlock posted a short message on Facebook thanking his staff.",
        # the author's remark, and a question nobody answered
        "He offered no evidence for either claim.",
        "Neither ministry would say how many aircraft would take part.",
        "The ferry company did not respond to a question about the casualties.",
        "The harbour authority has not explained the gap.",
        "She thanked the Porto council for its help with the ferry timetable.",
        # a claim turned down whose words are not here, and a request turned down
        "The trade ministry rejected the findings.",
        "The harbour authority has dismissed the accusation.",
        "The judge rejected a defence motion to exclude the captain's testimony.",
        "Her opponent shrugged off the endorsement.",
        "The candidate's adviser brushed the criticism aside.",
        # knowing what, who or where states no answer; nor does deciding or weighing whether
        "We know what this ship is, and we know who it works for.",
        "What we know about the fire at the Porto depot",
        "Porto voters will decide whether to raise the harbour fee.",
        "The council is weighing whether the fee applies to ferries.",
        "He is also considering whether to order a subpoena.",
        "She declined to describe the intelligence or say how it had been obtained.",
        "The attorney general's office would neither confirm nor deny it had opened an inquiry into the foundation.",
        # formalities
        "The ministers of the northern compact expressed support for the port authority.",
        "The Speaker, Maud Tregothnan, called the House to order.",
        "Senator Orla Penhallow made a surprise appearance at the Tarrow rally.",
        "A voter called her office on Monday morning.",
        "He did not offer evidence for either claim.",
        "The defence ministry did not deny the document was authentic.",
        "The campaign could not confirm that the email was authentic.",
    ],
)
def test_acts_on_people_and_things_and_what_was_not_said_are_no_claims(nlp, text):
    assert triples(nlp, text) == []


def test_signs_that_data_show_are_still_a_claim(nlp):
    found = triples(nlp, "The port's figures show that traffic fell by a third in March.")
    assert [(source, cue) for source, cue, _ in found] == [("The port's figures", "show")]


def test_a_word_never_seen_acting_on_its_object_needs_a_surer_score(nlp):
    # The model alone took "to avert" for a cue, with the reporting verb's subject as its source.
    text = (
        "Talks on the ferry budget broke down over a late amendment, aides in both parties said, "
        "leaving the council eight days to avert a closure of the line."
    )
    assert [cue for _, cue, _ in triples(nlp, text)] == ["said"]


def test_suspecting_someone_of_an_act_is_a_claim(nlp):
    found = triples(nlp, "Coast guard investigators suspect the trawler Marlen of dragging its nets across the cable.")
    assert [(source, cue) for source, cue, _ in found] == [("Coast guard investigators", "suspect")]


def test_what_footage_shows_is_still_a_claim(nlp):
    found = triples(nlp, "Video footage showed no damage to the deck of the ferry.")
    assert [(source, cue) for source, cue, _ in found] == [("Video footage", "showed")]


def test_whom_something_was_said_to_is_no_nested_claim(nlp):
    found = triples(nlp, "She said Valmora had informed its partners in the Northern Defence Compact.")
    assert [cue for _, cue, _ in found] == ["said"]


def test_no_proof_that_still_states_the_claim(nlp):
    found = triples(nlp, "He offered no proof that the mayor had a role in the deal.")
    assert [(source, cue) for source, cue, _ in found] == [("He", "offered")]


def test_an_object_pointing_back_at_a_claim_already_told_is_no_claim(nlp):
    found = triples(nlp, "Republicans disputed that reading, saying turnout was up.")
    assert [cue for _, cue, _ in found] == ["saying"]


@pytest.mark.parametrize(
    "text, content",
    [
        ("The harbour authority dismissed the accusation as propaganda.", "the accusation as propaganda"),
        (
            'She dismissed a proposal for a monitored grain corridor as "a supply line for weapons."',
            'a proposal for a monitored grain corridor as "a supply line for weapons."',
        ),
        ("The jury convicted Dovlan of fraud.", "Dovlan of fraud"),
        ("The ferry company rejected claims it had sabotaged the cable.", "claims it had sabotaged the cable"),
        ("The mayor knows how hard it is to run the ferry at a loss.", "how hard it is to run the ferry at a loss"),
    ],
)
def test_rejections_that_predicate_or_state_and_exclamations_are_still_claims(nlp, text, content):
    assert [content] in [c for _, _, c in triples(nlp, text)]


def test_a_gesture_while_speaking_is_no_claim_and_the_quotation_after_it_is_the_speakers(nlp):
    text = '"People ask me why I do not leave," she said, brushing flour from her sleeves. "Where would I go?"'
    found = triples(nlp, text)
    assert "brushing" not in [cue for _, cue, _ in found]
    assert any(source == "she" and "Where would I go?" in content for source, _, content in found)


def test_speaking_unnamed_is_how_the_source_spoke_not_a_claim(nlp):
    text = '"Porto is earning less," said an official of the port, speaking on condition of anonymity under briefing rules.'
    assert [cue for _, cue, _ in triples(nlp, text)] == ["said"]


def test_asking_for_anonymity_is_how_the_source_spoke_not_a_claim(nlp):
    text = "Three people on the call, who requested anonymity to discuss a private talk, said the mood was grim."
    assert [cue for _, cue, _ in triples(nlp, text)] == ["said"]


@pytest.mark.parametrize(
    "text, content",
    [
        ("He said the deal was neither fair nor legal.", "the deal was neither fair nor legal"),
        ('The White House called the vote "a failure of nerve."', 'the vote "a failure of nerve."'),
        ("The ministry denied that the document was authentic.", "the document was authentic"),
        ("The minister neither apologised nor retracted, and said the figures were right.", "the figures were right"),
    ],
)
def test_what_is_said_beside_a_neither_nor_a_call_or_a_denial_is_still_a_claim(nlp, text, content):
    assert [content] in [c for _, _, c in triples(nlp, text)]


@pytest.mark.parametrize(
    "text",
    [
        "The navy announced a new escort regime for merchant ships using the strait.",
        "The senator announced his candidacy for governor at a rally in Porto on Monday.",
    ],
)
def test_announcing_a_measure_makes_it_and_claims_nothing(nlp, text):
    assert triples(nlp, text) == []


def test_announcing_a_figure_is_a_claim_that_can_be_checked(nlp):
    text = "The campaign announced a $9.2 million haul for the quarter on Friday."
    assert [cue for _, cue, _ in triples(nlp, text)] == ["announced"]


def test_reading_out_a_statement_gives_its_words_to_the_statement(nlp):
    text = "Strathcarron read out a statement from the defence ministry saying the army had sufficient reserves."
    assert triples(nlp, text) == [("a statement from the defence ministry", "saying", ["the army had sufficient reserves"])]


@pytest.mark.parametrize(
    "text",
    [
        "Quernland's defence ministry said it did not comment on leaked documents.",
        'Valmore said she would not "comment on comments by anonymous people."',
        'He said he would not "get into diplomatic conversations."',
    ],
)
def test_saying_one_will_not_say_is_a_non_answer(nlp, text):
    assert triples(nlp, text) == []


def test_a_report_that_something_else_did_not_disclose_is_a_claim(nlp):
    text = "The ministry said the report did not disclose any losses."
    assert triples(nlp, text) == [("The ministry", "said", ["the report did not disclose any losses"])]


@pytest.mark.parametrize(
    "text",
    [
        "Governor Mostovyi declared a regional emergency.",
        "Vessemark bans insurance for tankers carrying Drossavian crude",
        "Governor Mostovyi ordered the 600 residents of Hrudovo to leave.",
        "The authorities ordered the compulsory evacuation of all families with children.",
    ],
)
def test_declaring_banning_and_ordering_are_acts(nlp, text):
    """Declaring an emergency and banning a trade make them; ordering people to leave directs them: no claims."""
    assert triples(nlp, text) == []


def test_declaring_something_so_is_a_claim(nlp):
    text = "The inspectors declared the bridge safe."
    assert [(source, cue) for source, cue, _ in triples(nlp, text)] == [("The inspectors", "declared")]


def test_citing_whom_a_report_came_from_is_no_claim(nlp):
    text = "Bloomberg, citing people familiar with the matter, reported that Moscow had moved 20,000 troops."
    assert triples(nlp, text) == [("Bloomberg", "reported", ["Moscow had moved 20,000 troops"])]
