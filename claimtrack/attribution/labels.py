"""Speaker labels: transcript and vox-pop lines ("WALLACE: …", "Jane Doe ― “…”", "Poll: …")."""

from __future__ import annotations

import re
from collections import Counter

from .context import QUOTE_MARKS, FinderContext, is_title_question
from .rules import Proposal, Rule
from .shaping import clean_quote_spans, propose, quotes_overlapping
from .sources.lexicon import names_a_source
from .spans import CharSpan

# A Markdown heading's or block quotation's marker before a line ("# Ministry: …", "> “…”"), as scraped pages keep them.
_MARKDOWN_MARKER = r"(?:#{1,6}[^\S\n]+|>[^\S\n]*)?"
# Markdown bold around a label ("**Wraxham:** “…”", "**Wraxham**: …"), after a list's bullet if any.
_BOLD = r"(?:\*\*|__)?"
# A live blog's time before its entry ("16:40 — Governor: …", "4:05 p.m. ET – Ministry: …").
_TIMESTAMP = r"\d{1,2}[:.]\d{2}(?:[^\S\n]?[ap]\.?m\.?)?(?:[^\S\n]+[A-Z]{2,4})?[^\S\n]*[—–-]"
_BULLET = r"(?:(?:[-*•]|\d{1,2}[.)]|" + _TIMESTAMP + r")[^\S\n]+)?"  # a list's bullet or number ("1. Prowse: …")
# A label before a signed quotation: a newsletter's "QUOTE OF THE DAY: ", a fact-check's "The claim: ".
_SECTION_BEFORE = r"(?:[A-Z][\w' ]{2,40}:[^\S\n]*)?"
# "NAME: text" or "Name ― text" at the start of a line (transcripts, vox pops).
_LABEL_LINE = re.compile(
    r"^[^\S\n]*"
    + _MARKDOWN_MARKER
    + _BULLET
    + _BOLD
    + r"[\"“]?(?P<label>[A-Z][\w.'’\- ]{0,50}?|@\w{2,30})"  # or a social-media handle: "@gridsquare_osint: …"
    + _BOLD
    + r"[^\S\n]*(?P<cue>:|―|—|–)"
    + _BOLD
    + r"[^\S\n]*(?P<content>\S[^\n]{3,})$",
    re.MULTILINE,
)
# The name may be followed by what the line was about: "“…” — Vennimore, on Prowse".
_SIGNED_QUOTE_LINE = re.compile(
    r"^[^\S\n]*"
    + _MARKDOWN_MARKER
    + _BULLET
    + _SECTION_BEFORE
    + r"(?P<content>[“”\"][^\n]{3,}[“”\"])[^\S\n]*(?P<cue>―|—|–)[^\S\n]*"
    r"(?P<label>[A-Z][\w.'’\- ]{0,50}?)[^\S\n]*(?:,[^\n]{1,80})?$",
    re.MULTILINE,
)
# A reaction list's "Name, role, where: “…”" ("• Xavier Quaile, the Republican nominee, on social media: “…”"), the
# quotation on the label's line or a factbox's paragraph of its own after it.
_DESCRIBED_LABEL_LINE = re.compile(
    r"^[^\S\n]*"
    + _MARKDOWN_MARKER
    + _BULLET
    + _BOLD
    + r"(?P<label>[A-Z][\w.'’\- ]{1,50}?,[^\n:“”\"]{3,120}?)"
    + _BOLD
    + r"[^\S\n]*(?P<cue>:)"
    + _BOLD
    + r"(?:[^\S\n]*\n){0,2}[^\S\n]*(?P<content>[“\"][^\n]{3,})$",
    re.MULTILINE,
)
# A pull quote whose source line follows it, a blank line at most between (a page's <blockquote> and its
# <cite>): "“…”" then "― Jane Doe, EU foreign policy chief" or "― Sen. Jane Doe (D-N.M.)". The label is the name,
# before any party in brackets or role after a comma.
_SIGNED_QUOTE_NEXT_LINE = re.compile(
    r"^[^\S\n]*" + _MARKDOWN_MARKER + _SECTION_BEFORE + r"(?P<content>[“”\"][^\n]{3,}[“”\"])[^\S\n]*\n(?:[^\S\n]*\n)?[^\S\n]*"
    r"(?P<cue>―|—|–)[^\S\n]*(?P<label>[A-Z][\w.'’\- ]{0,50}?)[^\S\n]*(?:\([^\n()]{1,30}\)[^\S\n]*)?(?:,[^\n]{1,80})?$",
    re.MULTILINE,
)
# The same with no quote marks, as a page prints a pull quote or an embedded post and scrapers copy it: a paragraph
# ending a sentence, then its signer's line, "— Jane Doe, resident for 31 years" or "— Name (@handle) March 6, 2026".
_SIGNED_PARAGRAPH_NEXT_LINE = re.compile(
    r"^[^\S\n]*" + _MARKDOWN_MARKER + r"(?P<content>[^\s“”\"―—–>#*-][^\n]{10,}[.!?])[^\S\n]*\n(?:[^\S\n]*>?[^\S\n]*\n)?"
    r"[^\S\n]*" + _MARKDOWN_MARKER + r"(?P<cue>―|—|–)[^\S\n]*(?P<label>[A-Z][\w.'’\- ]{0,50}?)[^\S\n]*"
    r"(?:\([^\n()]{1,30}\)[^\S\n]*)?(?:,[^\n]{1,80}|[A-Z][a-z]+\.? \d{1,2}, \d{4})?[^\S\n]*$",
    re.MULTILINE,
)
# A post as an embedded tweet prints when a page is pasted: its text, then "— Name (@handle) Month Day, Year".
_EMBEDDED_POST_LINE = re.compile(
    r"^[^\S\n]*" + _MARKDOWN_MARKER + r"(?P<content>\S[^\n]{2,}?)[^\S\n]*(?P<cue>―|—|–|-)[^\S\n]*"
    r"(?P<label>[A-Z][\w.'’\- ]{0,50}?[^\S\n]*\(@\w{1,30}\))[^\S\n]*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4})?[^\S\n]*$",
    re.MULTILINE,
)
# A video script's sound bite: "SOUNDBITE (Vorlenian) PERESVET LOZYNSKY, REGIONAL GOVERNOR: There is no military
# target …" (an agency's shot list); the label is the speaker's name, before any role after a comma. The reporter's
# "CORRESPONDENT (voice-over):" lines are the script's own narration.
_SOUND_BITE_LINE = re.compile(
    r"^[^\S\n]*(?:SOUNDBITE|SOUND BITE|SOT|UPSOUND)[^\S\n]*(?:\([^()\n]{1,30}\))?[^\S\n]*"
    r"(?P<label>[A-Z][\w.'’\- ]{0,50}?)[^\S\n]*(?:,[^\n:]{1,80})?[^\S\n]*(?P<cue>:)[^\S\n]*(?P<content>\S[^\n]{3,})$",
    re.MULTILINE,
)
# A wire headline that names its source last: "Truce agreed near the dam for repairs: UN".
_TRAILING_LABEL_LINE = re.compile(
    r"^[^\S\n]*(?P<content>[^\s\"“][^\n:]{15,}?[^.!?:\s\"”])[^\S\n]*(?P<cue>:)[^\S\n]*(?P<label>[A-Z][\w.'’\- ]{0,40}?)[^\S\n]*$",
    re.MULTILINE,
)
# The same with a dash: "Drone strike sets power plant ablaze, seven hurt – governor".
_TRAILING_DASH_LABEL_LINE = re.compile(
    r"^[^\S\n]*(?P<content>[^\s\"“][^\n]{15,}?[^.!?:\s\"”])[^\S\n]+(?P<cue>[―—–]|-)[^\S\n]+"
    r"(?P<label>[A-Za-z][\w.'’ ]{0,40}?)[^\S\n]*$",
    re.MULTILINE,
)
# Function words that a section heading in capitals has and a name in capitals ("SEN. JANE DOE") has not.
_HEADING_WORDS = frozenset(
    {"the", "a", "an", "of", "to", "in", "on", "for", "at", "between", "and", "with", "what", "who", "why", "how", "is"}
)
# Words of a role-and-name label ("Military analyst Jane Doe", "Former U.S. envoy Jane Doe").
_ROLE_POS = {"PROPN", "NOUN", "ADJ", "ADP", "DET"}
_NAME_PARTICLES = {"de", "van", "von", "da", "di", "del", "la", "le", "bin", "al", "of", "the", "and"}


