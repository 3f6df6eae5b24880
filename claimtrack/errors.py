"""Typed errors raised by the library; the CLI turns each into one line and an exit code."""


class ClaimtrackError(Exception):
    """Base class: the message is what the user sees, on one line."""

    exit_code = 1


class InputError(ClaimtrackError):
    """An input document is missing, unreadable, empty or not text.

    ``label`` names the input (a path, a URL, ``<stdin>``) when the error is about one. The message starts with
    it too, but a file name may itself hold ": " ("report: final.txt"), so the message cannot be cut to find it.
    """

    def __init__(self, message: str, *, label: str | None = None):
        super().__init__(message)
        self.label = label


class StoreError(ClaimtrackError):
    """The claim store cannot be read or written."""


class BadRecordError(StoreError):
    """A line of the store is not a valid claim record."""

    def __init__(self, path: str, line: int, problem: str):
        self.path = path
        self.line = line
        self.problem = problem
        super().__init__(f"{path}:{line}: {problem}")


class ClaimNotFoundError(ClaimtrackError):
    """No claim, or more than one claim, matches an id prefix."""


class DocumentNotFoundError(ClaimtrackError):
    """No document, or more than one, matches an id prefix; or the store holds no text for it."""


class ModelError(ClaimtrackError):
    """No spaCy pipeline could be loaded, or the attribution model is missing or unreadable."""


class EvaluationError(ClaimtrackError):
    """A gold or predictions file cannot be read, or one of its lines is not valid."""


class LexiconError(ClaimtrackError):
    """A shipped word list is missing, misspelt or malformed: a packaging bug, never user input."""


class ClusterError(ClaimtrackError):
    """Dask is not installed, or its scheduler cannot be reached."""
