"""The fast matching view equals the plain character-by-character one, offset for offset.

``build_view`` and ``fold_tone_marks`` were rewritten for speed (issue 5).  The
reference implementations below are the original, obviously-correct ones (the
view's letter-by-letter piece reader is the pipeline's own ``_plain``, which the
fast view still falls back to); the fast ones must agree with them exactly on
every input.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalise import _DASHES, _QUOTES, _WORD, MatchView, _fold_syllable, _plain, build_view, fold_tone_marks

DEV = Path(__file__).resolve().parent.parent / "corpus" / "dev"
ABBREVIATIONS = {"TNGT": "tai nạn giao thông", "ANTT": "an ninh trật tự", "TP.HCM": "Thành phố Hồ Chí Minh",
                 "CA": "Công an", "X": "", "TTXH": "trật tự xã hội"}


def reference_fold(text: str) -> str:
    return _WORD.sub(lambda m: _fold_syllable.__wrapped__(m.group(0)), text)


def reference_view(text: str, abbreviations: dict[str, str]) -> MatchView:
    folded = reference_fold(text).translate(_DASHES).translate(_QUOTES)
    pieces: list[tuple[str, int, int]] = []
    keys = sorted(abbreviations, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, keys)) + r")(?!\w)")
    pos = 0
    for m in pattern.finditer(folded) if keys else ():
        pieces.extend(_plain(folded, pos, m.start()))
        pieces.append((abbreviations[m.group(0)].lower(), m.start(), m.end()))
        pos = m.end()
    pieces.extend(_plain(folded, pos, len(folded)))
    chars, starts, ends = [], [], []
    for piece, s, e in pieces:
        for k, ch in enumerate(piece):
            chars.append(ch)
            if len(piece) == e - s:
                starts.append(s + k)
                ends.append(s + k + 1)
            else:
                starts.append(s)
                ends.append(e)
    return MatchView("".join(chars), tuple(starts), tuple(ends))


def test_dev_documents_have_identical_views():
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))]
    assert texts
    for text in texts:
        text = unicodedata.normalize("NFC", text)
        assert fold_tone_marks(text) == reference_fold(text)
        assert build_view(text, ABBREVIATIONS) == reference_view(text, ABBREVIATIONS)


VIETNAMESE = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯYđĐhqgtnkcm"
TONED = "hoá hóa thuỷ thủy khoẻ quý Quỳ Hoà HOÁ Thuý gìn TNGT ANTT TP.HCM CA X TTXH"
ALPHABET = st.sampled_from(list(VIETNAMESE) + list(" \t\n\u00a0\u2003  ,.;%-–“”‘’İẞΣσ") + TONED.split()
                           + ["\u0301", "\u0300", "\u0323", "\u0309", "\u0303", "1", "2023", "5,5"])


@settings(max_examples=400, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_random_texts_have_identical_views(text):
    for t in (text, unicodedata.normalize("NFC", text)):
        assert fold_tone_marks(t) == reference_fold(t)
        assert build_view(t, ABBREVIATIONS) == reference_view(t, ABBREVIATIONS)
        assert build_view(t, {}) == reference_view(t, {})


def test_foldable_letters_cover_every_code_point():
    """The fast fold only looks at words ending in an o/u-letter and an a/e/y-letter; no such letter is missed."""
    from pipeline.normalise import _FOLDABLE

    classes = re.findall(r"\[([^\]]*)\]", _FOLDABLE.pattern)
    first, second = set(classes[0]), set(classes[1])
    for cp in range(0x110000):
        base = unicodedata.normalize("NFD", chr(cp))[:1]
        if base in set("oOuU"):
            assert chr(cp) in first, hex(cp)
        if base in set("aAeEyY"):
            assert chr(cp) in second, hex(cp)


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_tokenizer_words_and_spaces_match_spacy(text):
    from spacy.util import get_words_and_spaces

    from pipeline.nlp import TOKEN, words_and_spaces

    view = build_view(text, ABBREVIATIONS).text
    for t in (text, view):
        assert words_and_spaces(t) == get_words_and_spaces(TOKEN.findall(t), t)


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join), st.integers(0, 80), st.integers(0, 80))
def test_view_doc_ranges_match_spacy_spans(text, a, b):
    """``ViewDoc`` reads token ranges without a ``Span``; it must say what the ``Span`` says."""
    from pipeline.nlp import NLP

    doc = NLP(ABBREVIATIONS).make_doc(text)
    lo, hi = sorted((min(a, len(doc)), min(b, len(doc))))
    span = doc[lo:hi]
    start, end = doc.view.to_doc(span.start_char, span.end_char)
    assert doc.view_text(lo, hi) == span.text
    assert doc.doc_offsets(lo, hi) == span._.doc_offsets == (start, end)
    assert doc.doc_text(lo, hi) == span._.doc_text == text[start:end]
    assert doc.words == [t.text for t in doc]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "ab", " ", "  ", "\t", "\u00a0", "\x1c", ".", "a.", "\u2003"]), max_size=25)
       .map("".join), st.lists(st.sampled_from(["a", "b", "ab", "a.", "."]), min_size=1, max_size=4),
       st.integers(0, 10))
def test_sentence_locator_matches_the_regex_search(line, words, cursor):
    from pipeline.segment import _find_words

    m = re.compile(r"\s*".join(re.escape(w) for w in words)).search(line, cursor)
    assert _find_words(line, words, cursor) == (m.span() if m else None)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "ab", " ", "  ", "\t", ".", "a."]), max_size=25).map("".join),
       st.lists(st.sampled_from(["a", "b", "ab", " ", "  ", "a."]), min_size=1, max_size=6).map("".join),
       st.integers(0, 10))
def test_sentence_exact_shortcut_agrees_with_the_locator(line, piece, cursor):
    from pipeline.segment import _find_exact, _find_words

    words = piece.split()
    if words:
        found = _find_exact(line, piece.strip(), words[0], cursor)
        assert found is None or found == _find_words(line, words, cursor)


SENTENCE_PIECES = ["Công", "an", "1", "5", " ", "  ", "\t", "\r", "\n", "\u00a0", ".", "..", "...", "?", "!", "A", "tp", "v.v",
                   "\u2026", ",", "Đ"]


def _corpus_lines() -> list[str]:
    return [line for p in sorted(DEV.parent.rglob("*.txt")) for line in p.read_text(encoding="utf-8").split("\n")]


def test_sentence_split_shortcut_equals_underthesea_on_the_corpus():
    from underthesea import sent_tokenize

    from pipeline.segment import FastSentTokenize, split_line

    lines = _corpus_lines()
    assert lines
    expected = [sent_tokenize(line) for line in lines]
    assert [split_line(line) for line in lines] == expected
    fast = FastSentTokenize(sent_tokenize)
    assert [fast(line) for line in lines] == expected
    assert fast._ready  # it checked itself and did not fall back to underthesea's loop


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(SENTENCE_PIECES), max_size=30).map("".join))
def test_sentence_split_shortcut_equals_underthesea_on_random_lines(line):
    from underthesea import sent_tokenize

    from pipeline.segment import FastSentTokenize, split_line

    assert split_line(line) == sent_tokenize(line)
    assert FastSentTokenize(sent_tokenize)(line) == sent_tokenize(line)


SPANS = st.lists(st.tuples(st.sampled_from(["a", "b"]), st.integers(0, 12), st.integers(1, 5))
                 .map(lambda t: (t[0], t[1], t[1] + t[2])), max_size=25)


@settings(max_examples=400, deadline=None)
@given(SPANS, st.sampled_from(["a", "b", "c"]), st.integers(0, 18), st.integers(0, 18))
def test_indexed_matches_answer_as_a_scan_does(spans, label, i, j):
    from pipeline.nlp import Matches

    by_label: dict[str, list[tuple[int, int]]] = {}
    for lab, s, e in spans:
        by_label.setdefault(lab, []).append((s, e))
    m = Matches(by_label)
    mine = by_label.get(label, [])
    ends = [(s, e) for s, e in mine if e == i and s >= j]
    assert m.ending_at(label, i, j) == (min(ends) if ends else None)
    for hi in (None, j):
        starts = [(s, e) for s, e in mine if s == i and (hi is None or e <= hi)]
        assert m.starting_at(label, i, hi) == (max(starts) if starts else None)
    inside = sorted({(s, e) for s, e in mine if s >= i and e <= j}, key=lambda se: (se[0], -se[1]))
    maximal = [se for k, se in enumerate(inside) if not any(o[0] <= se[0] and se[1] <= o[1] for o in inside[:k])]
    assert m.within(label, i, j) == maximal


def _corpus_sentences() -> list[str]:
    from pipeline.segment import sentences

    out = []
    for path in sorted(DEV.parent.rglob("*.txt")):
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        out += [text[s.start:s.end] for s in sentences(text)]
    return out


def test_fast_pos_tagger_equals_underthesea_on_the_corpus():
    from underthesea import pos_tag

    from pipeline.nlp import FastPosTag

    fast = FastPosTag(pos_tag)
    sents = _corpus_sentences()
    assert len(sents) > 100
    assert [fast(s) for s in sents] == [pos_tag(s) for s in sents]
    assert fast._ready is True  # the fast path was used, not the fallback


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(TONED.split() + ["Công", "an", "tỉnh", "giảm", "5%", ",", ".", "(", "“", "2023",
                                                  "Nghệ", "An", "đạt", "trên", "90", "phần", "trăm", "  "]),
                max_size=40).map(" ".join))
def test_fast_pos_tagger_equals_underthesea_on_random_sentences(sentence):
    from underthesea import pos_tag

    from pipeline.nlp import FastPosTag

    assert FastPosTag(pos_tag)(sentence) == pos_tag(sentence)


def test_window_tags_equal_whole_sentence_tags_on_the_corpus():
    """``WordTagger.pos`` tags a window around the word asked about; on the corpus that gives the whole sentence's tag."""
    from pipeline.nlp import NLP, WordTagger
    from pipeline.segment import sentences

    nlp, tagger = NLP({}), WordTagger()
    asked = 0
    for path in sorted(DEV.glob("*.txt")):
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        doc = nlp.make_doc(text)
        for seg in sentences(text):
            span = doc.char_span(nlp.to_view(doc, seg.start), nlp.to_view(doc, seg.end), alignment_mode="expand")
            if span is None or len(span) <= 2 * WordTagger.WINDOW:
                continue  # a short sentence is tagged whole either way
            tagger.tag(span)
            whole = {t.i: t._.pos_vi for t in span}
            for t in list(span)[::3]:
                if t.text[:1].isalpha():
                    asked += 1
                    assert tagger.pos(doc, t.i, span.start, span.end) == whole[t.i], (t.text, span.text)
    assert asked > 500


