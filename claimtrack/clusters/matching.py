"""Whether two claims state the same fact: a veto on differing particulars, then a learned likeness.

Precision comes first. Two claims that each give a figure or a date the
other lacks ("1,400 homes" / "400 homes", "by 2028" / "by 2030") are
different facts however alike their words, unless one hedges its figure
and the other's is just inside the hedge ("almost 10,000" / "9,800"); so
are two that each name a place or person the other lacks ("in Kestria" /
"in Valdoria"), unless
their documents tell the same story, where a place may be named at another
level: there differing names are weighed by the likeness, not a veto
(leave-one-group-out on the fixture stories, a veto on names everywhere
kept fewer right pairs at a lower precision). A claim that only adds a
particular the other leaves out may still be the same fact told more fully.
A claim whose content is names or pronouns alone ("praised Donald Trump":
"Donald Trump") states no fact, and is never matched (:func:`says_nothing`).
Among the rest, the likeness is the probability of a logistic regression
over a dozen features of the pair that are cheap to compute
(:func:`pair_features`): a string similarity of their words (``rapidfuzz``),
the cosine of their sentence vectors (:mod:`.embedding`), which finds
paraphrases whose words differ, whether their figures agree (and are
distinctive), whether their documents tell the same story, and the names,
dates and blocking keys they share, and whether they are attributed to the
same source (or to sources whose names end in the same word). The weights
are plain constants, fitted by ``scripts/train_cluster_scorer.py`` on every
group of stories of ``benchmarks/cluster_quality.py``: run it again, rather
than tuning them by hand, when a feature changes.
"""

from __future__ import annotations

import functools
import math
import operator
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from .embedding import cosine
from .signature import (
    ABOUT,
    AT_LEAST,
    AT_MOST,
    DEGREES,
    DURATION,
    FIGURE,
    IN_WORDS,
    NUMBER,
    PERIOD,
    TIME_KIND,
    Signature,
    figure_key,
    is_distinctive,
    word_of,
)