def speaker_labels(ctx: FinderContext) -> list[Proposal]:
    """Transcript and vox-pop lines: "WALLACE: …", "Jane Doe ― “…”", "Poll: …".

    The label is a short capitalised name at the start of a line, followed by
    a colon or a dash and the content, which runs to the end of the line; or
    it signs a quotation at the end of its line (“…” ― Jane Doe) or on the line after it.
    """
    out = []
    lines = (
        _LABEL_LINE,
        _DESCRIBED_LABEL_LINE,
        _SIGNED_QUOTE_LINE,
        _SIGNED_QUOTE_NEXT_LINE,
        _SIGNED_PARAGRAPH_NEXT_LINE,
        _EMBEDDED_POST_LINE,
    )
    matches = [m for line in lines for m in line.finditer(ctx.text)]
    trailing = (*_TRAILING_LABEL_LINE.finditer(ctx.text), *_TRAILING_DASH_LABEL_LINE.finditer(ctx.text))
    matches += [m for m in trailing if _is_trailing_source(ctx, m)]
    bites = list(_SOUND_BITE_LINE.finditer(ctx.text))
    said_twice = Counter(m.group("label") for m in matches if m.re is _LABEL_LINE)
    speakers = {id(m) for m in matches if _is_speaker_label(ctx, m) and not _is_section(m, said_twice)}
    speakers |= {id(m) for m in bites}  # "SOUNDBITE" says a speaker's words follow, whoever the label names ("RESIDENT")
    matches += bites
    # A transcript names its speakers the same way turn after turn: a label that is a speaker's on one line is on
    # every line, where the tagger may read the same name as a common noun ("Kalvaitienė: We estimate …").
    transcript = {m.group("label") for m in matches if id(m) in speakers and m.re is _LABEL_LINE and m.group("cue") == ":"}
    if len(_QUESTION_LINE.findall(ctx.text)) >= 2:
        transcript.add("A")  # an interview's "Q: …" and "A: …": the answers are the interviewee's
    for match in matches:
        if id(match) not in speakers and not (
            match.re is _LABEL_LINE and match.group("cue") == ":" and match.group("label") in transcript
        ):
            continue
        if match.re is _LABEL_LINE and _is_dateline(ctx, match):
            continue
        content = _line_content(ctx.text, match)
        if not content or _label_quoted(ctx, match) or not _has_words(ctx.text, content):
            continue  # "Hillary Clinton: 1,769." is a table's row, not a claim
        if match.group("cue") == ":" and is_title_question(ctx.text[content[0][0] : content[-1][1]]):
            continue  # "Shadow Fleets: How Sanctioned Oil Still Reaches Europe": a report's title, no one's words
        content = _without_stage_directions(ctx.text, content)
        if not content:
            continue  # "DANYLYUK: [Laughter.]": a transcript's stage direction says nothing (a question does: genre-dev)
        signed = match.re in (_SIGNED_QUOTE_LINE, _SIGNED_QUOTE_NEXT_LINE, _SIGNED_PARAGRAPH_NEXT_LINE, _EMBEDDED_POST_LINE)
        out.append(
            propose(
                ctx,
                Rule("label", "signature" if signed else ""),
                content=content,
                cue=(match.start("cue"), match.end("cue")),
                source=_label_source(match),
                quotes_used=tuple(sorted(quotes_overlapping(content, ctx))),
            )
        )
    return out


