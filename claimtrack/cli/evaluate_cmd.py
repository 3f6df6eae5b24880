"""`claimtrack evaluate`: precision, recall and F1 against a gold attribution file."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from enum import Enum
from pathlib import Path

import typer
from rich.table import Table

from ..evaluate import (
    METRICS,
    DocumentErrors,
    ErrorItem,
    GoldDocument,
    Scores,
    errors_by_document,
    load_gold,
    load_predictions,
    predict,
    save_predictions,
    score,
)
from ..models import Claim
from ..store import ClaimStore, default_store_path
from ..store.files import same_file
from .common import ModelOption, choice, fail, handle_errors, progress_bar, refuse_store_files, say, stdout
from .safe_text import safe, visible


class ScoreFormat(str, Enum):
    table = "table"
    json = "json"


@handle_errors
def evaluate_command(
    gold: Path = typer.Argument(
        ...,
        metavar="GOLD.jsonl",
        help="Gold attribution file: one document a line with its text and attributions.",
        dir_okay=False,
    ),
    show_errors: bool = typer.Option(
        False, "--errors", help="Also list, per document, the gold attributions missed and the wrong predictions."
    ),
    model: str | None = ModelOption,
    predictions: Path | None = typer.Option(
        None,
        "--predictions",
        metavar="OUT.jsonl",
        help="Also write the predicted claims to OUT.jsonl, one claim record a line.",
        dir_okay=False,
    ),
    predicted: Path | None = typer.Option(
        None,
        "--predicted",
        metavar="PRED.jsonl",
        help="Score the claims in PRED.jsonl (a claim store or predictions file) instead of extracting.",
        dir_okay=False,
    ),
    output_format: ScoreFormat = typer.Option(
        ScoreFormat.table,
        "--format",
        "-f",
        parser=choice(ScoreFormat),
        help="table, or json: the scores as one JSON object (with --errors, the errors too).",
    ),
) -> None:
    """Score extraction against gold attributions: precision, recall and F1.

    Extracts the text of every gold document (the claim store is not
    touched) and compares the attributed claims (those with a source or a
    cue) with the gold attributions. attribution: content and source both
    overlap a gold attribution's (the headline figure); content: the content
    overlaps; content_tok and source_tok: the overlap of all content and all
    source tokens; when the gold attributions carry a type or nested field,
    attribution recall for each. The figures agree with the shared scorer, `score.py
    GOLD.jsonl OUT.jsonl`, run on the --predictions file.

    \b
    Examples:
      claimtrack evaluate gold.jsonl --errors
      claimtrack evaluate gold.jsonl --predictions predicted.jsonl --format json
      claimtrack evaluate gold.jsonl --predicted data/claims.jsonl
    """
    if predicted is not None and predictions is not None:
        raise typer.BadParameter("cannot be used with --predicted: the claims are already in a file", param_hint="--predictions")
    if predictions is not None:
        _refuse_to_overwrite(predictions, gold)
    gold_docs = load_gold(gold)
    claims = load_predictions(predicted) if predicted else _extract_all(gold_docs, model, predictions)
    scores = score(gold_docs, claims)
    errors = errors_by_document(gold_docs, claims) if show_errors else None
    if output_format is ScoreFormat.json:
        _print_json(scores, errors)
    else:
        _print_scores_table(scores)
        if errors is not None:
            _print_errors(errors)


def _refuse_to_overwrite(predictions: Path, gold: Path) -> None:
    """The predictions file must be neither the claim store (or its side files) nor the gold file."""
    refuse_store_files(predictions, ClaimStore(default_store_path()))
    if same_file(predictions, gold):
        raise fail(f"{predictions} is the gold file: choose another file for --predictions")


def _extract_all(gold_docs: list[GoldDocument], model: str | None, output: Path | None) -> list[Claim]:
    """Extract every gold document's claims, and write them to ``output`` when given."""
    from ..nlp import load_pipeline

    claims = _predict_with_progress(gold_docs, load_pipeline(model))
    if output is not None:
        count = save_predictions(claims, output)
        say(f"Wrote {_count(count, 'predicted claim')} to {output}")
    return claims