# The learned likeness, written by scripts/train_cluster_scorer.py: the weight of each of pair_features'
# values, in their order, and the bias. No corpus statistics: a pair is scored from its two signatures alone.
FEATURES = (
    "text_similarity",
    "cosine",
    "same_figures",
    "agreeing_distinctive_figures",
    "one_sided_figures",
    "partly_agreeing_distinctive_figures",
    "same_story",
    "negation_mismatch",
    "shared_names",
    "names_substituted",
    "log_shared_keys",
    "log_fewer_words",
    "shared_dates",
    "same_source",
    "same_source_head",
)
_AGREEING_DISTINCTIVE = FEATURES.index("agreeing_distinctive_figures")
WEIGHTS = (
    +4.6944,  # text_similarity
    +5.6430,  # cosine
    +2.0130,  # same_figures
    +0.7584,  # agreeing_distinctive_figures
    -1.6315,  # one_sided_figures
    +2.9619,  # partly_agreeing_distinctive_figures
    +5.3696,  # same_story
    -0.8792,  # negation_mismatch
    -0.1432,  # shared_names
    -0.0904,  # names_substituted
    -0.0473,  # log_shared_keys
    -0.7724,  # log_fewer_words
    +2.8288,  # shared_dates
    +0.2538,  # same_source
    +1.7039,  # same_source_head
)
BIAS = -9.1622
# The lowest probability at which the replayed assignment (merging clusters as assign.document_clusters does)
# reached 0.93 pairwise precision on the fixture stories, in sample (0.930 / 0.711; each group left out in turn and
# scored by a model fitted on the others: 0.928 pooled precision, 0.703 recall). Fitted on every group but
# the never-looked-at ones at stop 48, with the figures that one side tells and the other states too
# (partly_agreeing_distinctive_figures): with the later groups among the fitted stories the model of stop 26
# (threshold 0.61 for 0.95 on fewer groups) gave them 0.941 / 0.637, and a threshold for 0.95 would have been 0.90
# (recall 0.59). Without that feature, the same refit gives 0.919 / 0.690 at 0.60. Tried and not kept
# (the curve of precision against recall on the fitted groups no better): ordinals as figures ("the 11th" / "the
# eleventh"), words of one meaning as one stem ("died" / "killed"), hedges both sides share, products of the
# features with same_story, the vectors' full 256 dimensions (+0.005 recall for twice the bytes). Nor, at stop 50,
# the alignment of the two claims' words one by one (BERTScore's F over the embedding table's word vectors: "shed
# 4,800 positions" / "cut 4,800 jobs worldwide, 1,900 of them at home"): refitted, 0.909 / 0.711 -> 0.913 / 0.714
# over every pair of benchmarks/cluster_quality.py, 0.917 / 0.694 -> 0.921 / 0.696 on the never-looked groups,
# for 1.1 s more CPU in the 4.1 s that clustering adds to the store step of benchmarks/cluster_speed.py.
MATCH_PROBABILITY = 0.61
# Two claims this alike in their words' order (rapidfuzz's token-sort ratio) and their sentence vectors are
# one text, copied (wire copy): the same fact wherever they are found. The fixture stories have such pairs
# only within a story (all 42 labelled ones the same fact), so the learned likeness cannot know it elsewhere.
COPY_LIKENESS = 0.9
# Two claims of one story whose words but their names are this alike (Jaccard), with names that differ on
# both sides, are about other places or people ("3 killed in Kharkiv" / "3 killed in Odesa").
SAME_WORDS_OTHER_NAMES = 0.8
# Agreeing distinctive figures are counted up to this many: more tell little more.
MOST_AGREEING = 3
# Names in common are counted up to this many.
MOST_NAMES = 3
# Two claims of which one is negated or denied, and whose words are nearly all the same (Jaccard; "the
# terminal served a military purpose" / "... no military purpose"), state opposites. Where the words
# differ more the negation may be in another word ("had not been vaccinated" / "unvaccinated", "had not
# yet been reviewed" / "still had to be reviewed"): left to the likeness (negation_mismatch is a feature).
OPPOSITE_OVERLAP = 0.8
# Two claims with no word in common but names (and no figure or date) are one fact only with sentence vectors
# this near: a paraphrase in other words altogether.
NAMES_ONLY_COSINE = 0.5
# Or the shorter's words (this many at least) this much in the longer's, which sets a condition ("would take part in
# the joint borrowing only if ...") on the reverse of the shorter ("would not take part in the joint borrowing"): the
# Jaccard overlap of the two misses it (a QA pass: annotate --cluster gave one the other's verdict).
OPPOSITE_CONTAINED = 0.75
OPPOSITE_WORDS = 3
# Words of a movement up or down, as a signature keeps them (stemmed): the same words with one reversed
# state the opposite ("the toll rose to 19" / "the toll fell to 19").
_UP_WORDS = (
    "rise rises rising rose risen increase increases increasing increased grow grows growing grew grown "
    "gain gains gaining gained climb climbs climbing climbed jump jumps jumping jumped surge surges surging "
    "surged soar soars soaring soared higher raise raises raising raised "
    # Jobs and the like: "would add 500 jobs" / "would cut 500 jobs" ("added" is a reporting verb, no word kept).
    "add adds adding create creates creating created hire hires hiring hired"
)
_DOWN_WORDS = (
    "fall falls falling fell fallen decrease decreases decreasing decreased shrink shrinks shrinking shrank "
    "shrunk drop drops dropping dropped decline declines declining declined slump slumps slumping slumped "
    "plunge plunges plunging plunged sink sinks sinking sank lower cut cuts cutting reduce reduces reducing reduced"
)
# Other pairs of words of which one states the opposite or another outcome, in otherwise the same words: "the
# mine had passed a safety inspection" / "had failed", "23 miners were killed" / "were injured", "a net profit of
# €212m" / "a net loss of €212m".
_OPPOSITE_WORDS = (
    (_UP_WORDS, _DOWN_WORDS),
    ("pass passes passed passing", "fail fails failed failing"),
    ("win wins won winning", "lose loses lost losing"),
    ("profit profits", "loss losses"),
    ("approve approves approved approving accept accepts accepted accepting", "reject rejects rejected rejecting"),
    ("convict convicts convicted convicting", "acquit acquits acquitted acquitting"),
    ("open opens opened opening reopen reopens reopened reopening", "close closes closed closing shut shuts shutting"),
    ("kill kills killed killing dead died die dies dying", "injure injures injured injuring wound wounds wounded wounding"),
    ("confirm confirms confirmed confirming", "deny denies denied denying"),
    ("lift lifts lifting lifted", "impose imposes imposed imposing"),
    (
        "arrest arrests arrested arresting detain detains detained detaining",
        "release releases released releasing free frees freed freeing",
    ),
)
_OPPOSITES = tuple(
    (frozenset(word_of(word) for word in one.split()), frozenset(word_of(word) for word in other.split()))
    for one, other in _OPPOSITE_WORDS
)
# Every word of those pairs: a reversal needs one in each claim, which most pairs scored do not have.
_ANY_OPPOSITE = frozenset().union(*(one | other for one, other in _OPPOSITES))
# Two measures converted from one another agree within this share ("12 miles" / "19 km").
CONVERSION_TOLERANCE = 0.03
# Durations more loosely: a month is no whole number of weeks, and writers round one into the other ("within six
# weeks" / "within a month and a half", 8% apart), where "18 months" / "two years" are 25% apart. On the fitted
# fixture groups (the training script's replay, stop 48): +0.002 recall at every threshold, precision the same.
DURATION_TOLERANCE = 0.1
# A hedged figure ("almost 10,000", "just under two in five", "about $4bn") agrees with one this share of it
# inside its bound ("9,800", "38%", "$3.9bn"): a writer who rounds says so. Leave-one-group-out on the fixture
# stories (refitted): 0.946 / 0.645 with exact figures only, 0.947 / 0.648 with 3%, 0.947 / 0.653 with 5%,
# 0.941 / 0.658 with 10% (its lower threshold let in more look-alikes: the sixth group's precision 0.800).
HEDGE_TOLERANCE = 0.05
# A share written in words is rounded to the nearest simple fraction: "more than a fifth" may be 22%, "almost a
# third" 30%, "less than a fifth" 18% (fixture pairs vetoed at 5%). A tenth of it either way: the next fractions
# ("a quarter", "a sixth") are further off.
SHARE_TOLERANCE = 0.1
# A converted measure: "~19km", "~54.2GW".
_MEASURE = re.compile("~" + NUMBER)
# Endings of a people's adjective, checked against the country's name (see _same_name).
_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "an", "i")


