"""How Vietnamese does a decoded text look?  The yardstick of encoding detection.

A wrong decoding of Vietnamese bytes (TCVN3 read as Windows-1258, VNI read as
TCVN3, …) turns most marked syllables into strings that no Vietnamese syllable
can be: stray symbols ("C«ng"), letters outside the alphabet ("tØnh"), or
impossible rhymes ("Coâng", "Hoìa").  :func:`vietnamese_score` is the share of
valid syllables among the words that carry non-ASCII letters, penalised by
stray non-ASCII symbols; the detector keeps the candidate that scores best.

The syllable check is orthographic and deliberately a little permissive (it
accepts both tone placements, "hoà" and "hòa", and rare rhymes): it only has to
tell Vietnamese from mojibake, not to spell-check.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Combining tone marks: huyền, sắc, ngã, hỏi, nặng.
TONE_MARKS = {"\u0300": "grave", "\u0301": "acute", "\u0303": "tilde", "\u0309": "hook", "\u0323": "dot"}

ONSETS = (
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)

_RHYMES_TEXT = """
a ai ao au ay ac ach am an ang anh ap at ak
ăc ăm ăn ăng ăp ăt ăk
âu ây âc âm ân âng âp ât
e eo ec em en eng ep et
ê êu êch êm ên ênh êp êt
i ia iu ich im in inh ip it
iêu iêc iêm iên iêng iêp iêt
y yêu yêm yên yêng yêt
o oi oc om on ong op ot
oa oai oay oao oac oach oam oan oang oanh oap oat
oăc oăm oăn oăng oăt
oe oeo oen oet oem
ô ôi ôc ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ui ua uc um un ung up ut
uôi uôc uôm uôn uông uôt
uơ uê uênh uêch
uy uya uyu uych uyn uynh uyp uyt uyên uyêt
uân uâng uât uây
ư ưa ưi ưu ưc ưm ưn ưng ưt
ươi ươu ươc ươm ươn ương ươp ươt
"""
RHYMES = frozenset(_RHYMES_TEXT.split())
# A closed syllable ending in a stop takes only sắc or nặng.
_STOP_CODAS = ("c", "ch", "p", "t")
_ALPHABET = set("abcdefghijklmnopqrstuvwxyzđăâêôơư")

# Non-ASCII characters common in genuine Vietnamese text that are not letters.
ALLOWED_SYMBOLS = frozenset("\u00a0“”‘’‚„–—…•€₫°\u2022\u200b\ufeff")

_TOKEN = re.compile(r"[^\W\d_]+")
# A non-ASCII character that is neither a letter, a digit, white space nor an allowed symbol.
_STRAY = re.compile(r"[^\x00-\x7f\w\s" + re.escape("".join(sorted(ALLOWED_SYMBOLS))) + r"]|[\x80-\x9f]")


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """True if ``word`` (any case, NFC or NFD) is spelled like one Vietnamese syllable."""
    nfd = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in nfd if c in TONE_MARKS]
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONE_MARKS))
    if not base or not set(base) <= _ALPHABET:
        return False
    tone = TONE_MARKS[tones[0]] if tones else None
    for onset in ONSETS:
        if not base.startswith(onset):
            continue
        rhyme = base[len(onset):]
        if onset == "gi" and (rhyme == "" or rhyme in RHYMES or "i" + rhyme in RHYMES):
            return _tone_fits(rhyme or "i", tone)
        if onset == "qu" and not rhyme.startswith("u") and (rhyme in RHYMES or "u" + rhyme in RHYMES):
            return _tone_fits(rhyme, tone)
        if onset != "qu" and rhyme in RHYMES:
            return _tone_fits(rhyme, tone)
    return False


def _tone_fits(rhyme: str, tone: str | None) -> bool:
    if rhyme.endswith(_STOP_CODAS):
        return tone in ("acute", "dot")
    return True


@dataclass(frozen=True)
class Score:
    """``valid`` marked syllables out of ``judged`` (marked words + stray symbols)."""

    valid: int
    judged: int

    @property
    def value(self) -> float:
        """Share of valid marked syllables; 1.0 when nothing could be judged."""
        return self.valid / self.judged if self.judged else 1.0


def vietnamese_score(text: str) -> Score:
    """Judge an NFC text: how many of its non-ASCII words are Vietnamese syllables.

    Words made only of ASCII letters are ignored (every candidate decoding
    shares them); each non-ASCII symbol outside :data:`ALLOWED_SYMBOLS`, each
    C1 control and each U+FFFD counts as one more invalid item.
    """
    valid = judged = 0
    for token in _TOKEN.findall(text):
        if token.isascii():
            continue
        judged += 1
        valid += is_syllable(token)
    judged += len(_STRAY.findall(text))
    return Score(valid, judged)