def _copy_of_upper(load: bool | Exception, fast):
    """A ``CheckedCopy`` of ``str.upper`` whose copy can be made to fail or to differ."""
    from pipeline.checked import CheckedCopy

    class Copy(CheckedCopy[str, str]):
        SAMPLES = ("công an",)

        def _load(self) -> bool:
            if isinstance(load, Exception):
                raise load
            return load

        def _fast(self, arg: str) -> str:
            return fast(arg)

    return Copy(str.upper)


@pytest.mark.parametrize("load, fast, ready", [
    (True, str.upper, True),                       # equal on the samples: the copy answers
    (True, str.lower, False),                      # differs on a sample: the reference answers
    (False, str.upper, False),                     # internals not found
    (ImportError("moved"), str.upper, False),      # internals moved
    (True, lambda s: 1 / 0, False),                # the copy itself fails on a sample
])
def test_checked_copy_uses_the_reference_unless_the_copy_proved_equal(load, fast, ready):
    copy = _copy_of_upper(load, fast)
    assert copy("giao ước") == "GIAO ƯỚC"
    assert copy._ready is ready


WORDLIST = st.lists(st.text(alphabet="aăbcđCĐ .", min_size=1, max_size=6), max_size=12)


@settings(max_examples=400, deadline=None)
@given(WORDLIST, st.text(alphabet="aăbcđAĂBCĐ .x", max_size=40), st.booleans())
def test_a_trie_alternation_matches_what_the_longest_first_alternation_does(words, text, fold_case):
    """``alternation`` (issue 5) is the plain alternation sorted longest first, written as a trie."""
    from pipeline.units import alternation

    plain = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) or "(?!)"
    trie = alternation(words, fold_case)
    wrap = "(?i:{})" if fold_case else "(?:{})"  # a folded trie is for case-insensitive patterns only
    for after in ("", "x"):  # "x" makes the engine backtrack into shorter words
        fast, slow = re.compile(wrap.format(trie) + after), re.compile(wrap.format(plain) + after)
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in slow.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(WORDLIST, st.text(alphabet="aăbcđAĂBCĐ .x/-\n", max_size=40), st.sampled_from([r"\w", r"[\w/-]"]))
def test_whole_words_match_what_a_look_behind_first_does(words, text, boundary):
    """``whole_words`` (issue 5) looks back past a word's first letter; the matches are those of the plain
    regex that opens with the look-behind, a word ending in "." left open at its end."""
    from pipeline.normalise import whole_words

    words = [w for w in words if w]
    branches = "|".join(re.escape(w) + ("" if w.endswith(".") else f"(?!{boundary})") for w in words) or "(?!)"
    slow = re.compile(f"(?<!{boundary})(?:{branches})")
    fast = re.compile(whole_words(words, boundary, open_end=lambda w: w.endswith(".")))
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in slow.finditer(text)]