@dataclass(frozen=True)
class Match:
    """How alike two claims are: ``score``, a probability from 0 to 1 that they state the same fact (so the
    most alike of several candidates ranks first); ``same`` when it reaches :data:`MATCH_PROBABILITY`."""

    score: float
    same: bool


def compare(a: Signature, b: Signature, *, same_story: bool = False) -> Match:
    """Whether ``a`` and ``b`` state the same fact, and how alike they are; ``same_story`` when their documents
    tell the same story."""
    if differ(a, b, same_story=same_story):
        return Match(0.0, False)
    return likeness(a, b, same_story=same_story)


def likeness(
    a: Signature, b: Signature, closeness: float | None = None, *, same_story: bool = False, vetted: bool = False
) -> Match:
    """How alike ``a`` and ``b`` are, for two signatures :func:`differ` does not keep apart.

    ``closeness`` is the cosine of their vectors when it is already known
    (:func:`~claimtrack.clusters.embedding.cosines` scores a claim's candidates at once); ``same_story``
    when their documents tell the same story; ``vetted`` when :func:`differ` was asked of them (which rules
    out opposite statements) and ``a`` says something."""
    if says_nothing(b) if vetted else unmatchable(a, b):
        return Match(0.0, False)
    if closeness is None:
        closeness = cosine(a.vector, b.vector)
    features = pair_features(a, b, closeness, same_story=same_story)
    score = probability(features)
    if closeness < NAMES_ONLY_COSINE and _share_names_alone(a, b):
        # One speaker's two statements in one story share the speaker, the story and a name or two: "the loan
        # would keep Ukraine's economy afloat" / "Ukraine could join the European Union by 2030" (a QA pass).
        return Match(score, False)
    if not same_story and not shares_a_name(a, b):
        # Across stories, no name anchors the fact: only a copy of a distinctive figure's sentence (wire copy
        # of "air defences shot down 97 of the drones") is taken for one.
        return Match(score, is_copy(features) and features[_AGREEING_DISTINCTIVE] > 0)
    return Match(score, score >= MATCH_PROBABILITY or is_copy(features))


