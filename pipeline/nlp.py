"""NLP stage: spaCy ``Doc`` objects over the matching view, and phrase lexicons.

The ``Doc`` is built on the normalised view (``MatchView.text``) with syllable,
number and punctuation tokens, so lexicon phrases match however the document
spelled them.  Token ranges map back to document offsets through one method,
``ViewDoc.doc_offsets`` (``Span._.doc_offsets`` for a ``Span``) — the only
place view offsets are converted.

underthesea's word segmentation and POS tags are expensive (tens of ms per
article), so the ``WordTagger`` runs only on the sentences a rule asks about and
caches per sentence.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from itertools import accumulate
from operator import add
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from .checked import CheckedCopy
from .normalise import MatchView, build_view, fold_tone_marks

_T = TypeVar("_T")
TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+|[^\w\s]")
_TOKEN_AND_BLANKS = re.compile(rf"(\s*)({TOKEN.pattern})( ?)")  # blanks before a token, it, one space after


class ViewDoc(Doc):
    """A ``Doc`` over a matching view that carries the view, the document text and its token texts.

    The rule stages ask about tokens and token ranges hundreds of thousands of
    times per batch.  A custom extension (``doc._.x``) builds an ``Underscore``
    object on every access (about 5 µs) and a ``Span`` costs as much again, so
    the three are plain attributes here and ranges are read from the view text
    by token offsets.  ``Span._.doc_offsets`` and ``Span._.doc_text`` remain the
    extensions for code that holds a ``Span``.
    """

    view: MatchView
    text_original: str  # the document text the view maps back to
    words: list[str]  # token texts
    token_starts: list[int]  # view offset of each token, and the view's length last

    def view_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` without building the ``Span``."""
        if end <= start:
            return ""
        return self.view.text[self.token_starts[start]:self.token_starts[end - 1] + len(self.words[end - 1])]

    def doc_offsets(self, start: int, end: int) -> tuple[int, int]:
        """Document offsets of tokens ``[start, end)`` (``doc[start:end]._.doc_offsets``)."""
        lo = self.token_starts[start]
        hi = self.token_starts[end - 1] + len(self.words[end - 1]) if end > start else lo
        return self.view.to_doc(lo, hi)

    def doc_text(self, start: int, end: int) -> str:
        """Document text of tokens ``[start, end)`` (``doc[start:end]._.doc_text``)."""
        lo, hi = self.doc_offsets(start, end)
        return self.text_original[lo:hi]


def _view_doc(span: Span) -> ViewDoc:
    return span.doc  # type: ignore[return-value]  # every Doc of the pipeline is a ViewDoc


def _register_extensions() -> None:
    """Register the Span/Token extensions once per process."""
    if not Span.has_extension("doc_offsets"):
        Span.set_extension("doc_offsets", getter=lambda span: _view_doc(span).doc_offsets(span.start, span.end))
        Span.set_extension("doc_text", getter=lambda span: _view_doc(span).doc_text(span.start, span.end))
        Token.set_extension("pos_vi", default=None)


_register_extensions()


