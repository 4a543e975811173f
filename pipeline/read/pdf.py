"""PDF: the text layer, page by page (pypdf, pure Python).

Pages are separated by a blank line.  An encrypted PDF is opened if it only
has an owner password (the empty user password works); otherwise it is
``pdf_encrypted``.  A PDF whose pages give no text at all is image-only
(scanned): ``pdf_no_text``.  Text set in legacy Vietnamese fonts comes out as
Windows-1252 mojibake and is repaired line by line (see
:func:`pipeline.read.decode.repair_mojibake`).
"""

from __future__ import annotations

import io
import logging

from .base import Extracted
from .decode import nfc, repair_mojibake
from .errors import ReadError, issue

# pypdf reports the damage it recovers from as logging warnings ("EOF marker not
# found"); the document's error codes already say what matters, so only its
# errors reach whatever logging the application configured.
logging.getLogger("pypdf").setLevel(logging.ERROR)
logging.getLogger("pypdf").addHandler(logging.NullHandler())


def read_pdf(data: bytes) -> Extracted:
    """Text layer and ``/Title`` of a PDF."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except (PdfReadError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError, OSError) as exc:
        raise ReadError("pdf_invalid", f"not a readable PDF: {type(exc).__name__}: {exc}.") from None
    if encrypted:
        try:
            opened = reader.decrypt("")
        except DependencyError:
            raise ReadError(
                "pdf_encrypted",
                "the PDF is AES-encrypted; opening it needs the 'cryptography' package, or save an unencrypted copy.",
            ) from None
        except (PdfReadError, NotImplementedError, ValueError, KeyError) as exc:
            raise ReadError("pdf_encrypted", f"the PDF is encrypted and could not be opened: {exc}.") from None
        if not opened:
            raise ReadError(
                "pdf_encrypted", "the PDF is protected by a password; save an unprotected copy and read that."
            )
    pages: list[str] = []
    failed = 0
    try:
        count = len(reader.pages)
        for page in reader.pages:
            try:
                text = page.extract_text() or ""
            except (FileNotDecryptedError, DependencyError):
                raise
            except Exception:  # noqa: BLE001 - pypdf raises many types on damaged pages; one bad page must not lose the rest
                failed += 1
                continue
            text = text.strip()
            if text:
                pages.append(text)
    except (FileNotDecryptedError, DependencyError) as exc:
        raise ReadError("pdf_encrypted", f"the PDF is encrypted and could not be opened: {exc}.") from None
    except (PdfReadError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError) as exc:
        raise ReadError("pdf_invalid", f"the PDF's page tree is damaged: {type(exc).__name__}: {exc}.") from None
    if not pages:
        if count and failed == count:
            raise ReadError("pdf_invalid", f"none of the PDF's {count} pages could be read.")
        raise ReadError(
            "pdf_no_text",
            f"the PDF's {count} page(s) have no text layer (scanned images?); run OCR first "
            "(for example `ocrmypdf -l vie in.pdf out.pdf`) and read the result.",
        )
    text, repaired = repair_mojibake(nfc("\n\n".join(pages)))
    issues = []
    if failed:
        issues.append(issue("pdf_invalid", f"{failed} of the PDF's {count} pages could not be read; their text is missing."))
    return Extracted(text, title=_title(reader), encoding=repaired, issues=issues)


def _title(reader) -> str | None:  # noqa: ANN001 - a pypdf PdfReader
    try:
        title = reader.metadata.title if reader.metadata else None
    except Exception:  # noqa: BLE001 - a damaged info dictionary only loses the title
        return None
    if isinstance(title, str) and title.strip():
        return nfc(" ".join(title.split()))
    return None
