"""One key for the spellings of one name: "Zelensky", "Zelenskyy", "Zelenskiy" and "Zelénskii" agree.

News outlets transliterate Cyrillic names each by its own system, and a
name keeps or loses its accents with the keyboard it was typed on. The key
is deliberately small and applied token by token, so that it folds
spellings of one name and nothing else:

1. accents off (NFKD, combining marks dropped), case folded, curly
   apostrophes straight, trailing full stops dropped ("Jr." = "Jr");
2. a few conventional place-name spellings mapped to today's:
   Kiev -> Kyiv, Kharkov -> Kharkiv, Odessa -> Odesa, Lvov -> Lviv;
3. ``kh`` -> ``h`` (Mikhail / Mihail), ``x`` -> ``ks`` (Alexei / Aleksei),
   ``ya``/``yu``/``yo`` -> ``ia``/``iu``/``io`` (Ilya / Ilia), ``ye`` -> ``e``
   (Medvedyev / Medvedev, Yevgeny / Evgeny), ``yi`` -> ``i`` (Kyiv / Kiiv);
4. a final ``yy``/``iy``/``ij``/``ii``/``y`` -> ``i`` (Zelenskyy / Zelenskiy /
   Zelenskij / Zelenskii / Zelensky; Sergey / Sergei), and ``ii`` -> ``i``.

Nothing else is folded: "Kim Jong Un" and "Kim Yo Jong", or "Donald Trump"
and "Donald Trump Jr.", keep different keys. No spaCy here: the store's
queries use it as well as extraction.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Typographic apostrophes read as the typewriter's: web pages print "O’Neill", "Kremlin’s" and "don’t", people
# type them with "'". Names (here), searches (claimtrack.query) and clustering signatures straighten the same three.
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
# Older spellings of places, as they appear in affiliations and organisation names.
CONVENTIONAL_SPELLINGS = {"kiev": "kyiv", "kharkov": "kharkiv", "odessa": "odesa", "lvov": "lviv"}
_INNER = (("kh", "h"), ("x", "ks"), ("ya", "ia"), ("yu", "iu"), ("yo", "io"), ("ye", "e"), ("yi", "i"))
_FINAL = re.compile(r"(?:yy|iy|ij|ii|y)$")
# Whitespace and hyphens separate a name's words: "Jong-un" is "Jong Un".
_WORD_BREAK = re.compile(r"[\s\-‐‑–]+")


@lru_cache(maxsize=65536)
def fold_token(word: str) -> str:
    """The folded key of one word of a name (see the module docstring)."""
    decomposed = unicodedata.normalize("NFKD", word)
    folded = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    folded = folded.translate(APOSTROPHES).rstrip(".") or folded
    folded = CONVENTIONAL_SPELLINGS.get(folded, folded)
    for written, key in _INNER:
        folded = folded.replace(written, key)
    folded = _FINAL.sub("i", folded) if len(folded) > 2 else folded
    while "ii" in folded:
        folded = folded.replace("ii", "i")
    return folded


def fold_name(name: str) -> tuple[str, ...]:
    """The folded key of a whole name, one entry a word: ``("volodymyr", "zelenski")``."""
    return tuple(key for key in (fold_token(word) for word in _WORD_BREAK.split(name.strip())) if key)


# Folded generational suffixes a full name may end with: "Jr.", "Sr.", and "II"/"III", which fold to "i".
SUFFIX_KEYS = frozenset({"jr", "sr", "i", "iv", "v"})


def without_suffix(key: tuple[str, ...]) -> tuple[str, ...]:
    """A folded name without its generational suffix: "Joseph R. Biden Jr." ends on "biden"."""
    return key[:-1] if len(key) > 2 and key[-1] in SUFFIX_KEYS else key


def surname_key(key: tuple[str, ...]) -> str:
    """The surname of a folded full name: its last word, or the one before a suffix ("Newkirk II")."""
    return without_suffix(key)[-1]