class Tokenizer:
    """Syllable tokenizer: tokens keep exact offsets into the text they split."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> ViewDoc:
        words, spaces = words_and_spaces(text)
        doc = ViewDoc(self.vocab, words=words, spaces=spaces)
        doc.words = words
        doc.token_starts = list(accumulate(map(add, map(len, words), spaces), initial=0))
        return doc


def words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    """``spacy.util.get_words_and_spaces(TOKEN.findall(text), text)`` in one pass.

    ``TOKEN`` matches every non-blank character, so the text between two tokens
    is blank: one " " right after a token is its trailing space, and any other
    blank run becomes a whitespace token (a single " " is still taken as
    trailing space first, as spaCy does).  The result is the same lists, so
    ``Doc(words, spaces).text == text`` holds by construction.
    """
    words: list[str] = []
    spaces: list[bool] = []
    word, space = words.append, spaces.append
    for blank, token, trailing in _TOKEN_AND_BLANKS.findall(text):
        if blank:
            word(blank)
            space(False)
        word(token)
        space(bool(trailing))
    end = len(text.rstrip()) + (1 if spaces and spaces[-1] else 0)  # the last token ends at the last non-blank
    if end < len(text):
        word(text[end:])
        space(False)
    return words, spaces


class NLP:
    """Builds views and Docs; one instance per process."""

    def __init__(self, abbreviations: Mapping[str, str]) -> None:
        self.vocab = Vocab()
        self.tokenizer = Tokenizer(self.vocab)
        self.abbreviations = {fold_tone_marks(k): fold_tone_marks(v) for k, v in abbreviations.items()}

    def view(self, text: str) -> MatchView:
        return build_view(text, self.abbreviations)

    def make_doc(self, text: str) -> ViewDoc:
        """A Doc over the matching view of ``text`` (document text or a lexicon phrase)."""
        return self.doc_for(self.view(text), text)

    def doc_for(self, view: MatchView, text: str) -> ViewDoc:
        """A Doc over ``view``, a view (or a selection of one, see ``MatchView.select``) of ``text``."""
        doc = self.tokenizer(view.text)  # doc.text == view.text by construction (see words_and_spaces)
        doc.view = view
        doc.text_original = text
        return doc

    def to_view(self, doc: ViewDoc, offset: int) -> int:
        """View offset of a document offset (first view char at or after it)."""
        return bisect_left(doc.view.starts, offset)


def _longest_from(spans: list[tuple[int, int]]) -> dict[int, int]:
    """start → the longest match's end."""
    out: dict[int, int] = {}
    for s, e in spans:
        if e > out.get(s, -1):
            out[s] = e
    return out


def _starts_by_end(spans: list[tuple[int, int]]) -> dict[int, list[int]]:
    """end → the starts of the matches ending there, ascending."""
    out: dict[int, list[int]] = {}
    for s, e in sorted(set(spans)):
        out.setdefault(e, []).append(s)
    return out


def _by_start(spans: list[tuple[int, int]]) -> tuple[list[int], list[tuple[int, int]]]:
    """The matches by start, longest first at each start, and their starts (for bisecting)."""
    ordered = sorted(set(spans), key=lambda se: (se[0], -se[1]))
    return [s for s, _ in ordered], ordered


class _LabelIndex(dict[str, _T]):
    """label → ``build(that label's matches)``, built when first looked up.

    A hit is a plain dict lookup: the rules ask hundreds of thousands of questions.
    """

    def __init__(self, build: Callable[[list[tuple[int, int]]], _T], by_label: Mapping[str, list[tuple[int, int]]]) -> None:
        super().__init__()
        self.build, self.by_label = build, by_label

    def __missing__(self, label: str) -> _T:
        index = self[label] = self.build(self.by_label.get(label, []))
        return index


