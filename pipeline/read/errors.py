"""Read-stage problems as data: a stable slug, a title, and one exception type.

Readers raise :class:`ReadError`; :func:`pipeline.read.read_bytes` is the one
place that turns it (or any unexpected exception) into an ``Issue`` on the
document, so a bad input never stops a batch.  Tools and tests key on the
``code``; messages may be reworded.
"""

from __future__ import annotations

from ..models import Issue

CODES: dict[str, str] = {
    "read_error": "The file could not be opened or read (missing, a directory, no permission).",
    "file_too_large": "The input is larger than the size limit (--max-bytes); it was not read.",
    "empty_document": "The input holds no text.",
    "binary_file": "The input is not text (NUL or control bytes, or the signature of an image, archive, .doc …).",
    "decode_error": "Bytes that cannot be decoded in the detected encoding (truncated file, mixed encodings); replaced by U+FFFD.",
    "encoding_uncertain": "The encoding was guessed with low confidence; the best guess was used.",
    "html_too_deep": "The HTML nests elements too deeply to parse; its text was taken without layout analysis.",
    "zip_bomb": "A DOCX whose declared sizes or compression ratio exceed the limits; not decompressed.",
    "docx_invalid": "Not a readable DOCX (bad ZIP, missing word/document.xml, malformed XML).",
    "pdf_invalid": "Not a readable PDF.",
    "pdf_encrypted": "The PDF is encrypted and cannot be opened without a password.",
    "pdf_no_text": "The PDF has no text layer (scanned images); it needs OCR.",
    "feed_line_invalid": "A JSON Lines feed line that is not a JSON object with a text or html string.",
    "date_invalid": "A published date that could not be understood; left empty.",
    "internal_error": "A reader failed unexpectedly; please report it with the input.",
}


class ReadError(Exception):
    """A per-document read failure with a stable ``code`` (one of :data:`CODES`)."""

    def __init__(self, code: str, message: str) -> None:
        assert code in CODES, code
        super().__init__(message)
        self.code = code
        self.message = message

    def issue(self) -> Issue:
        return Issue(code=self.code, message=self.message)


def issue(code: str, message: str) -> Issue:
    """An ``Issue`` with a known code."""
    assert code in CODES, code
    return Issue(code=code, message=message)