# An interviewer's question on a line of its own: "Q: Is that still the target?".
_QUESTION_LINE = re.compile(r"^[^\S\n]*" + _BOLD + r"Q" + _BOLD + r"[^\S\n]*:", re.MULTILINE)


# A fact-check's line that states the claim it checks ("Claim: Tirvania has tripled its wheat exports").
_CLAIM_LINE = re.compile(
    r"^[^\S\n]*"
    + _MARKDOWN_MARKER
    + _BULLET
    + _BOLD
    + r"(?P<label>(?:the |what was |what's being |what is )?claim(?:ed)?)"
    + _BOLD
    + r"[^\S\n]*(?P<cue>:)"
    + _BOLD
    + r"[^\S\n]*(?P<content>\S[^\n]{3,})$",
    re.MULTILINE | re.IGNORECASE,
)


def checked_claims(ctx: FinderContext) -> list[Proposal]:
    """ "Claim: X" in a fact-check: X is a claim of someone not named on the line, the label its cue. The finder
    keeps one only where no other reading holds the line ("THE CLAIM: “…,” Quilliam said." names its source)."""
    out = []
    for match in _CLAIM_LINE.finditer(ctx.text):
        content = _line_content(ctx.text, match)
        if content:
            label = (match.start("label"), match.end("label"))
            out.append(propose(ctx, Rule("label"), content=content, cue=label, source=None, hedged=True))
    return out