class Matches:
    """Lexicon matches of one Doc, indexed for the rule stages' questions.

    The rules ask thousands of "which match of this label starts/ends at token
    i" questions per document, so a label's matches are indexed (by start, by
    end) when the first such question comes, rather than scanned per question.
    """

    def __init__(self, by_label: Mapping[str, Iterable[tuple[int, int]]] | None = None) -> None:
        self.by_label: dict[str, list[tuple[int, int]]] = {k: list(v) for k, v in (by_label or {}).items()}
        self._longest = _LabelIndex(_longest_from, self.by_label)
        self._ends = _LabelIndex(_starts_by_end, self.by_label)
        self._starts = _LabelIndex(_by_start, self.by_label)
        self._prefixed: dict[str, list[str]] = {}

    def ending_at(self, label: str, end: int, lo: int = 0) -> tuple[int, int] | None:
        """Longest match of ``label`` ending exactly at token ``end`` and starting at or after ``lo``."""
        starts = self._ends[label].get(end)
        if starts:
            k = bisect_left(starts, lo)
            if k < len(starts):
                return starts[k], end
        return None

    def starting_at(self, label: str, start: int, hi: int | None = None) -> tuple[int, int] | None:
        """Longest match of ``label`` starting exactly at token ``start``."""
        end = self._longest[label].get(start)
        if end is None:
            return None
        if hi is None or end <= hi:
            return start, end
        ends = [e for s, e in self.by_label[label] if s == start and e <= hi]  # rare: the longest overruns
        return (start, max(ends)) if ends else None

    def labels_starting_with(self, prefix: str) -> list[str]:
        """The labels with matches in this Doc that start with ``prefix`` ("unit:"), in ``by_label`` order."""
        found = self._prefixed.get(prefix)
        if found is None:
            found = self._prefixed[prefix] = [label for label in self.by_label if label.startswith(prefix)]
        return found

    def first_starting_at(self, labels: Iterable[str], start: int, hi: int | None = None) -> tuple[int, int] | None:
        """``starting_at`` for the first of ``labels``, in their order, that has a match there."""
        for label in labels:
            if span := self.starting_at(label, start, hi):
                return span
        return None

    def first_ending_at(self, labels: Iterable[str], end: int, lo: int = 0) -> tuple[int, int] | None:
        """``ending_at`` for the first of ``labels``, in their order, that has a match there."""
        for label in labels:
            if span := self.ending_at(label, end, lo):
                return span
        return None

    def within(self, label: str, lo: int, hi: int) -> list[tuple[int, int]]:
        """Matches of ``label`` inside tokens ``[lo, hi)``, longest first at each start."""
        starts, ordered = self._starts[label]
        out: list[tuple[int, int]] = []
        for k in range(bisect_left(starts, lo), len(ordered)):
            s, e = ordered[k]
            if s >= hi:
                break
            if e > hi or (out and e <= out[-1][1]):  # overruns, or nested in the previous one
                continue
            out.append((s, e))
        return out


def clauses(doc: ViewDoc, lo: int, hi: int) -> list[tuple[int, int]]:
    """Split tokens ``[lo, hi)`` at semicolons: figures never share words across them."""
    out, start = [], lo
    for i, word in enumerate(doc.words[lo:hi], lo):
        if word == ";":
            out.append((start, i))
            start = i + 1
    out.append((start, hi))
    return [(s, e) for s, e in out if e > s]


def year_frame(doc: ViewDoc, m: Matches, i: int, hi: int, span_end: bool = True) -> tuple[int, int] | None:
    """``(year, end)`` of a time frame at token ``i``: "năm 2024", "năm học 2024 - 2025" (a school year is
    named by its first year) or "giai đoạn 2011 - 2015" (a span is over when its last year is; with
    ``span_end=False`` it is named by when it starts); ``end`` is just past the frame.  None when there is none."""
    for label, last in (("year_frames", False), ("span_frames", span_end)):
        frame = m.starting_at(label, i, hi)
        if frame is None or frame[1] >= hi or not is_year(doc.words[frame[1]]):
            continue
        end = frame[1] + 1
        if end + 1 < hi and doc.words[end] == "-" and is_year(doc.words[end + 1]):
            return int(doc.words[end + 1 if last else end - 1]), end + 2
        return int(doc.words[end - 1]), end
    return None


def is_pictograph(word: str) -> bool:
    """A token that is one symbol character: an emoji or a bullet sign."""
    return len(word) == 1 and unicodedata.category(word) == "So"


_PICTOGRAPHS = "nlp.pictographs"  # its key in Doc.user_data


def pictographs(doc: ViewDoc) -> frozenset[int]:
    """Indices of the Doc's pictograph tokens, found once per Doc: the target rules ask about every token of a
    phrase, and a post's emoji parts its phrases."""
    found = doc.user_data.get(_PICTOGRAPHS)
    if found is None:
        found = doc.user_data[_PICTOGRAPHS] = frozenset(i for i, w in enumerate(doc.words) if is_pictograph(w))
    return found


def is_year(word: str) -> bool:
    return word.isdigit() and len(word) == 4


_ITEM_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})*")


