"""`claimtrack render`: one document's claims as a standalone HTML page."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import typer

from .common import StoreOption, fail, handle_errors, open_store, refuse_store_files, say, text_value, warn


@handle_errors
def render_command(
    doc_id: str = typer.Argument(
        ..., metavar="DOC_ID", callback=text_value, help="Document id, or any unique prefix of it (see claimtrack docs)."
    ),
    output: str | None = typer.Option(
        None,
        "--output",
        "-o",
        metavar="FILE",
        callback=text_value,
        help="Write the page to FILE ('-': standard output). Default: DOC_ID.html in the current directory, "
        "or standard output when that is piped and --open is not given.",
        show_default=False,
    ),
    open_page: bool = typer.Option(False, "--open", help="Open the page in the web browser once written."),
    store: Path | None = StoreOption,
) -> None:
    """Write a document's text as one HTML page with every claim highlighted.

    Sources, cues and claim contents are marked in their own colours, each
    claim carries its fact-check status, claims reported inside another
    claim sit inside its content, and a list beside the text gives every
    claim's source, cue, status and cluster size (how many claims of the
    store state that fact), linked both ways. The page is one file
    that loads nothing: no network, scripts, fonts or images. A removed
    document whose annotated claims were kept is rendered from its kept
    text with those claims, marked removed.

    \b
    Examples:
      claimtrack render north-korea -o article.html --open
      claimtrack render north-korea > article.html
    """
    from ..render import cluster_sizes_in, load_article, render_html

    target = open_store(store)
    article = load_article(target, doc_id)
    if article.removed:
        count = len(article.claims)
        kept = "1 annotated claim kept as an orphan" if count == 1 else f"{count} annotated claims kept as orphans"
        say(f"{article.record.doc_id} was removed: its kept text, with the {kept}")
    if article.left_out:
        count = article.left_out
        warn(f"left out {count} claim{'s' if count != 1 else ''} of {article.record.doc_id} that index an older text")
    page = render_html(article, cluster_sizes=cluster_sizes_in(target, article.claims))
    destination = _destination(output, article.record.doc_id, open_page=open_page)
    if destination is None:
        sys.stdout.write(page)
        return
    refuse_store_files(destination, target)
    destination.write_text(page, encoding="utf-8")
    claims = len(article.claims)
    say(f"Wrote {destination} ({claims} claim{'s' if claims != 1 else ''} of {article.record.doc_id})")
    if open_page:
        _open_in_browser(destination)


def _destination(output: str | None, doc_id: str, *, open_page: bool) -> Path | None:
    """Where the page goes: the file named, else standard output (None) when it is piped or asked for."""
    if output == "-":
        if open_page:
            raise fail("--open needs a file: give -o FILE, not -o -", 2)
        return None
    if output is not None:
        return Path(output)
    if not open_page and not sys.stdout.isatty():
        return None
    # A document id may hold characters a file name should not (a URL's, for one).
    return Path(re.sub(r"[^\w.-]+", "-", doc_id).strip(".-") or "document").with_suffix(".html")


def _open_in_browser(path: Path) -> None:
    import webbrowser

    if not webbrowser.open(path.resolve().as_uri()):
        warn(f"no web browser could be started: open {path} yourself")