# A factbox line that names its source at the end: "• Three tankers were seized in May. (Source: coastguard)".
_SOURCE_TAG_LINE = re.compile(
    r"^[^\S\n]*"
    + _BULLET
    + r"(?P<content>\S[^\n]{3,}?)[^\S\n]*[(\[](?P<cue>[Ss]ources?:)[^\S\n]*(?P<label>[^\s()\[\]][^\n()\[\]]{1,80}?)"
    r"[^\S\n]*[)\]][^\S\n]*\.?[^\S\n]*$",
    re.MULTILINE,
)
# Words of a photo's caption or credit, whose "(Source: …)" names who took the picture, not who said anything.
_IMAGE_CREDIT = re.compile(
    r"\b(?:photo|photos|photograph|picture|pictures|pictured|image|images|illustration|caption|getty|shutterstock|alamy)\b",
    re.IGNORECASE,
)


# An item of a bulleted list that ends by naming its source after a dash or in brackets, as "at a glance" lists
# and factboxes write them: "• Running water back in three districts — city council", "• Drones launched from a
# field 60 km inside the border (General Staff)".
_LISTED_SOURCE_LINE = re.compile(
    r"^[^\S\n]*[-*•][^\S\n]+(?P<content>[^\s\"“][^\n]{9,}?)[^\S\n]+"
    r"(?:(?P<cue>[—–])[^\S\n]+(?P<label>[^\s\"“][^\n—–()\"“”]{1,60}?)|(?P<bracket>\()(?P<named>[^\s()][^\n()]{1,60}?)\))"
    r"[^\S\n]*\.?[^\S\n]*$",
    re.MULTILINE,
)


def source_tags(ctx: FinderContext) -> list[Proposal]:
    """A line that ends by naming its source in brackets ("… (Source: Wakeline data)"), or a list's item that ends
    by naming it after a dash or in brackets: the line is the source's. The finder keeps one only where no other
    reading holds the line ("X says …. (Source: X's statement)")."""
    out = [proposal for match in _LISTED_SOURCE_LINE.finditer(ctx.text) if (proposal := _listed_source(ctx, match))]
    for match in _SOURCE_TAG_LINE.finditer(ctx.text):
        if _IMAGE_CREDIT.search(match.group("label")) or _IMAGE_CREDIT.search(match.group("content")):
            continue  # a caption's credit: "… seen in this illustration photo. (Source: Getty Images)"
        content = _line_content(ctx.text, match)
        if content:
            cue, source = (match.start("cue"), match.end("cue")), (match.start("label"), match.end("label"))
            out.append(propose(ctx, Rule("label"), content=content, cue=cue, source=source))
    return out


def _listed_source(ctx: FinderContext, match: re.Match) -> Proposal | None:
    """A list item's claim and the source named at its end, when the words name one: a noun that names a source
    ("— city council", "(defence ministry statement)") or a name ("(Wennerholm Centre)"); not a remark of the
    writer's ("— figure not independently verified"), a photo's credit or a question."""
    group = "label" if match.group("label") else "named"
    label = match.group(group).strip()
    cue_group = "cue" if group == "label" else "bracket"
    if _IMAGE_CREDIT.search(label) or match.group("content").rstrip().endswith("?") or label.lower().startswith("source"):
        return None  # a credit, a question; a "(Source: …)" line is read as a source tag below
    named = _ends_in_source_noun(ctx, label) or _looks_like_name(ctx, match.start(group), match.start(group) + len(label))
    if len(label.split()) > 6 or label.lower() in ctx.lex.label_stopwords or not named:
        return None
    content = _line_content(ctx.text, match)
    if not content:
        return None
    cue, source = (match.start(cue_group), match.end(cue_group)), (match.start(group), match.start(group) + len(label))
    return propose(ctx, Rule("label"), content=content, cue=cue, source=source)