def _share_names_alone(a: Signature, b: Signature) -> bool:
    """No word in common but names, and no figure or date."""
    if a.numbers & b.numbers or a.dates & b.dates:
        return False
    common = a.words & b.words
    return not common or common <= {word_of(name) for name in a.names | a.lead | b.names | b.lead}


def shares_a_name(a: Signature, b: Signature) -> bool:
    """Both claims name one person, place or body, in any of its forms, or are attributed to one named source.

    Claims of documents that tell different stories state one fact only with
    such an anchor, or as copies of one sentence with a distinctive figure
    (see :func:`likeness`): "the death toll stood at 12", "three days of
    mourning", "repairs would take at least three weeks" or "neither side's
    account could be independently verified" say the same words of every
    event they are written about (on the fixture stories, all in one store,
    most claims wrongly joined across stories were such)."""
    if a.source and a.source == b.source:
        return True
    named_a, named_b = a.names | a.lead, b.names | b.lead
    if not named_a or not named_b:
        return False
    return not named_a.isdisjoint(named_b) or any(_same_name(x, y) for x in named_a for y in named_b)


def unmatchable(a: Signature, b: Signature) -> bool:
    """Never the same fact, whatever the likeness: opposite statements, or one side that states nothing."""
    return says_nothing(a) or says_nothing(b) or opposite(a, b)


def says_nothing(signature: Signature) -> bool:
    """The content is names alone, or pronouns ("Donald Trump", "him", "Clinton"): what an act was aimed at
    ("praised Donald Trump", "criticised him"), no fact anyone else could state. Two such claims share the
    name and little else, and in a story their sentence vectors are near: the likeness would join them."""
    # Asked of every pair scored: most claims have a figure, a date, or more words than names, and say something.
    if signature.numbers or signature.dates or len(signature.words) > len(signature.names) + len(signature.lead):
        return False
    named = {word_of(name) for name in signature.names | signature.lead}
    return signature.words <= named


def is_copy(features: tuple[float, ...]) -> bool:
    """The pair with these :func:`pair_features` is one text copied: its words and its vector nearly the same."""
    return features[0] >= COPY_LIKENESS and features[1] >= COPY_LIKENESS


def shared_keys(a: Signature, b: Signature) -> int:
    """How many words, figures and names ``a`` and ``b`` share: their blocking keys in common, a distinctive
    figure counted once (as the likeness was fitted), without building the keys, which cost a pair more than
    the rest of its features."""
    shared = len(a.words & b.words) + len((a.names | a.lead) & (b.names | b.lead))
    if a.numbers and b.numbers:
        shared += len({figure_key(n) for n in a.numbers} & {figure_key(n) for n in b.numbers})
    return shared


def opposite(a: Signature, b: Signature) -> bool:
    """Nearly the same words, one side negated or denied, or a movement reversed ("prices rose 5 percent" /
    "prices fell 5 percent"), or another outcome ("passed" / "failed", "killed" / "injured"): opposite
    statements, never the same fact."""
    if (a.rejected or b.rejected) and (_states_rejected(a, b) or _states_rejected(b, a)):
        return True
    if a.negated != b.negated:
        return _jaccard(a.words, b.words) >= OPPOSITE_OVERLAP or _conditioned(a, b)
    if a.words.isdisjoint(_ANY_OPPOSITE) or b.words.isdisjoint(_ANY_OPPOSITE):
        return False
    return any(_reversed(a.words, b.words, one, other) or _reversed(b.words, a.words, one, other) for one, other in _OPPOSITES)


def _states_rejected(a: Signature, b: Signature) -> bool:
    """``b`` states at least half the words of what ``a`` sets aside (``Signature.rejected``), neither negated nor
    set aside: "funded by frozen Russian assets" / "funded by joint borrowing rather than frozen Russian assets" (a
    QA pass: the two were one cluster, the words in common but "rather than" nearly all). "Damaged but not
    destroyed" is "damaged rather than destroyed"."""
    if b.negated:
        return False
    stated = a.rejected & b.words
    return bool(stated) and 2 * len(stated) >= len(a.rejected) and stated.isdisjoint(b.rejected)


