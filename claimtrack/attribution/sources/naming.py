"""Source naming: split a mention into its name, role and affiliation.

"Ukrainian army spokesman Lieutenant Colonel Yaroslav Chepurnyi" has the
name run "Yaroslav Chepurnyi", the titles "Lieutenant Colonel", the role
"army spokesman" and the affiliation "Ukrainian army". The functions here
find the phrase head and the name run, peel off titles, party tags,
parentheticals and appositives (", a doctor at St Mary's,"), and split the
words before a head into role and affiliation. They read one mention's
tokens only; which person a name means is coreference's job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import in_lists, is_title, source_lexicon
from .tokens import (
    AFFILIATION_ENTS,
    COORDINATORS,
    DETERMINERS,
    PARTY_TAG,
    POSSESSIVE,
    RELATIVE_TAGS,
    as_written,
    join_tokens,
    strip_determiners,
    strip_edges,
    strip_possessive,
)
from .typing_rules import COMMON_NOUN_LISTS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token


def clean_name_tokens(tokens: list[Token]) -> list[Token]:
    """A PERSON name without titles, determiners, possessive or lower-case words."""
    tokens = strip_possessive(strip_edges(tokens))
    last_title = -1
    for i, token in enumerate(tokens[:-1]):  # "Mr. King": the last word is the name
        if is_title(token) or token.text.lower() in DETERMINERS:
            last_title = i
    tokens = tokens[last_title + 1 :]
    tokens = [t for t in tokens if not t.is_punct or t.text in (".", "-")]
    tokens = [
        t
        for i, t in enumerate(tokens)
        if t.text[:1].isupper()
        or t.text[:1].isdigit()
        or in_lists(t.text, "name_particles")
        or i
        and tokens[i - 1].tag_ == "HYPH"
        and not tokens[i - 1].whitespace_  # "Ki-moon"
    ]
    return strip_edges(tokens)


def with_left_modifiers(ent: Span) -> Span:
    """An entity plus the titles and modifiers to its left in the same phrase."""
    doc = ent.doc
    start = ent.start
    while start > 0:
        token = doc[start - 1]
        if token.is_punct or token.is_space or not start <= token.head.i < ent.end:
            break
        if token.dep_ not in ("compound", "amod", "nmod", "poss", "case", "det") and not is_title(token):
            break
        start -= 1
    return doc[start : ent.end]


def remove_parentheticals(tokens: list[Token]) -> tuple[list[Token], list[str]]:
    """Take "(R-Texas)"-style asides out of the mention; return them separately."""
    kept: list[Token] = []
    asides: list[str] = []
    current: list[Token] = []
    depth = 0
    for token in tokens:
        if token.text == "(":
            depth += 1
            current = []
        elif token.text == ")" and depth:
            depth -= 1
            asides.append(join_tokens(current) if current else "")
        elif depth:
            current.append(token)
        else:
            kept.append(token)
    if depth and current:
        asides.append(join_tokens(current))
    return kept, [a for a in asides if a]


def remove_party_tags(tokens: list[Token]) -> tuple[list[Token], list[str]]:
    """Take ", R-Wis.," party tags out of the token list; return them separately."""
    kept: list[Token] = []
    tags: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        is_tag = (
            token.text in ("R", "D", "I") and i + 2 < len(tokens) and tokens[i + 1].text == "-" and kept and kept[-1].text == ","
        )
        if is_tag:
            end = i + 3
            if end < len(tokens) and tokens[end].text == "." and not tokens[end - 1].whitespace_:
                end += 1
            tags.append(join_tokens(tokens[i:end]))
            kept.pop()  # the comma before the tag
            if end < len(tokens) and tokens[end].text == ",":
                end += 1
            i = end
            continue
        kept.append(token)
        i += 1
    return strip_edges(kept) or kept, tags


def split_appositive(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    """Split "Hugh Hill, a doctor at St Mary's" into core and appositive.

    A comma starts an appositive unless it separates items of a list
    ("Ukrainian, US, and South Korean sources"): a capitalised word after the
    comma with a coordinator later on marks a list.
    """
    for i, token in enumerate(tokens):
        if token.text not in (",", "—", "–") or i == 0:
            continue
        rest = tokens[i + 1 :]
        if not rest:
            return tokens[:i], []
        following = rest[0]
        has_coordinator = any(t.text.lower() in COORDINATORS for t in rest)
        possessive_soon = any(t.text in POSSESSIVE for t in rest[:4])
        if (
            has_coordinator
            and following.text[:1].isupper()
            and following.pos_ != "DET"
            and not possessive_soon
            and not PARTY_TAG.match(join_tokens(strip_edges(rest)).replace(" ", ""))
        ):
            return tokens, []
        return tokens[:i], rest
    return tokens, []


def coordinated_parts(core: list[Token]) -> list[list[Token]]:
    """The conjuncts of "Moscow and Kyiv", "the EU and Britain", "Britain, France and Germany".

    The parse decides: the phrase's own head must have conjuncts inside the
    mention, so "Russian and Ukrainian officials" (coordinated modifiers of
    one head) is one phrase. A coordinator inside an entity ("Bosnia and
    Herzegovina", "Marks and Spencer") joins one name, not two. Each part runs
    from the word after the previous conjunct's coordinator or comma, so a
    conjunct keeps its own modifiers ("Chinese leader Xi Jinping"). Returns []
    when the mention is not such a coordination.
    """
    if any(t.text in POSSESSIVE or t.tag_ == "POS" for t in core):
        return []  # "Obama and Clinton's aides": the coordination owns the head, it is not the source
    inside = {t.i for t in core}
    roots = [t for t in core if t.head.i not in inside or t.head.i == t.i]
    if len(roots) != 1 or roots[0].pos_ not in ("NOUN", "PROPN"):
        return []
    heads = sorted([roots[0], *(c for c in roots[0].conjuncts if c.i in inside)], key=lambda t: t.i)
    joiners = [t for t in core if t.dep_ in ("cc", "punct") and t.head.i in {h.i for h in heads}]
    if len(heads) < 2 or any(t.ent_type_ and t.pos_ == "CCONJ" for t in joiners):
        return []
    parts: list[list[Token]] = []
    start = 0
    for head in heads[1:]:
        boundary = max(i for i, t in enumerate(core) if t.i < head.i and (t in joiners or i == start))
        parts.append(strip_edges([t for t in core[start:boundary] if t.pos_ != "CCONJ"]))
        start = boundary + 1
    parts.append(strip_edges(core[start:]))
    return parts if all(parts) else []


def find_head(core: list[Token], offset: int = 0) -> int:
    """Index of the phrase head: the last nominal before a preposition, verb or relative.

    Partitives look through "of": "a group of doctors" is headed by "doctors".
    A pronoun heads only when it comes first ("Everyone I interviewed").
    """
    last = None
    i = offset
    while i < len(core):
        token = core[i]
        if i > offset and (token.pos_ in ("ADP", "VERB", "AUX", "PRON") or token.tag_ in RELATIVE_TAGS):
            role_length = _of_role_length(core, last) if last is not None and token.pos_ == "ADP" else 0
            if last is not None and last + role_length > i:  # never back: a role seen again must not loop
                i = last + role_length  # "Secretary of State John Kerry": the role goes on
                continue
            if token.pos_ == "VERB" and token.dep_ in ("amod", "compound"):
                pass  # "leading", "ruling": modifiers, not clauses
            elif last is not None:
                break
        nominal = token.pos_ in ("NOUN", "PROPN", "NUM") or token.pos_ == "PRON" and i == offset
        if nominal and token.text not in POSSESSIVE and token.tag_ != "PRP$":
            last = i
        i += 1
    if last is None:
        return len(core) - 1 if core[-1].pos_ != "PUNCT" else 0
    follows_of = last + 2 < len(core) and core[last + 1].text.lower() == "of"
    if follows_of and in_lists(core[last].text, "partitive_nouns"):
        return find_head(core, last + 2)
    return last


def _of_role_length(core: list[Token], start: int) -> int:
    """Length of a curated "X of Y" role ("secretary of state") starting at ``start``, else 0."""
    words = [t.text.lower() for t in core[start : start + 6]]
    for phrase in source_lexicon().multiword_roles:
        parts = phrase.split()
        if " of " in phrase and words[: len(parts)] == parts:
            return len(parts)
    return 0


def is_name_token(token: Token, previous: Token | None = None) -> bool:
    """A capitalised proper-name word that is not a title, role word or possessive.

    A title word right after an honorific is a name ("Mr. King").
    """
    if token.text in POSSESSIVE or token.is_punct and token.text != ".":
        return False
    if not token.text[:1].isupper() or token.ent_type_ in ("NORP", "GPE"):
        return False
    titled = is_title(token) or in_lists(token.text, "person_nouns")
    if titled and (previous is None or not in_lists(previous.text, "honorifics")):
        return False
    return token.pos_ in ("PROPN", "NOUN", "X", "ADJ") or token.ent_type_ == "PERSON"


def name_run(core: list[Token], head_index: int) -> list[Token]:
    """The proper-name word run ending at the head ("Yaroslav Chepurnyi")."""
    head = core[head_index]
    previous = core[head_index - 1] if head_index else None
    hyphenated = (
        head_index >= 2
        and previous is not None
        and previous.tag_ == "HYPH"
        and not previous.whitespace_
        and not core[head_index - 2].whitespace_
        and is_name_token(core[head_index - 2])
    )
    # A title word heads a name when the NER says so ("Charlie King").
    surname_title = head.ent_type_ == "PERSON" and previous is not None and previous.ent_type_ == "PERSON"
    if not (is_name_token(head, previous) or hyphenated or surname_title):
        return []
    if head.ent_type_ != "PERSON" and (in_lists(head.text, *COMMON_NOUN_LISTS) or in_lists(head.lemma_, *COMMON_NOUN_LISTS)):
        return []  # "Poll", "Readers", "the Tax Policy Center": capitalised common nouns
    start = head_index
    while start > 0:
        token = core[start - 1]
        before = core[start - 2] if start > 1 else None
        if head.ent_type_ == "PERSON" and token.ent_type_ not in ("PERSON", ""):
            break  # "Secretary of State John Kerry": "State" is not part of the name
        if is_name_token(token, before):
            start -= 1
        elif (
            before is not None
            and is_name_token(before)
            and (in_lists(token.text, "name_particles") or token.tag_ == "HYPH" and not token.whitespace_)
        ):
            start -= 2  # "Bill de Blasio", "Ban Ki-moon"
        else:
            break
    return core[start : head_index + 1]


def person_prefix(before: list[Token]) -> tuple[str | None, str | None, list[Token]]:
    """Role and affiliation from the words before a name.

    Titles next to the name ("Lieutenant Colonel", "Sen.") are peeled off
    first; a descriptive role before them ("army spokesman") wins over a rank,
    an office title is the role when nothing else is there.
    """
    multi = multiword_role_at_end(before)
    if multi:
        rest = before[: len(before) - multi]
        return _finish_role(before[len(before) - multi :], rest), affiliation_from(rest), before[len(before) - multi :]
    titles: list[Token] = []
    rest = list(before)
    # Lower-case office words ("spokesman") are descriptive roles, not titles.
    while rest and (in_lists(rest[-1].text, "honorifics", "ranks") or is_title(rest[-1]) and rest[-1].text[:1].isupper()):
        titles.insert(0, rest.pop())
    offices = [t for t in titles if not in_lists(t.text, "honorifics")]
    noun_role = rest and rest[-1].pos_ == "NOUN" and rest[-1].text.islower() and not offices
    if rest and (in_lists(rest[-1].text, "person_nouns") or noun_role):
        role, affiliation = role_and_affiliation(rest[:-1], [rest[-1]])
        return role, affiliation, titles
    if offices:
        descriptive_rank = [t for t in offices if not in_lists(t.text, "ranks") or in_lists(t.text, "offices")]
        role_tokens = descriptive_rank or offices
        adjectives: list[Token] = []
        while rest and rest[-1].pos_ == "ADJ" and not rest[-1].ent_type_:
            adjectives.insert(0, rest.pop())
        return as_written(adjectives + role_tokens), affiliation_from(rest), titles
    return None, affiliation_from(rest), titles


def multiword_role_at_end(tokens: list[Token]) -> int:
    """Length of a curated multi-word role ("press secretary") ending ``tokens``, else 0."""
    lex = source_lexicon().multiword_roles
    for size in (5, 4, 3, 2):
        if len(tokens) >= size and as_written(tokens[-size:]).lower() in lex:
            return size
    return 0


def role_and_affiliation(modifiers: list[Token], head: list[Token]) -> tuple[str | None, str | None]:
    """Split pre-head modifiers into role words and affiliation.

    "Ukrainian army" + "spokesman" -> role "army spokesman", affiliation
    "Ukrainian army"; "senior US" + "officials" -> "senior officials", "US";
    "White House's press" + "secretary" -> "press secretary", "White House".
    """
    modifiers = [t for t in modifiers if t.text.lower() not in DETERMINERS and t.pos_ not in ("DET", "PRON", "NUM", "CCONJ")]
    multi = multiword_role_at_end(modifiers + head)
    if multi:
        role_tokens = (modifiers + head)[-multi:]
        rest = (modifiers + head)[:-multi]
        return _finish_role(role_tokens, rest), affiliation_from(rest)
    role_tokens = list(head)
    i = len(modifiers)
    while i > 0 and _is_role_word(modifiers[i - 1]):
        i -= 1
        role_tokens.insert(0, modifiers[i])
    return _finish_role(role_tokens, modifiers[:i]), affiliation_from(modifiers)


def _is_role_word(token: Token) -> bool:
    """A lower-case descriptive word that belongs to the role ("army", "senior", "press")."""
    if token.text in POSSESSIVE or token.ent_type_ in AFFILIATION_ENTS or token.pos_ == "PROPN":
        return False
    if in_lists(token.text, "indefinite_determiners"):
        return False
    if token.tag_ == "HYPH" or token.text == "-" or token.pos_ == "NUM" and not token.whitespace_:
        return True  # inside "vice-presidential", "two-decade"
    if not token.whitespace_ and token.i + 1 < len(token.doc) and token.nbor(1).tag_ == "HYPH":
        return True  # the first half of "second-largest", "long-time"
    return token.pos_ in ("NOUN", "ADJ", "VERB") and (token.text.islower() or token.i == token.sent.start)


def _finish_role(role_tokens: list[Token], rest: list[Token]) -> str | None:
    """Prepend the lower-case adjectives that precede the affiliation ("senior")."""
    first_affiliation = _first_affiliation_index(rest)
    lead: list[Token] = []
    if first_affiliation is not None:
        i = first_affiliation
        while i > 0 and rest[i - 1].pos_ == "ADJ" and _is_role_word(rest[i - 1]):
            i -= 1
            lead.insert(0, rest[i])
    return as_written(lead + role_tokens) or None


def _first_affiliation_index(tokens: list[Token]) -> int | None:
    """Index of the first proper or entity word: where an affiliation starts."""
    for i, token in enumerate(tokens):
        if token.pos_ == "DET":
            continue  # spaCy puts "the" inside ORG entities
        if token.ent_type_ in AFFILIATION_ENTS or token.pos_ == "PROPN":
            return i
    return None


def affiliation_from(tokens: list[Token]) -> str | None:
    """The affiliation: from the first proper/entity word to the end, minus possessive."""
    start = _first_affiliation_index(tokens)
    if start is None:
        return None
    rest = tokens[start:]
    cut = next((i for i, t in enumerate(rest) if t.text in POSSESSIVE or t.tag_ == "POS"), None)
    if cut is not None:
        rest = rest[:cut]  # "Connecticut's tax" -> "Connecticut"
    # Trailing adjectives describe the role, not the body: "Democratic presidential".
    while len(rest) > 1 and _is_role_word(rest[-1]) and rest[-1].pos_ != "NOUN":
        rest = rest[:-1]
    rest = strip_edges(rest)
    return join_tokens(rest) or None


def read_appositive(appositive: list[Token]) -> tuple[str | None, str | None, bool]:
    """Role and affiliation from ", a doctor at St Mary's," / ", director of AROS,".

    The affiliation is the first prepositional object that names something
    ("a professor of geosciences ... at Princeton University" -> "Princeton
    University"). The flag says the affiliation came from such a phrase
    (membership) rather than a possessive ("McCrory's opponent").
    """
    tokens = cut_clause(strip_edges(appositive))
    if len(tokens) > 2 and in_lists(tokens[0].text, "partitive_nouns") and tokens[1].text.lower() == "of":
        tokens = tokens[2:]  # "one of the president's closest aides"
    tokens = [t for t in tokens if t.pos_ != "DET" and t.tag_ != "PRP$"]
    tokens = _without_age(tokens)
    if not tokens or tokens[0].pos_ == "NUM" and len(tokens) == 1:
        return None, None, False  # ", 82,": an age
    if tokens[0].pos_ == "ADP":
        return None, prep_affiliation(tokens), True  # ", of Springfield, Va.,"
    words = [t.text.lower() for t in tokens]
    lead = 0
    while lead < len(tokens) - 1 and tokens[lead].pos_ == "ADJ":
        lead += 1  # "former", "deputy"
    for phrase in sorted(source_lexicon().multiword_roles, key=len, reverse=True):
        parts = phrase.split()
        if " of " in phrase and words[lead : lead + len(parts)] == parts:  # "chief of staff to ..."
            end = lead + len(parts)
            return as_written(tokens[:end]), prep_affiliation(tokens[end:]), True
    split = next((i for i, t in enumerate(tokens) if t.pos_ == "ADP" and i > 0), None)
    left = tokens if split is None else tokens[:split]
    head = len(left) - 1
    while head > 0 and left[head].pos_ not in ("NOUN", "PROPN"):
        head -= 1
    role, affiliation = role_and_affiliation(left[:head], [left[head]])
    if split is not None:
        for i in range(split, len(tokens)):
            if tokens[i].pos_ == "ADP":
                found = prep_affiliation(tokens[i:])
                if found:
                    # Stop the object at the next preposition-led phrase only if it
                    # adds no name ("at X" keeps "for Policy Integrity").
                    return role, found, True
    return role, affiliation, False


def describe_body(appositive: list[Token]) -> tuple[str | None, str | None]:
    """The description and affiliation of a body from its descriptor.

    ", Norway's second-largest oil producer," describes the company whole (its
    role), hyphenated words and all; the affiliation is the place or body the
    descriptor names ("Norway").
    """
    tokens = strip_determiners(cut_clause(strip_edges(appositive)))
    _, affiliation, _ = read_appositive(appositive)
    return join_tokens(tokens) or None, affiliation


def _without_age(tokens: list[Token]) -> list[Token]:
    """ ", a 64-year-old pensioner,": the age is not part of the role."""
    words = [t.lower_ for t in tokens[:6]]
    if "old" in words and any(w in ("year", "years") for w in words[: words.index("old")]):
        return tokens[words.index("old") + 1 :]
    return tokens


def prep_affiliation(tokens: list[Token]) -> str | None:
    """ "of West Virginia", "for USA Today", "at the Clinton campaign" -> the object, if proper."""
    tokens = cut_clause(tokens)
    if len(tokens) < 2 or tokens[0].pos_ != "ADP" or tokens[0].text.lower() not in _MEMBERSHIP_PREPS:
        return None
    rest = strip_edges(tokens[1:])
    start = _first_affiliation_index(rest)
    if start is None:
        return None
    return join_tokens(strip_edges(rest[start:])) or None


_MEMBERSHIP_PREPS = {"of", "at", "for", "from", "with", "on", "in", "to"}


def cut_clause(tokens: list[Token]) -> list[Token]:
    """Tokens up to a relative pronoun, comma, dash or clause-level "and who"."""
    kept = []
    for index, token in enumerate(tokens):
        if token.tag_ in RELATIVE_TAGS or token.text in (",", "--", "—", "–", ";", "("):
            break
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if token.pos_ == "CCONJ" and (following is None or following.tag_ in RELATIVE_TAGS | {"DT", "PRP$"}):
            break  # "... and whose", "... and a professor at": a new clause or appositive
        kept.append(token)
    while kept and (kept[-1].pos_ == "CCONJ" or kept[-1].is_punct):
        kept.pop()
    return kept


def role_ends_phrase(core: list[Token], head_index: int) -> bool:
    """True when nothing follows the role but a multi-word role's own "of state"."""
    rest = core[head_index + 1 :]
    if not rest:
        return True
    words = [t.text.lower() for t in core[head_index:]]
    for phrase in source_lexicon().multiword_roles:
        parts = phrase.split()
        if " of " in phrase and words[: len(parts)] == parts:
            following = core[head_index + len(parts) :]
            return not following or following[0].pos_ == "CCONJ"
    return False


def possessor(modifiers: list[Token]) -> Token | None:
    """The word before a possessive marker ("ad" in "the ad's narrator"), if any."""
    for index, token in enumerate(modifiers):
        if index and (token.text in POSSESSIVE or token.tag_ == "POS"):
            return modifiers[index - 1]
        if token.tag_ == "PRP$":
            return token
    return None


def determiner_class(modifiers: list[Token]) -> str | None:
    """The phrase's determiner class: "the", "a", "poss" (his/Trump's) or None."""
    for token in modifiers:
        low = token.text.lower()
        if low in ("the", "this", "that"):
            return "the"
        if low in ("a", "an") or in_lists(low, "indefinite_determiners") or token.pos_ == "NUM":
            return "a"
        if token.tag_ == "PRP$" or token.text in POSSESSIVE:
            return "poss"
    return None


_ROLE_ALIASES = {
    "sen": "senator",
    "sens": "senator",
    "rep": "representative",
    "reps": "representative",
    "gov": "governor",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "pres": "president",
    "spokeswoman": "spokesperson",
    "spokesman": "spokesperson",
    "congressman": "representative",
    "congresswoman": "representative",
    "chairwoman": "chairman",
    "chair": "chairman",
    "businesswoman": "businessman",
}


def normal_role_word(word: str) -> str:
    """Fold abbreviations and gendered forms so "the senator" matches "Sen."."""
    low = word.lower().rstrip(".")
    return _ROLE_ALIASES.get(low, low)


def role_keys(role: str | None, titles: list[Token]) -> frozenset[str]:
    """Every role word of a named person, normalised, for description matching."""
    words = (role or "").split() + [t.text for t in titles]
    return frozenset(normal_role_word(w) for w in words if w)