def _is_speaker_label(ctx: FinderContext, match: re.Match) -> bool:
    """Whether a line's label names a speaker (or a poll), not a section heading or a parenthetical."""
    if match.re is _DESCRIBED_LABEL_LINE:
        return _is_described_speaker(ctx, match)
    if match.re is _EMBEDDED_POST_LINE:
        return True  # the handle in brackets is the account's: "— Keisha Sturgis (@keishasturgis) September 20, 2016"
    label = match.group("label")
    words = label.split()
    if match.re is _TRAILING_DASH_LABEL_LINE:
        return True  # "…, seven hurt – governor": _is_trailing_source has read its words
    if not words or len(words) > 6 or label.lower() in ctx.lex.label_stopwords:
        return False
    if label.startswith("@"):
        pass  # a post quoted under its account's handle
    elif _is_role_and_name(ctx, match):
        pass  # "Military analyst Michael Kofman: “…”"
    elif len(words) == 1 and label.isalpha() and label.istitle() and _labels_a_quotation(ctx, match):
        pass  # "Prowse: “…”", "“…” — Vennimore": a surname the tagger may read as any word
    elif match.group("cue") == ":" and label.lower() in ctx.lex.document_nouns:
        pass  # a headline's "Poll: Most voters back the plan"
    elif match.group("cue") == ":" and _names_a_source_by_noun(words) and _only_nominal(ctx, match):
        pass  # a headline's or live entry's "Air force: 41 of 52 drones downed", "Nuclear watchdog: …"
    elif not all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words):
        return False
    elif not _looks_like_name(ctx, match.start("label"), match.end("label")):
        return False  # a section heading ("The Gap Goes On: …"), not a speaker
    # "Crutcher ― a father who … ― was shot": a parenthetical dash, not a speaker
    return match.group("cue") == ":" or match.re is not _LABEL_LINE or ctx.text[match.start("content")] in '“"”'


# A label's part after a comma that says where or how the words were given, not who gave them.
_CHANNEL_PART = re.compile(r",[^\S\n]*(?:at|in|on|to|via|during|after|before|from|speaking|writing)\b")
# Parts of speech that cannot start a name ("Meanwhile, in Brackenford: …", "After the vote, …").
_NOT_NAME_POS = frozenset({"ADV", "ADP", "DET", "PRON", "SCONJ", "CCONJ", "VERB", "AUX"})


def _is_section(match: re.Match, labels_seen: Counter[str]) -> bool:
    """A newsletter's section in capitals ("READ BETWEEN THE LINES: …", "QUOTE OF THE DAY: …"): function words
    that a name has not, or a dash after it ("DONOR GRUMBLES — …"), on one line only. A transcript's
    "THE PRESIDENT:" or "SECRETARY OF STATE KERRY:" comes back turn after turn."""
    label = match.group("label")
    words = label.split()
    if match.re is not _LABEL_LINE or not label.isupper() or len(words) < 2 or labels_seen[label] > 1:
        return False
    if match.group("cue") != ":":
        return True  # "DONOR GRUMBLES — “…,” a donor grumbled": a newsletter's item; transcripts label with colons
    return any(w.lower() in _HEADING_WORDS for w in words[1:]) or (words[0] != "THE" and words[0].lower() in _HEADING_WORDS)


def _has_words(text: str, content: list[CharSpan]) -> bool:
    return any(char.isalpha() for start, end in content for char in text[start:end])


def _label_source(match: re.Match) -> CharSpan:
    """The label as the source; a reaction list's label without where it was said ("…, on social media")."""
    start, end = match.start("label"), match.end("label")
    if match.re is _DESCRIBED_LABEL_LINE:
        channel = _CHANNEL_PART.search(match.group("label"))
        if channel is not None:
            end = start + channel.start()
    return start, end


