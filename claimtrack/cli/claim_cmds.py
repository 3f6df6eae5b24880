"""`claimtrack show` and `claimtrack annotate`: one claim at a time."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..models import Claim, Status
from ..store import ClaimStore
from .common import StoreOption, fail, handle_errors, nonblank_text, open_store, say, status_option, stdout, text_value
from .safe_text import safe, safe_styled, visible

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable

    from rich.table import Table
    from rich.text import Text
    from rich.tree import Tree

    from ..query import ClaimChain


# The "orphaned" line of show: what it means for the verdict.
ORPHANED = "yes: its document changed or was removed, and no longer has these words; its history is kept"


@handle_errors
def show_command(
    claim_id: str = typer.Argument(..., metavar="ID", callback=text_value, help="Claim id, or any unique prefix of it."),
    as_json: bool = typer.Option(False, "--json", help="Print the record as JSON instead."),
    store: Path | None = StoreOption,
) -> None:
    """Show one claim in context, with its chain and history.

    Prints the claim's paragraph with the source and cue highlighted, its
    fields and the numbers it states, the chain of nested reports it
    belongs to (the claims it is reported inside, up to the top-level one,
    and the claims reported inside it), and every fact-check event
    recorded for it (in UTC, to the second; "from ID" when it came
    through the cluster of claim ID). --json prints the record alone.

    \b
    Examples:
      claimtrack show 3f2a
      claimtrack show 3f2a --json
    """
    target = open_store(store)
    claim = target.get(claim_id)
    if as_json:
        sys.stdout.write(json.dumps(claim.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n")
        return
    from rich.panel import Panel  # here, not at the top: annotate, beside it, starts without it

    from ..query import claim_chain

    # Everything is read before anything is printed: a bad line further on in the store is one error, not an
    # error after half a claim.
    chain = claim_chain(claim, _document_claims(target, claim.doc_id))
    context = _highlighted_context(claim, target.document_text(claim))
    stdout.print(Panel(context, title=safe(f"claim {claim.id}"), title_align="left"))
    stdout.print(_fields_table(claim))
    if chain.ancestors or chain.nested or chain.missing_parent:
        stdout.print(_chain_tree(chain))
    stdout.print(_history_table(claim))


def _document_claims(store: ClaimStore, doc_id: str) -> Iterable[Claim]:
    """The claims of one document: through DuckDB on a large store it vouches for, else read in Python."""
    from .. import duckquery
    from ..query import ClaimFilter, filter_claims

    selection = ClaimFilter(doc=doc_id)
    if duckquery.usable(store):
        return duckquery.read_claims(store, selection)
    return filter_claims(store.iter_claims(), selection)


def _chain_tree(chain: ClaimChain) -> Tree:
    """The chain as a tree from the top-level claim down, this claim marked, the claims inside it below."""
    from rich.text import Text
    from rich.tree import Tree

    tree = Tree(Text("chain", style="bold"))
    node = tree
    if chain.missing_parent:
        node = node.add(safe(f"{chain.missing_parent}  (parent claim no longer in the store)", "dim"))
    for ancestor in chain.ancestors:
        node = node.add(_chain_label(ancestor))
    node = node.add(_chain_label(chain.claim).append("  ◀ this claim", style="bold"))
    parents = {0: node}
    for depth, nested in chain.nested:
        parents[depth] = parents[depth - 1].add(_chain_label(nested))
    return tree


def _chain_label(claim: Claim) -> Text:
    source = claim.source.text if claim.source else ("(hedged)" if claim.hedged else "")
    cue = claim.cue.text if claim.cue else ""
    from rich.text import Text

    parts = [(visible(claim.id[:8]), "cyan"), ("  ", ""), (visible(source), "green"), (" ", ""), (visible(cue), "magenta")]
    from .tables import shorten  # here: rich.table is for show, not annotate

    return Text.assemble(*parts, ": ", visible(shorten(claim.text, 120)))


def _highlighted_context(claim: Claim, stored_text: str | None) -> Text:
    """The paragraph around the claim, with the source, cue and content marked."""
    from ..context import claim_context

    context = claim_context(claim, stored_text)
    spans = [(*context.relative(claim.start, claim.end), "underline")]
    if claim.cue is not None:
        spans.append((*context.relative(claim.cue.start, claim.cue.end), "bold magenta"))
    if claim.source is not None:
        spans.append((*context.relative(claim.source.start, claim.source.end), "bold green"))
    text = safe_styled(context.text, spans)
    if context.note:
        text.append("\n").append_text(safe(f"({context.note})", "dim"))
    return text


def _fields_table(claim: Claim) -> Table:
    from rich.table import Table

    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    source = claim.source
    rows = [
        ("document", f"{claim.doc_id}  [{claim.start}:{claim.end}]" + (f"  {claim.doc_path}" if claim.doc_path else "")),
        ("claim", claim.text),
        ("source", source.text if source else ("none (hedged)" if claim.hedged else "none")),
        ("source name", (source.name or "") if source else ""),
        ("source type", source.type.value if source and source.type else ""),
        ("role", (source.role or "") if source else ""),
        ("affiliation", (source.affiliation or "") if source else ""),
        ("cue", claim.cue.text if claim.cue else ""),
        ("quote", claim.quote.value if claim.quote else ""),
        ("hedged", "yes" if claim.hedged else "no"),
        ("status", claim.status.value),
        ("orphaned", ORPHANED if claim.orphaned else ""),
        ("numbers", "; ".join(f"{q.text} = {q.describe()}" for q in claim.quantities)),
    ]
    for label, value in rows:
        if value:
            table.add_row(label, safe(value, one_line=label != "claim"))
    return table


def _history_table(claim: Claim) -> Table | Text:
    """Every event, oldest first: when (UTC, to the second), the status, through which claim's cluster it came,
    the note, evidence and tags; a column no event has anything for is left out."""
    from rich.text import Text

    from .tables import Column, terminal_time, word_wrapped_table  # here: rich.table is for show, not annotate

    if not claim.annotations:
        return Text("No annotations yet.", style="dim")
    columns = [
        # "2026-12-03 20:49:07": the time goes under the day where room is short.
        Column("when (UTC)", ratio=1, cap=10),
        Column("status"),
        Column("applied", ratio=1, cap=10, hide_empty=True),
        Column("note", ratio=4, cap=16, readable=12, hide_empty=True, one_line=False),
        # A URL breaks after its slashes.
        Column("evidence", ratio=3, cap=14, hide_empty=True, one_line=False),
        Column("tags", ratio=1, cap=12, hide_empty=True, give_way=1),
    ]
    rows = [
        (
            terminal_time(event.at, seconds=True),
            event.status.value,
            _applied(event.applied_from, claim),
            event.note or "",
            # One item a line; each shown as a one-line value.
            "\n".join(visible(item) for item in event.evidence),
            ", ".join(event.tags),
        )
        for event in claim.annotations
    ]
    table = word_wrapped_table(columns, rows, stdout.width)
    table.title, table.title_justify = "history", "left"
    return table


def _applied(applied_from: str | None, claim: Claim) -> str:
    """How an event recorded with ``annotate --cluster`` reached this claim; "" for one recorded on it directly."""
    if applied_from is None:
        return ""
    return "to cluster" if applied_from == claim.id else f"from {applied_from[:8]}"


@handle_errors
def annotate_command(
    claim_id: str = typer.Argument(..., metavar="ID", callback=text_value, help="Claim id, or any unique prefix of it."),
    status: Status | None = status_option("New fact-check status (see below). Default: unchanged."),
    note: str | None = typer.Option(
        None, "--note", metavar="TEXT", callback=nonblank_text, help="A note for this step of the check."
    ),
    evidence: list[str] = typer.Option(
        [], "--evidence", metavar="URL", callback=nonblank_text, help="A URL or reference backing the verdict; repeatable."
    ),
    tag: list[str] = typer.Option([], "--tag", metavar="TAG", callback=nonblank_text, help="A tag for the claim; repeatable."),
    cluster: bool = typer.Option(
        False,
        "--cluster",
        help="Record it on every claim of ID's cluster (claimtrack similar ID), each event naming ID; ID may be a cluster id.",
    ),
    store: Path | None = StoreOption,
) -> None:
    """Record a fact-check: status, note, evidence, tags.

    Every call appends a timestamped event to the claim's history; nothing
    is overwritten. With --cluster the event goes into the history of every
    claim that states the same fact, each saying it came through the
    cluster from ID: `claims --status` then finds every copy. Without
    --status, each copy keeps its own status.

    \b
    Statuses:
      unverified    not yet checked (every new claim starts here)
      verified      checked and supported by the evidence
      false         checked and contradicted by the evidence
      misleading    literally accurate but creates a false impression
      disputed      credible sources disagree; no verdict yet
      unverifiable  cannot be checked with the evidence available

    \b
    Examples:
      claimtrack annotate 3f2a --status disputed --note "Only one source"
      claimtrack annotate 3f2a --status false --evidence https://example.org/report --tag money
      claimtrack annotate 3f2a --status false --cluster
    """
    if status is None and not (note or evidence or tag):
        raise fail("nothing to record: give --status, --note, --evidence or --tag")
    target = open_store(store)
    if cluster:
        claims = target.annotate_cluster(claim_id, status=status, note=note, evidence=list(evidence), tags=list(tag))
        say(_cluster_annotated(claims))
        return
    claim = target.annotate(claim_id, status=status, note=note, evidence=list(evidence), tags=list(tag))
    events = len(claim.annotations)
    say(f"{claim.id}: {claim.status.value} ({events} event{'s' if events != 1 else ''} in its history)")


def _cluster_annotated(claims: list[Claim]) -> str:
    """What annotate --cluster recorded: on the claim named (first) and the other claims of its cluster."""
    first, others = claims[0], len(claims) - 1
    named = first.annotations[-1].applied_from
    if named != first.id:  # ID named a cluster, whose founding claim is gone
        return f"cluster {named}: recorded on its {len(claims)} claim{'s' if len(claims) != 1 else ''}"
    if not others:
        return f"{first.id}: {first.status.value}; no other claim states the same fact, so it went on this one only"
    return f"{first.id}: {first.status.value}, and {others} other claim{'s' if others != 1 else ''} of its cluster"


@handle_errors
def schema_command() -> None:
    """Print the JSON Schema of a claim record.

    Each line of claims.jsonl is one such record.

    \b
    Example:
      claimtrack schema > claim.schema.json
    """
    sys.stdout.write(json.dumps(Claim.model_json_schema(), indent=2) + "\n")
