"""claimtrack: who claims what in news articles, and what fact-checkers found."""

__version__ = "0.1.0"