def _is_described_speaker(ctx: FinderContext, match: re.Match) -> bool:
    """ "Xavier Quaile, the Republican nominee, on social media: “…”": a name of capitalised words first, and no
    reporting verb closing the label ("Tebbutt, who vetoed it, said: “…”" is read by the verb rules)."""
    name_end = match.start("label") + match.group("label").index(",")
    name = ctx.doc.char_span(match.start("label"), name_end, alignment_mode="expand")
    label = ctx.doc.char_span(match.start("label"), match.end("label"), alignment_mode="expand")
    if name is None or label is None or len(name) > 5 or not all(w.is_title or w.is_punct for w in name):
        return False
    words = [t for t in label if not t.is_punct]
    return name[0].pos_ not in _NOT_NAME_POS and bool(words) and words[-1].pos_ not in ("VERB", "AUX")


def _labels_a_quotation(ctx: FinderContext, match: re.Match) -> bool:
    """Whether the label's content is a quotation: it signs one, or one follows its colon."""
    return match.re is not _LABEL_LINE or (match.group("cue") == ":" and ctx.text[match.start("content")] in '“"')


def _names_a_source_by_noun(words: list[str]) -> bool:
    """A label of a few words, the first capitalised, that ends in a noun naming a source ("Air force",
    "Nuclear watchdog", "Prosecutors"), lower case after its first word as a headline writes it."""
    if len(words) > 3 or not words[0][:1].isupper() or not all(w.isalpha() for w in words):
        return False
    if any(not w.islower() for w in words[1:]):
        return False
    return names_a_source(" ".join(words)) or names_a_source(words[-1])


def _only_nominal(ctx: FinderContext, match: re.Match) -> bool:
    """Whether the label's words are nouns and adjectives only: "Frustration with police" is a heading."""
    span = ctx.doc.char_span(match.start("label"), match.end("label"), alignment_mode="expand")
    return span is not None and all(t.pos_ in ("NOUN", "ADJ", "PROPN") for t in span)


def _is_trailing_source(ctx: FinderContext, match: re.Match) -> bool:
    """ "Truce agreed near the dam for repairs: UN": a line of its own whose last words, after a colon, name its source.

    The line is a headline (no full stop, a paragraph of its own) with a verb
    before the colon or dash. After a colon the label is a short proper name
    ("IAEA", "Kremlin"); after a dash, a noun that names a source ("– governor",
    "– Ukraine's military"; "– live", "– video" are the page's labels).
    """
    label = match.group("label")
    if len(label.split()) > 3 or ". " in match.group("content") or not _is_own_paragraph(ctx.text, match.start(), match.end()):
        return False  # a headline is one sentence standing alone
    if label.lower() in ctx.lex.label_stopwords and not (match.re is _TRAILING_DASH_LABEL_LINE and label in _UNNAMED):
        return False  # "Sources:" heads a list, but a headline's "… — sources" is an agency's unnamed sources
    span = ctx.doc.char_span(match.start("content"), match.end("content"), alignment_mode="expand")
    has_verb = span is not None and len(span) >= 4 and any(t.pos_ in ("VERB", "AUX") for t in span)
    if not has_verb:
        return False
    if match.re is _TRAILING_DASH_LABEL_LINE:
        return _ends_in_source_noun(ctx, label)
    return _looks_like_name(ctx, match.start("label"), match.end("label"))


_UNNAMED = frozenset({"source", "sources"})


def _ends_in_source_noun(ctx: FinderContext, label: str) -> bool:
    """ "governor", "Ukraine's military", "UN report": a label whose last word, in lower case, names a source.

    A name after a dash is left alone: a page's title ends in its site's name
    ("… – Anadolu Agency", "… - The Kyiv Independent", "… – Reuters").
    """
    last = label.split()[-1]
    return last.islower() and (names_a_source(last) or last in ctx.lex.document_nouns)