def _conditioned(a: Signature, b: Signature) -> bool:
    """The longer claim sets a condition, and the shorter's words are nearly all in it: "Hungary would not take part
    in the joint borrowing" / "Hungary would take part in the joint borrowing only if ..." (one side negated, see
    :func:`opposite`): a position and its reverse on terms, not one fact. Without a condition, a negation in
    other words is left to the likeness ("had not yet been peer reviewed" / "still had to be peer reviewed")."""
    shorter, longer = (a, b) if len(a.words) <= len(b.words) else (b, a)
    common = len(shorter.words & longer.words)
    return longer.conditional and len(shorter.words) >= OPPOSITE_WORDS and common >= OPPOSITE_CONTAINED * len(shorter.words)


def _reversed(a: frozenset[str], b: frozenset[str], one: frozenset[str], other: frozenset[str]) -> bool:
    """``a`` has a word of ``one`` where ``b`` has a word of ``other`` (something went up where it went
    down), and neither the other's, in otherwise nearly the same words."""
    if not (a & one and b & other) or a & other or b & one:
        return False
    return _jaccard(a - one, b - other) >= OPPOSITE_OVERLAP


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """The share of the words of either that both have (0 for no words)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def probability(features: tuple[float, ...], weights: tuple[float, ...] = WEIGHTS, bias: float = BIAS) -> float:
    """The logistic regression's probability that a pair with ``features`` states one fact."""
    z = bias + sum(map(operator.mul, weights, features))
    return 1 / (1 + math.exp(-z)) if z > -500 else 0.0


def pair_features(a: Signature, b: Signature, closeness: float, *, same_story: bool) -> tuple[float, ...]:
    """The values :data:`WEIGHTS` weigh, in the order of :data:`FEATURES`: each cheap to compute from the two
    signatures (set operations, one ``rapidfuzz`` ratio), as a claim is scored against 15 candidates and
    its counterparts in its story's documents (see :func:`~claimtrack.clusters.assign.paired_claims`)."""
    same_figures = bool(a.numbers) and not _unmatched(a, b) and not _unmatched(b, a)
    distinctive = sum(is_distinctive(figure) for figure in a.numbers) if same_figures else 0
    one_sided = bool(a.numbers or b.numbers) and not same_figures  # one tells a figure the other does not
    # Where one side tells more figures ("downed 97 of the drones and four missiles" / "97 of the drones had been
    # brought down"), those of a's that b states too, and few facts share.
    partly = _agreeing_distinctive(a, b) if one_sided and a.numbers and b.numbers else 0
    return (
        fuzz.token_sort_ratio(a.text, b.text) / 100,
        closeness,
        float(same_figures),
        float(min(distinctive, MOST_AGREEING)),
        float(one_sided),
        float(min(partly, MOST_AGREEING)),
        float(same_story),
        float(a.negated != b.negated),
        float(min(len(a.names & b.names), MOST_NAMES)),
        float(names_substituted(a.names, b.names)),
        math.log1p(shared_keys(a, b)),
        math.log1p(min(len(a.words), len(b.words))),
        float(len(a.dates & b.dates)),
        float(bool(a.source) and a.source == b.source),
        float(bool(a.source) and bool(b.source) and _head(a.source) == _head(b.source)),
    )


def _agreeing_distinctive(a: Signature, b: Signature) -> int:
    """How many of ``a``'s distinctive figures (:func:`is_distinctive`) ``b`` states too."""
    unmatched = _unmatched(a, b)
    return sum(is_distinctive(figure) for figure in a.numbers if figure not in unmatched)


def _head(source: str) -> str:
    """The last word of a signature's source: a person's surname, whatever first name or title comes before it
    ("yulia savka" / "ombudsman yuliia savka", "andriy sokil" / "andrii sokil"), or what a body is, however
    fully it is named ("the air force" / "velnia's air force"), where the whole names differ. A feature the
    likeness weighs, never a veto: two countries' foreign ministries end in one word too."""
    return source.rpartition(" ")[2]