def item_marker_end(doc: ViewDoc, m: Matches, lo: int, hi: int) -> int:
    """Where the marker of a list item at token ``lo`` ends ("-", "2.", "2.1.", "b)", "(3)"); ``lo`` when there is none."""
    words = doc.words
    i = lo + 1 if lo < hi and words[lo] == "(" else lo
    if i >= hi:
        return lo
    closer = words[i + 1] if i + 1 < hi else ""
    if _ITEM_NUMBER.fullmatch(words[i]) and closer in {".", ")"}:  # "2.", "2.1." of an outline
        return i + 2
    if m.starting_at("bullets", i, i + 1) and (words[i] in "-+*•" or closer == ")"):
        return i + 2 if closer == ")" else i + 1
    if is_pictograph(words[i]):  # a pictograph bullet: ✅, 📊, ➢, ●
        return i + 1
    return lo


WORD_LOOKALIKES = "word_lookalikes"  # words holding a lexicon phrase's syllable that are other words


class Lexicon:
    """Every phrase list of the lexicon files in one ``PhraseMatcher``.

    Labels are the file's keys; nested groups become ``group:key`` labels
    ("comparator_before:>=").  The label travels with every match so a rule can
    say which wording fired.
    """

    def __init__(self, nlp: NLP, entries: Mapping[str, Iterable[str]]) -> None:
        self.nlp = nlp
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.phrases: dict[str, list[str]] = {}
        self._labels: dict[int, str] = {}  # the matcher's label ids
        for label, phrases in entries.items():
            phrases = list(phrases)
            self.phrases[label] = phrases
            docs: list[Doc] = [nlp.tokenizer(nlp.view(p).text) for p in phrases if p.strip()]
            if docs:
                self.matcher.add(label, docs)
                self._labels[nlp.vocab.strings[label]] = label

    def match(self, doc: ViewDoc) -> Matches:
        found: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for match_id, start, end in self.matcher(doc):
            found[self._labels[match_id]].append((start, end))
        words = found.get(WORD_LOOKALIKES)
        if words:
            for label, spans in found.items():
                if label != WORD_LOOKALIKES:
                    found[label] = [s for s in spans if not any(_cuts(s, w) for w in words)]
        return Matches(found)


def _cuts(span: tuple[int, int], word: tuple[int, int]) -> bool:
    """``span`` takes a syllable of ``word`` without taking the whole word ("bằng" of "Cao Bằng", "bằng khen")."""
    return span[0] < word[1] and word[0] < span[1] and not (span[0] <= word[0] and word[1] <= span[1])


def flatten_lexicon(data: Mapping[str, object]) -> dict[str, list[str]]:
    """``{"a": [...], "b": {"x": [...]}}`` → ``{"a": [...], "b:x": [...]}``; keys starting with '_' are notes."""
    out: dict[str, list[str]] = {}
    for key, value in data.items():
        if key.startswith("_"):
            continue
        if isinstance(value, Mapping):
            for sub, phrases in value.items():
                out[f"{key}:{sub}"] = list(phrases)
        else:
            out[key] = list(value)  # type: ignore[arg-type]
    return out


class WordTagger:
    """underthesea word segmentation + POS, on demand, aligned to Doc tokens.

    Tags the *document* text of a span (capitalisation helps the tagger) and
    gives each view token the tag of the word covering its document offset, so
    expanded abbreviations and re-spacing cannot misalign them.
    """

    WINDOW = 8  # tokens either side of the one asked about (see ``pos``)

    def __init__(self) -> None:
        from underthesea import pos_tag  # imported lazily: the model loads on first use

        self._pos_tag = FastPosTag(pos_tag)

    def load(self) -> None:
        """Load the tagger's models now rather than on first use (before forking worker processes)."""
        self._pos_tag("Khởi động mô hình.")

    def pos(self, doc: ViewDoc, i: int, lo: int, hi: int) -> str:
        """The tag of token ``i`` of the sentence ``[lo, hi)``, from tagging the words around it.

        Only a window of ``WINDOW`` tokens either side is tagged: segmentation and
        tagging features reach two words away, and tagging costs per word, so a
        long sentence need not be tagged whole for one of its words.  The window
        is centred on ``i`` every time, so the answer never depends on which
        word was asked about before.
        """
        self.tag(doc[max(lo, i - self.WINDOW):min(hi, i + self.WINDOW + 1)])
        return doc[i]._.pos_vi

    def tag(self, span: Span) -> None:
        """Set ``token._.pos_vi`` on every token of ``span``."""
        start, _ = span._.doc_offsets
        original = span._.doc_text
        words: list[tuple[int, int, str]] = []
        cursor = 0
        for word, tag in self._pos_tag(original):
            at = original.find(word, cursor)
            if at < 0:
                continue
            words.append((start + at, start + at + len(word), tag))
            cursor = at + len(word)
        view = _view_doc(span).view
        k = 0
        for token in span:
            if token.is_space:
                continue
            offset = view.starts[token.idx]
            while k < len(words) and words[k][1] <= offset:
                k += 1
            token._.pos_vi = words[k][2] if k < len(words) and words[k][0] <= offset else "X"