def _is_own_paragraph(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a whole line with blank lines (or the text's ends) around it."""
    before, after = text[:start].rstrip(" \t"), text[end:].lstrip(" \t")
    return (not before or before.endswith("\n\n")) and (not after or after.startswith("\n\n"))


def _is_dateline(ctx: FinderContext, match: re.Match) -> bool:
    """ "KYIV: The envoy told bankers that …": a capitalised place before a sentence that names its own speaker.

    A transcript's "WALLACE: …" is followed by what Wallace says, and Wallace
    speaks again; a dateline appears once and is followed by a reporting
    clause with its own subject, which is the source.
    """
    label = match.group("label")
    if match.group("cue") != ":" or not label.isupper() or len(label.split()) > 3:
        return False
    if ctx.text.count(label + ":") > 1:
        return False  # a transcript's speaker speaks again; a dateline opens the article once
    span = ctx.doc.char_span(match.start("content"), match.end("content"), alignment_mode="expand")
    if span is None:
        return False
    return any(
        "clause" in ctx.lex.verb_frames.get(t.lemma_.lower(), ())
        and t.pos_ == "VERB"
        and any(c.dep_ == "nsubj" and c.i >= span.start for c in t.children)
        for t in span
        if ctx.in_quote[t.i] < 0
    )


# A transcript's stage direction in brackets: "[Laughter.]", "(She laughs.)", "[Both candidates speak at once.]".
_STAGE_DIRECTION = re.compile(r"[\[(][A-Z][^\[\]()\n]{0,78}[\])]")


def _without_stage_directions(text: str, spans: list[CharSpan]) -> list[CharSpan]:
    """``spans`` without the stage directions a transcript's turn holds ("On this we agree. [Laughter.] But …"),
    each a sentence of its own: the turn's words on either side are its content. A bracket inside a sentence
    ("The plan (a draft) was leaked") is the speaker's."""
    pieces: list[CharSpan] = []
    for start, end in spans:
        for direction in _STAGE_DIRECTION.finditer(text, start, end):
            last = text[start : direction.start()].rstrip()[-1:]
            if last and last not in '.!?"”':
                continue
            pieces.append((start, direction.start()))
            start = direction.end()
        pieces.append((start, end))
    return clean_quote_spans(pieces, text)


def _line_content(text: str, match: re.Match) -> list[CharSpan]:
    """The rest of the label's line, without its quote marks.

    The line itself bounds the content: quote pairing inside vox pops (inner
    “scare quotes”, a closing mark used to open) is unreliable.
    """
    start, end = match.start("content"), match.end("content")
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    # The line's outer marks, or a stray one; not the closing mark of a quoted word at its end ("Zelensky: Europe
    # must stop buying Russian gas “now”").
    marks = sum(text[i] in QUOTE_MARKS for i in range(start, end))
    opening = start < end and text[start] in QUOTE_MARKS
    closing = end - 1 > start and text[end - 1] in QUOTE_MARKS
    if opening and (closing or marks == 1):
        start += 1
    if closing and (opening or marks == 1):
        end -= 1
    if end - start > 2 and text[start] in "'‘" and text[end - 1] in "'’":
        start, end = start + 1, end - 1  # a British headline's single quotes: "Zelensky: 'We will not …'"
    return clean_quote_spans([(start, end)], text)


def _label_quoted(ctx: FinderContext, match: re.Match) -> bool:
    """Whether a label lies inside a quotation opened before its line.

    A quote mark that opens the label's own line ("\"SMITH: …" in a
    transcript quoted over several paragraphs) leaves the label a speaker.
    """
    n = ctx.qindex.quote_at(match.start("label"))
    if n < 0:
        return False
    line_start = match.start()
    return not any(line_start <= s <= match.start("label") for s, _ in ctx.quotes[n].segments) and not line_start <= ctx.quotes[
        n
    ].open_pos < match.start("label")


def _is_role_and_name(ctx: FinderContext, match: re.Match) -> bool:
    """A label that is a role and a name introducing a quotation: "Military analyst Jane Doe: “…”"."""
    if match.group("cue") != ":" or ctx.text[match.start("content")] not in '“"':
        return False
    span = ctx.doc.char_span(match.start("label"), match.end("label"), alignment_mode="expand")
    words = [t for t in span if t.is_alpha] if span is not None else []
    if len(words) < 2 or not words[0].is_title or not all(t.pos_ in _ROLE_POS for t in words):
        return False
    return words[-1].pos_ == "PROPN" and words[-1].is_title and words[-2].pos_ == "PROPN"


def _looks_like_name(ctx: FinderContext, start: int, end: int) -> bool:
    """A speaker label: proper nouns, or a transcript's all-capitals name."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if t.is_alpha]
    if not words:
        return False
    # A name the tagger took for a common noun is often still an entity to the recogniser ("Kallas: …").
    return all(t.pos_ == "PROPN" or t.is_upper or t.lower_ in _NAME_PARTICLES or t.ent_type_ in _NAMED for t in words)


_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP"})