# Amounts in two of these currencies that are within this ratio of one another may be one sum converted by
# each writer at their own rate ("about €9 billion" / "some $9.7 billion"): not a difference between two claims.
_CONVERTIBLE = frozenset({"usd", "eur", "gbp", "chf"})
EXCHANGE_BAND = (1 / 1.35, 1.35)


def _converted(a: str, b: str) -> bool:
    """Two amounts of money in different currencies of :data:`_CONVERTIBLE`, within :data:`EXCHANGE_BAND`."""
    a, _, period_a = a.partition(PERIOD)
    b, _, period_b = b.partition(PERIOD)
    ma, mb = FIGURE.fullmatch(a), FIGURE.fullmatch(b)
    if ma is None or mb is None or (period_a and period_b and period_a != period_b):
        return False
    units = {ma["unit"], mb["unit"]}
    if len(units) != 2 or not units <= _CONVERTIBLE:
        return False
    va, vb = float(ma["value"]), float(mb["value"])
    return vb != 0 and EXCHANGE_BAND[0] <= va / vb <= EXCHANGE_BAND[1]


def differ(a: Signature, b: Signature, *, same_story: bool = False) -> bool:
    """Each claim has a figure, a date or a name that the other lacks: different particulars, different facts.

    The same words said of other names are other facts, in any story ("3 killed in Kharkiv" / "3 killed in
    Odesa": one night's strikes on two cities). Told in other words, names that differ are a veto only
    outside a story: within one, a place may be named at another level ("Hartwell County" / "Ostby") or
    a person by their office, so there they are a feature of the likeness (see :func:`names_substituted`).
    Outside a story, no fixture pair with names that differ stated one fact.

    Opposite statements (:func:`opposite`) are kept apart the same way: a claim that states the opposite of a
    member of a cluster must not join that cluster through another member it is more like in other words,
    and be given its verdict."""
    only_a, only_b = _unmatched(a, b), _unmatched(b, a)
    figures = bool(only_a) and bool(only_b) and not _all_converted(only_a, only_b)
    if figures and _change_restated(only_a, only_b, a.numbers & b.numbers):
        figures = False
    if figures or _dates_substituted(a.dates, b.dates):
        return True
    if _same_words_other_names(a, b) or opposite(a, b):
        return True
    return not same_story and names_substituted(a.names, b.names)


def _all_converted(only_a: tuple[str, ...], only_b: tuple[str, ...]) -> bool:
    """Every figure of each side that the other lacks is a sum the other gives in another currency."""
    return all(any(_converted(x, y) for y in only_b) for x in only_a) and all(
        any(_converted(y, x) for x in only_a) for y in only_b
    )


def _change_restated(only_a: tuple[str, ...], only_b: tuple[str, ...], shared: frozenset[str]) -> bool:
    """One side's only other figure is the rate it moved from, the other's the change: "raised its key rate to
    14.5% from 11.5%" / "by three percentage points, to 14.5%" (a shared 14.5%, 14.5 - 11.5 = 3). One move
    told two ways, where "by two points, to 9.5%" against those shares no level."""
    if len(only_a) != 1 or len(only_b) != 1:
        return False
    for level, change in ((only_a[0], only_b[0]), (only_b[0], only_a[0])):
        ml, mc = FIGURE.fullmatch(level), FIGURE.fullmatch(change)
        if ml is None or mc is None or ml["unit"] != "%" or mc["unit"] != "pt":
            continue
        moved = float(mc["value"])
        for other in shared:
            mo = FIGURE.fullmatch(other)
            if mo is not None and mo["unit"] == "%" and abs(abs(float(mo["value"]) - float(ml["value"])) - moved) < 1e-6:
                return True
    return False


def _same_words_other_names(a: Signature, b: Signature) -> bool:
    """Names (a capitalised first word too: "Ukraine shot down 30 drones" / "Russia shot down 30 drones") that
    differ on both sides, and the other words nearly all the same (Jaccard): the same thing said of another."""
    named_a, named_b = a.names | _leads_named(a, b), b.names | _leads_named(b, a)
    if not names_substituted(named_a, named_b):
        return False
    named = {word_of(name) for name in named_a | named_b}
    return _jaccard(a.words - named, b.words - named) >= SAME_WORDS_OTHER_NAMES