_TEMPLATE_SYNTAX = re.compile(  # underthesea.pipeline.pos_tag.tagged_feature.template2features
    r"T\[(?P<index1>\-?\d+)(\,(?P<index2>\-?\d+))?\](\[(?P<column>.*)\])?(\.(?P<function>.*))?")


class FastPosTag(CheckedCopy[str, list[tuple[str, str]]]):
    """``underthesea.pos_tag(sentence)`` with the same model and the same features, computed in one pass.

    underthesea builds the CRF features of each word with ``template2features``,
    which copies the whole sentence for every feature of every word (quadratic:
    tens of milliseconds for a long sentence).  This computes the very same
    feature strings from the model's own template, then calls the same CRF
    model.  It checks its features and its tags against underthesea's on
    first use (``checked.CheckedCopy``).  ``tests/test_fast_view.py`` compares
    the two on many sentences.
    """

    SAMPLES = ("Chợ thịt chó nổi tiếng ở TP.HCM bị truy quét, 95% hộ kinh doanh đã đóng cửa.",)

    def _load(self) -> bool:
        from underthesea import word_tokenize
        from underthesea.pipeline.pos_tag import tagged_feature
        from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

        predictor = CRFPOSTagPredictor.Instance()
        self._tokenize = word_tokenize
        self._model = predictor.model
        self._apply = tagged_feature.apply_function
        self._specs = []
        for syntax in predictor.transformer.template:
            m = _TEMPLATE_SYNTAX.match(syntax)
            if m is None:
                return False
            index2 = m.group("index2")
            self._specs.append((f"{syntax}=", int(m.group("index1")), int(index2) if index2 else None,
                                int(m.group("column")) if m.group("column") else 0, m.group("function")))
        words = self._tokenize(self.SAMPLES[0])
        return self.features(words) == predictor.transformer.transform([[(w, "X") for w in words]])[0][0]

    def features(self, words: list[str]) -> list[list[str]]:
        """The CRF features of each word, exactly as underthesea's ``TaggedTransformer`` makes them."""
        n = len(words)
        columns = (words, ["X"] * n)  # the tag column underthesea fills with "X" before tagging
        cache: dict[tuple[str, str], str] = {}
        out = []
        for i in range(n):
            feats = []
            for prefix, index1, index2, column, func in self._specs:
                j = i + index1
                if j < 0:
                    feats.append(prefix + "BOS")
                elif j >= n or (index2 is not None and i + index2 >= n):
                    feats.append(prefix + "EOS")
                else:
                    word = " ".join(columns[column][j:i + index2 + 1]) if index2 is not None else columns[column][j]
                    if func is not None:
                        key = (func, word)
                        if key not in cache:
                            cache[key] = f"{self._apply(func, word)}"
                        word = cache[key]
                    feats.append(prefix + word)
            out.append(feats)
        return out

    def _fast(self, sentence: str) -> list[tuple[str, str]]:
        words = self._tokenize(sentence)
        return list(zip(words, self._model.tag(self.features(words))))