def _predict_with_progress(gold_docs: list[GoldDocument], nlp) -> list[Claim]:
    """:func:`predict` with a progress bar on stderr (shown for two documents or more)."""
    progress = progress_bar(len(gold_docs))
    with progress:
        task = progress.add_task("Extracting", total=len(gold_docs))
        return predict(
            gold_docs, nlp, progress=lambda doc: progress.update(task, advance=1, description=f"Extracted {visible(doc.doc_id)}")
        )


def _print_json(scores: Scores, errors: list[DocumentErrors] | None) -> None:
    """The scores in the shape ``score.py --json`` prints, plus ``errors`` when asked for."""
    data = scores.to_dict()
    if errors is not None:
        data["errors"] = [asdict(document) for document in errors]
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _print_scores_table(scores: Scores) -> None:
    table = Table(header_style="bold")
    table.add_column("metric", style="green", no_wrap=True)
    for column in ("P", "R", "F1"):
        table.add_column(column, justify="right", no_wrap=True)
    for name in METRICS:
        metric = getattr(scores, name)
        table.add_row(
            name, f"{metric.p:.3f}", f"{metric.r:.3f}", f"{metric.f1:.3f}", style="bold" if name == "attribution" else None
        )
    stdout.print(table)
    if scores.recall_by_type:
        stdout.print("recall by type: " + _recall_by_type(scores), soft_wrap=True)
    stdout.print(
        f"{_count(scores.documents, 'document')}, {_count(scores.gold_attributions, 'gold attribution')}, "
        f"{scores.predicted_attributions} predicted; "
        f"ignored: {_count(scores.unattributed_claims_ignored, 'unattributed claim')}, "
        f"predictions for {_count(scores.predictions_for_unknown_docs, 'document')} not in the gold file, "
        f"{_count(scores.nested_predictions_ignored, 'nested prediction')} where the gold does not annotate nesting",
        soft_wrap=True,
    )


def _recall_by_type(scores: Scores) -> str:
    """``direct 0.500 (1/2), nested 1.000 (2/2)``: attribution recall per kind of gold attribution, as score.py prints it."""
    return ", ".join(f"{kind} {recall.r:.3f} ({recall.found}/{recall.gold})" for kind, recall in scores.recall_by_type.items())


def _print_errors(errors: list[DocumentErrors]) -> None:
    """One table per document, then the totals on stderr."""
    if not errors:
        say("No errors: every gold attribution was found and every prediction is right.")
        return
    for document in errors:
        stdout.print(_errors_table(document))
    missed = sum(len(d.missed) for d in errors)
    wrong = sum(len(d.false_alarms) for d in errors)
    say(f"{_count(missed, 'gold attribution')} missed, {_count(wrong, 'wrong prediction')}, in {_count(len(errors), 'document')}")


def _errors_table(document: DocumentErrors) -> Table:
    """Each gold attribution missed, then each wrong prediction, in text order."""
    table = Table(title=safe(document.doc_id), title_justify="left", header_style="bold", show_lines=True)
    table.add_column("error", max_width=14)
    table.add_column("source", style="green", max_width=20)
    table.add_column("cue", style="magenta", max_width=12)
    table.add_column("content", ratio=1, min_width=24)
    for label, items in (("missed", document.missed), ("predicted", document.false_alarms)):
        for item in items:
            content = item.content + (f"\n({item.note})" if item.note else "")
            source = f"{item.source} @{item.source_start}" if item.source else "(none)"
            table.add_row(safe(_error_label(label, item)), safe(source), safe(item.cue), safe(content, one_line=False))
    return table


def _error_label(label: str, item: ErrorItem) -> str:
    """``missed a3``, ``missed a3 (wrong source)``, ``false alarm`` or ``wrong source``."""
    if label == "predicted":
        return item.kind
    name = f"missed {item.gold_id}" if item.gold_id else "missed"
    return name if item.kind == "missed" else f"{name} ({item.kind})"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