def _leads_named(a: Signature, b: Signature) -> frozenset[str]:
    """``a``'s capitalised first word, unless ``b`` writes it as an ordinary word: "Parliament must still ratify the
    contract" / "the contract has to be ratified by Ostmere's parliament" name no other body."""
    if not a.lead:
        return a.lead
    return frozenset(lead for lead in a.lead if lead in b.names or lead in b.lead or word_of(lead) not in b.words)


def _dates_substituted(a: frozenset[str], b: frozenset[str]) -> bool:
    """A year, month, day of the month or weekday on each side that differ. Parts of different kinds are no
    difference: "on April 23" and "next Thursday" may be one day, "in 2024" and "in April" one month."""
    only_a, only_b = a - b, b - a
    if not only_a or not only_b:
        return False
    kinds = {part.partition(":")[0] for part in only_a} - {TIME_KIND}  # a time of day told two ways is no difference
    return any(part.partition(":")[0] in kinds for part in only_b)


def _unmatched(a: Signature, b: Signature) -> tuple[str, ...]:
    """The figures of ``a`` that no figure of ``b`` states, exactly or within a hedge of either (see :func:`hedged`)."""
    if a.numbers <= b.numbers:  # most pairs: no figure, or none that b lacks
        return ()
    return _unmatched_figures(a.numbers, b.numbers, a.bounded, b.bounded, a.restated)


# A pair's figures are compared by the veto (differ) and again by its likeness (pair_features), and a claim's
# figures against each of its candidates': the answers are kept (frozensets keep their hashes).
@functools.lru_cache(maxsize=1 << 14)
def _unmatched_figures(
    numbers: frozenset[str],
    others: frozenset[str],
    bounded: frozenset[str],
    others_bounded: frozenset[str],
    restated: frozenset[str],
) -> tuple[str, ...]:
    found = [figure for figure in numbers - others if not any(same_figure(figure, other) for other in others)]
    if found and (bounded or others_bounded):  # most claims hedge no figure
        found = [figure for figure in found if not any(hedged(figure, other, bounded, others_bounded) for other in others)]
    if len(found) < len(numbers):  # some figure of a's is b's too, which a may restate in another currency
        matched = numbers.difference(found)
        found = [figure for figure in found if not _restates(figure, matched) and not _in_brackets(figure, restated, matched)]
    return tuple(found)


def _in_brackets(figure: str, restated: frozenset[str], matched: frozenset[str]) -> bool:
    """``figure`` and a ``matched`` figure of a claim are one figure in two units, the one restating the other in
    brackets ("2.6 billion crowns (230 million euros)"; the claim's ``restated``): whichever the other claim
    states, both are stated."""
    return any(f"{figure}>{other}" in restated or f"{other}>{figure}" in restated for other in matched)


def _restates(figure: str, stated: frozenset[str]) -> bool:
    """``figure`` is one of the ``stated`` sums in another currency ("€60 million ($65 million)"): the same
    amount converted for the reader, no particular of its own."""
    return any(_converted(figure, other) for other in stated)


def hedged(a: str, b: str, bounded_a: frozenset[str] = frozenset(), bounded_b: frozenset[str] = frozenset()) -> bool:
    """Two signature figures of one unit, one of them hedged (its bound in ``bounded_a`` or ``bounded_b``, see
    ``Signature.bounded``), and the other inside that hedge: "almost 10,000" may be 9,800, "less than 40%" 38%,
    "about $4bn" $3.9bn, within :data:`HEDGE_TOLERANCE` of the hedged figure."""
    ma, mb = FIGURE.fullmatch(a), FIGURE.fullmatch(b)
    if ma is None or mb is None or ma["unit"] != mb["unit"]:
        return False
    va, vb = float(ma["value"]), float(mb["value"])
    bound_a, bound_b = _bound_of(a, bounded_a), _bound_of(b, bounded_b)
    if bound_a == bound_b and bound_a in (AT_LEAST, AT_MOST):
        # Two bounds the same way are two counts, not one count and its hedge: a running tally's updates
        # ("at least 1,353" / "at least 1,410"), where "about" on both sides is one figure rounded two ways.
        return False
    return _inside(va, vb, bound_b, IN_WORDS + b in bounded_b) or _inside(vb, va, bound_a, IN_WORDS + a in bounded_a)


