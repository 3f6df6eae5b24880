"""Readers that turn one kind of input (HTML, Markdown, a URL) into document text.

:mod:`claimtrack.ingest` decides which reader an input needs and owns the
:class:`~claimtrack.ingest.Document`; each reader here is a plain function
from decoded text to text (plus metadata for web pages). Heavy parsers
(trafilatura, markdown-it) are imported inside the functions that use them,
so reading plain text, or running a command that reads nothing, never
loads them.
"""
