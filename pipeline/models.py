"""Typed models of the pledge registry format (``shared/registry-format.md``).

These pydantic models are the single source of the output contract: ``pledge
schema`` prints their JSON Schema and every ``pledge extract`` line is one
``DocumentResult``.  Fields beyond the contract (``format_name``, ``encoding``,
``url``, ``rule``, ``warnings`` …) are additions the contract allows; no contract
field is renamed or re-meant.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

FORMAT = "pledge-registry/1"

EventKind = Literal["pledge_signing", "campaign_launch", "other"]
UnitKind = Literal["police", "province", "group", "agency", "other"]
Direction = Literal["decrease", "increase", "reach", "zero"]
Comparator = Literal[">=", ">", "=", "<=", "<", "between"]
Status = Literal["extracted", "corrected", "approved", "rejected"]
Number = int | float


class Issue(BaseModel):
    """A per-document problem: a stable slug ``code`` plus a human message.

    Tests and tools key on ``code``; the message may be reworded freely.
    """

    code: str = Field(description="stable slug, e.g. 'decode_error'")
    message: str


class Span(BaseModel):
    """Half-open ``[start, end)`` character interval into the document text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> "Span":
        if self.end < self.start:
            raise ValueError("span end is before its start")
        return self


class Document(BaseModel):
    id: str = Field(description="stable id derived from the document text")
    source: str = Field(description="path (or feed URL/line) as given")
    sha256: str = Field(description="sha256 of the raw input bytes")
    title: str | None = None
    published: dt.date | None = None
    chars: int = Field(ge=0, description="length of the document text")
    text: str | None = Field(default=None, description="only with `pledge extract --with-text`")
    format_name: str = Field(default="text", description="source format: text, html, docx, pdf, jsonl")
    encoding: str | None = Field(default=None, description="detected text encoding, when decoded from bytes")
    url: str | None = Field(default=None, description="article URL, for feed items")


class Unit(BaseModel):
    name: str
    kind: UnitKind
    province: str | None = None
    province_code: str | None = None
    province_now: str | None = None


class Event(BaseModel):
    id: str
    kind: EventKind
    date: dt.date | None = None
    date_end: dt.date | None = None
    place: str | None = None
    organizer: str | None = None
    groups: list[str] = Field(default_factory=list)
    host: str | None = None
    period_year: int | None = None
    slogan: str | None = None
    units: list[Unit] = Field(default_factory=list)


class Target(BaseModel):
    id: str
    event_id: str | None = None
    parent_id: str | None = None
    indicator: str
    indicator_key: str | None = None
    direction: Direction
    comparator: Comparator
    value: Number | None = None
    value_max: Number | None = None
    unit: str
    baseline_year: int | None = None
    baseline: str | None = None
    period_year: int | None = None
    units: list[str] = Field(default_factory=list)
    evidence: Span
    confidence: float = Field(ge=0, le=1)
    status: Status = "extracted"
    rule: str | None = Field(default=None, description="id of the pattern rule that produced the target")

    @model_validator(mode="after")
    def _consistent(self) -> "Target":
        if self.comparator == "between" and self.value_max is None:
            raise ValueError("comparator 'between' needs value_max")
        if self.direction == "zero" and (self.comparator != "=" or self.value != 0):
            raise ValueError("a zero target has comparator '=' and value 0")
        return self


class DocumentResult(BaseModel):
    """One line of ``pledge extract``."""

    model_config = ConfigDict(populate_by_name=True)

    format: Literal["pledge-registry/1"] = FORMAT
    document: Document
    events: list[Event] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    errors: list[Issue] = Field(default_factory=list)
    warnings: list[Issue] = Field(default_factory=list)

    def to_json(self, with_text: bool = False) -> str:
        """Serialise as one JSON line; the document text only when asked for."""
        exclude = None if with_text else {"document": {"text"}}
        return self.model_dump_json(exclude=exclude)


class SourceDocument(BaseModel):
    """Output of the *read* stage: decoded, NFC document text plus provenance."""

    source: str
    text: str
    sha256: str
    format_name: str = "text"
    encoding: str | None = None
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    errors: list[Issue] = Field(default_factory=list)


def json_schema() -> dict:
    """JSON Schema of one ``pledge extract`` line."""
    schema = DocumentResult.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Pledge registry document (pledge-registry/1)"
    return schema