def _bound_of(figure: str, bounded: frozenset[str]) -> str | None:
    return next((mark for mark in (AT_MOST, AT_LEAST, ABOUT) if mark + figure in bounded), None)


def _inside(value: float, hedge: float, bound: str | None, in_words: bool = False) -> bool:
    """``value`` is inside the ``hedge`` figure's ``bound`` (a mark of ``Signature.bounded``; None for none);
    ``in_words`` when the hedge is a share written in words."""
    # A hair over the tolerance, so that a figure at its very edge is inside whichever way its decimals were
    # rounded: shares in words are kept to six digits ("a third" is 33.3333%, and 30 is a tenth under it).
    slack = (SHARE_TOLERANCE if in_words else HEDGE_TOLERANCE) * abs(hedge) * (1 + 1e-6)
    if bound == AT_MOST:
        return hedge - slack <= value <= hedge
    if bound == AT_LEAST:
        return hedge <= value <= hedge + slack
    return bound == ABOUT and abs(value - hedge) <= slack


def same_figure(a: str, b: str) -> bool:
    """Two signature figures state one number: equal, or measures in one unit that agree within the tolerance.

    A period stated on one side only is a particular the other leaves out ("1,200 trains a day" / "1,200
    trains would be cancelled each day", where the period is not next to the figure): not a difference.
    """
    if a == b:
        return True
    a, _, period_a = a.partition(PERIOD)
    b, _, period_b = b.partition(PERIOD)
    if period_a and period_b and period_a != period_b:
        return False
    if a == b or _on_its_scale(a, b) or _on_its_scale(b, a):
        return True
    ma, mb = _MEASURE.fullmatch(a), _MEASURE.fullmatch(b)
    if ma is None or mb is None or ma["unit"] != mb["unit"]:
        return False
    va, vb = float(ma["value"]), float(mb["value"])
    tolerance = DURATION_TOLERANCE if ma["unit"] == DURATION else CONVERSION_TOLERANCE
    return abs(va - vb) <= tolerance * max(abs(va), abs(vb))


def _on_its_scale(bare: str, scaled: str) -> bool:
    """ "41 degrees" and "41C" (or "41F"): a temperature whose scale one side leaves unsaid."""
    return bare.endswith(DEGREES) and scaled[: len(bare)] == bare and scaled[len(bare) :] in ("c", "f")


def names_substituted(a: frozenset[str], b: frozenset[str]) -> bool:
    """Names that differ on both sides ("in Kestria" / "in Valdoria"), where "Russia" and "Russian", or "Korea"
    and "Korean", are one name."""
    if a <= b or b <= a:  # most pairs: no name of one side missing from the other
        return False
    return any(_unnamed(name, b) for name in a - b) and any(_unnamed(name, a) for name in b - a)


def _unnamed(name: str, names: frozenset[str]) -> bool:
    """``name`` is none of ``names``, in any of their forms."""
    prefix = name[:4]  # the forms _same_name finds share the first four letters: most names are ruled out here
    return not any(_same_name(name, other) for other in names if other[:4] == prefix)


def _same_name(a: str, b: str) -> bool:
    """One name in two forms: "Russia" / "Russian", and a country and its people's adjective ("Hadrany" /
    "Hadranian", "China" / "Chinese"), where the word differs from the stem only by a letter or two
    (not "Australia" / "Austrian")."""
    if a[:4] != b[:4]:  # both forms below keep at least the first four letters: most pairs end here
        return False
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if len(shorter) >= 4 and longer.startswith(shorter):
        return True
    for ending in _DEMONYM_ENDINGS:
        stem = longer.removesuffix(ending)
        if stem != longer and len(stem) >= 4 and shorter.startswith(stem) and len(shorter) - len(stem) <= 2:
            return True
    return False
