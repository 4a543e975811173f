"""The review web app (Starlette, server-rendered jinja2 templates).

Safety, in one place:

* every template is autoescaped and the Content-Security-Policy allows only
  this app's own script and style files (no inline script can run even if
  something slipped through);
* every state-changing request is a POST carrying a CSRF token: an HMAC of a
  random per-browser cookie under a per-process secret;
* every action goes through ``Registry`` with the version the reviewer saw, so
  a stale save is refused with a conflict page showing the other change;
* the reviewer's name (asked once, kept in a cookie) is recorded on every action;
* ``serve`` binds 127.0.0.1 unless told otherwise, and the app only answers
  requests addressed to the host names it was given (DNS-rebinding guard).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, unquote, urlencode

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ..registry import (ConflictError, FieldError, Registry, ReviewTarget, ReviewValidationError, TargetNotFound,
                        parse_field)
from ..registry.corrections import EDITABLE
from . import pages

HERE = Path(__file__).parent
CSRF_COOKIE, REVIEWER_COOKIE, FLASH_COOKIE = "pledge_csrf", "pledge_reviewer", "pledge_flash"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]
T = TypeVar("T")


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["num"] = lambda v: "" if v is None else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))
    return Jinja2Templates(env=env)


class ReviewApp:
    """Request handlers; one instance per app, holding the registry path and the CSRF secret."""

    def __init__(self, registry_path: str | Path, secret: bytes | None = None) -> None:
        self.registry_path = Path(registry_path)
        self.secret = secret or secrets.token_bytes(32)
        self.templates = _templates()

    # -- plumbing ------------------------------------------------------------
    async def db(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(registry, *args)`` in a worker thread with its own connection."""
        def work() -> T:
            with Registry(self.registry_path) as reg:
                return fn(reg, *args)
        return await run_in_threadpool(work)

    def token_for(self, cookie: str) -> str:
        return hmac.new(self.secret, cookie.encode(), hashlib.sha256).hexdigest()

    def chrome(self, request: Request, reg: Registry) -> pages.Chrome:
        cookie = request.cookies.get(CSRF_COOKIE)
        if not cookie or not re.fullmatch(r"[A-Za-z0-9_-]{20,100}", cookie):
            cookie = secrets.token_urlsafe(32)
            request.state.new_csrf = cookie
        orphans = reg.conn.execute(
            "SELECT COUNT(*) FROM subjects s JOIN documents d ON d.id = s.document_id "
            "WHERE s.attach = 'orphaned' AND d.superseded_by IS NULL").fetchone()[0]
        flash = unquote(request.cookies.get(FLASH_COOKIE, "")) or None
        return pages.Chrome(reviewer_of(request), self.token_for(cookie), flash, orphans)

    def render(self, request: Request, template: str, page: Any, status: int = 200) -> Response:
        resp = self.templates.TemplateResponse(request, template, {"page": page}, status_code=status)
        new = getattr(request.state, "new_csrf", None)
        if new:
            resp.set_cookie(CSRF_COOKIE, new, httponly=True, samesite="strict")
        if request.cookies.get(FLASH_COOKIE):
            resp.delete_cookie(FLASH_COOKIE)
        return resp

    async def page(self, request: Request, template: str, build: Callable[..., Any], *args: Any,
                   status: int = 200) -> Response:
        page = await self.db(lambda reg: build(reg, self.chrome(request, reg), *args))
        return self.render(request, template, page, status)

    async def message(self, request: Request, status: int, heading: str, message: str, back: str = "/") -> Response:
        return await self.page(request, "message.html",
                               lambda reg, chrome: pages.MessagePage(chrome, heading, message, back), status=status)

    async def post_form(self, request: Request) -> FormData | Response:
        """The form of a POST whose CSRF token checks out, or the refusal."""
        form = await request.form()
        cookie = request.cookies.get(CSRF_COOKIE, "")
        sent = str(form.get("csrf_token", ""))
        if not cookie or not hmac.compare_digest(sent, self.token_for(cookie)):
            return await self.message(request, 403, "Request refused",
                                      "The form's security token is missing or out of date (the app may have been "
                                      "restarted). Reload the page and try again; nothing was saved.")
        return form

    async def reviewer_post(self, request: Request) -> tuple[FormData, str] | Response:
        """A checked POST form and the reviewer's name, or the page that refuses the request."""
        form = await self.post_form(request)
        if isinstance(form, Response):
            return form
        reviewer = reviewer_of(request)
        if not reviewer:
            return await self.message(request, 400, "Who are you?", "Set your reviewer name first.", "/reviewer")
        return form, reviewer

    @classmethod
    def to_target(cls, back: str, rt: ReviewTarget, flash: str) -> Response:
        """Back to the document view, with the target selected and scrolled to."""
        return cls.redirect(f"{back}?sel={quote(rt.key)}#row-{quote(rt.key)}", flash)

    @staticmethod
    def redirect(url: str, flash: str | None = None) -> Response:
        resp = RedirectResponse(url, status_code=303)
        if flash:
            resp.set_cookie(FLASH_COOKIE, quote(flash), httponly=True, samesite="strict")
        return resp

    async def need_reviewer(self, request: Request) -> Response | None:
        if reviewer_of(request):
            return None
        return RedirectResponse("/reviewer?" + urlencode({"next": safe_next(str(request.url.path))}), status_code=303)

    # -- pages ---------------------------------------------------------------
    async def documents(self, request: Request) -> Response:
        if (r := await self.need_reviewer(request)):
            return r
        qp = request.query_params
        status, province, q = qp.get("status", ""), qp.get("province", ""), qp.get("q", "")

        def build(reg: Registry, chrome: pages.Chrome) -> pages.DocumentsPage:
            docs = reg.documents(status or None, province or None, q or None)
            totals = sum((d.counts for d in docs), start=pages.Counter())
            return pages.DocumentsPage(chrome, docs, status, province, q, reg.provinces(), totals)
        return await self.page(request, "documents.html", build)

    async def document(self, request: Request) -> Response:
        if (r := await self.need_reviewer(request)):
            return r
        doc_id = request.path_params["doc_id"]
        try:
            return await self.page(request, "document.html", pages.document_page, doc_id,
                                   request.query_params.get("sel"))
        except LookupError:
            return await self.message(request, 404, "No such document", f"There is no document {doc_id}.")

    async def edit(self, request: Request) -> Response:
        if (r := await self.need_reviewer(request)):
            return r
        doc_id, key = request.path_params["doc_id"], request.path_params["key"]
        try:
            return await self.page(request, "edit.html",
                                   lambda reg, ch: pages.edit_page(reg, ch, doc_id, reg.review_target(doc_id, key)))
        except LookupError as exc:
            return await self.message(request, 404, "No such target", str(exc), f"/documents/{doc_id}")

    async def history(self, request: Request) -> Response:
        if (r := await self.need_reviewer(request)):
            return r
        doc_id, key = request.path_params["doc_id"], request.path_params["key"]

        def build(reg: Registry, chrome: pages.Chrome) -> pages.HistoryPage:
            rt = reg.review_target(doc_id, key)
            moves = reg.history(rt.subject_id)[1] if rt.subject_id else []
            return pages.HistoryPage(chrome, dict(reg.document_row(doc_id) or {}), rt,
                                     pages.history_entries(rt.corrections), [dict(m) for m in moves])
        try:
            return await self.page(request, "history.html", build)
        except LookupError as exc:
            return await self.message(request, 404, "No such target", str(exc), f"/documents/{doc_id}")

    async def orphans(self, request: Request) -> Response:
        if (r := await self.need_reviewer(request)):
            return r
        return await self.page(request, "orphans.html", pages.orphans_page)

    async def add_form(self, request: Request) -> Response:
        if (r := await self.need_reviewer(request)):
            return r
        doc_id = request.path_params["doc_id"]
        qp = request.query_params
        try:
            start, end = int(qp.get("start", "0")), int(qp.get("end", "0"))
        except ValueError:
            return await self.message(request, 400, "Bad selection", "start and end must be numbers",
                                      f"/documents/{doc_id}")

        def build(reg: Registry, chrome: pages.Chrome) -> pages.EditPage:
            row = reg.document_row(doc_id)
            if row is None:
                raise LookupError(doc_id)
            s, e = fix_span(row["text"], start, end, qp.get("sel"))
            return pages.add_page(reg, chrome, doc_id, s, e)
        try:
            return await self.page(request, "edit.html", build)
        except LookupError:
            return await self.message(request, 404, "No such document", f"There is no document {doc_id}.")

    async def reviewer_form(self, request: Request) -> Response:
        nxt = safe_next(request.query_params.get("next", "/"))
        return await self.page(request, "reviewer.html", lambda reg, ch: pages.ReviewerPage(ch, nxt))

    # -- actions -------------------------------------------------------------
    async def set_reviewer(self, request: Request) -> Response:
        form = await self.post_form(request)
        if isinstance(form, Response):
            return form
        name = " ".join(str(form.get("reviewer", "")).split())[:80]
        nxt = safe_next(str(form.get("next", "/")))
        if not name:
            return await self.page(request, "reviewer.html",
                                   lambda reg, ch: pages.ReviewerPage(ch, nxt, "Please type your name."), status=422)
        resp = self.redirect(nxt, f"Reviewing as {name}.")
        resp.set_cookie(REVIEWER_COOKIE, quote(name), max_age=365 * 24 * 3600, httponly=True, samesite="strict")
        return resp

    async def act(self, request: Request) -> Response:
        """approve / reject / undo / note on one target."""
        posted = await self.reviewer_post(request)
        if isinstance(posted, Response):
            return posted
        form, reviewer = posted
        doc_id, key, action = (request.path_params[k] for k in ("doc_id", "key", "action"))
        back = f"/documents/{doc_id}"
        if action not in ("approve", "reject", "undo", "note"):
            return await self.message(request, 404, "Unknown action", f"there is no action {action!r}", back)
        note = str(form.get("note", "")) or None
        try:
            version = int(str(form.get("version", "")))
        except ValueError:
            return await self.message(request, 400, "Bad request", "the form has no target version", back)

        def run(reg: Registry) -> ReviewTarget:
            if action == "approve":
                return reg.approve(doc_id, key, reviewer, version, note, via="web")
            if action == "reject":
                return reg.reject(doc_id, key, reviewer, version, note, via="web")
            if action == "note":
                return reg.comment(doc_id, key, reviewer, note or "", version, via="web")
            return reg.undo(doc_id, key, int(str(form.get("batch", "0")) or 0), reviewer, version, note, via="web")
        try:
            rt = await self.db(run)
        except ConflictError as exc:
            return await self.conflict(request, doc_id, key, exc, {"action": action})
        except ReviewValidationError as exc:
            return await self.message(request, 422, "Not saved", str(exc), back)
        except TargetNotFound as exc:
            return await self.message(request, 404, "No such target", str(exc), back)
        done = {"approve": "Approved", "reject": "Rejected", "undo": "Undone", "note": "Note saved"}[action]
        return self.to_target(back, rt, f"{done}: {rt.target['indicator']}")

    async def save(self, request: Request) -> Response:
        """The edit form: correct fields (and optionally approve in the same step)."""
        posted = await self.reviewer_post(request)
        if isinstance(posted, Response):
            return posted
        form, reviewer = posted
        doc_id, key = request.path_params["doc_id"], request.path_params["key"]
        back = f"/documents/{doc_id}"
        typed = {f: str(form.get(f, "")) for f in EDITABLE if f in form}
        note = str(form.get("note", ""))
        then = str(form.get("then", "")) or None
        then = then if then in ("approve", "reject") else None
        changes, errors = parse_form(typed)
        try:
            version = int(str(form.get("version", "")))
        except ValueError:
            return await self.message(request, 400, "Bad request", "the form has no target version", back)

        def run(reg: Registry) -> ReviewTarget:
            if errors:
                raise ReviewValidationError(errors)
            return reg.correct(doc_id, key, changes, reviewer, version, note or None, via="web", then=then)
        try:
            rt = await self.db(run)
        except ReviewValidationError as exc:
            problems = exc.errors  # the page is built lazily; ``exc`` is unbound after this block
            return await self.page(request, "edit.html", lambda reg, ch: pages.edit_page(
                reg, ch, doc_id, reg.review_target(doc_id, key), values={**pages.target_values(
                    reg.review_target(doc_id, key).target), **typed}, errors=problems, version=version, note=note),
                status=422)
        except ConflictError as exc:
            return await self.conflict(request, doc_id, key, exc, typed)
        except TargetNotFound as exc:
            return await self.message(request, 404, "No such target", str(exc), back)
        return self.to_target(back, rt, f"Saved: {rt.target['indicator']}")

    async def add(self, request: Request) -> Response:
        posted = await self.reviewer_post(request)
        if isinstance(posted, Response):
            return posted
        form, reviewer = posted
        doc_id = request.path_params["doc_id"]
        back = f"/documents/{doc_id}"
        typed = {f: str(form.get(f, "")) for f in EDITABLE if f in form}
        note = str(form.get("note", ""))
        changes, errors = parse_form(typed)
        try:
            start, end = int(str(form.get("start", ""))), int(str(form.get("end", "")))
        except ValueError:
            start, end = 0, 0
            errors["evidence"] = "the evidence start and end must be numbers"

        def run(reg: Registry) -> ReviewTarget:
            if errors:
                raise ReviewValidationError(errors)
            return reg.add_target(doc_id, start, end, changes, reviewer, note or None, via="web")
        try:
            rt = await self.db(run)
        except ReviewValidationError as exc:
            problems = exc.errors  # the page is built lazily; ``exc`` is unbound after this block
            return await self.page(request, "edit.html", lambda reg, ch: pages.add_page(
                reg, ch, doc_id, max(0, start), max(start, end), values={**pages.add_page(
                    reg, ch, doc_id, 0, 0).values, **typed}, errors=problems, note=note), status=422)
        except ConflictError as exc:
            return await self.message(request, 409, "Already added", str(exc), back)
        except TargetNotFound as exc:
            return await self.message(request, 404, "No such document", str(exc), "/")
        return self.to_target(back, rt, f"Added: {rt.target['indicator']}")

    async def attach(self, request: Request) -> Response:
        posted = await self.reviewer_post(request)
        if isinstance(posted, Response):
            return posted
        form, reviewer = posted
        doc_id, sid = request.path_params["doc_id"], request.path_params["key"]
        try:
            rt = await self.db(lambda reg: reg.attach(doc_id, sid, str(form.get("target_id", "")), reviewer))
        except (ConflictError, TargetNotFound) as exc:
            return await self.message(request, 409, "Not re-attached", str(exc), "/orphans")
        return self.to_target(f"/documents/{doc_id}", rt, "Re-attached.")

    async def conflict(self, request: Request, doc_id: str, key: str, exc: ConflictError,
                       yours: dict[str, str]) -> Response:
        def build(reg: Registry, chrome: pages.Chrome) -> pages.EditPage:
            rt = reg.review_target(doc_id, key)
            seen = {c.batch for c in exc.newer}
            theirs = [e for e in pages.history_entries(rt.corrections) if e.batch in seen]
            return pages.edit_page(reg, chrome, doc_id, rt, conflict=str(exc), theirs=theirs, yours=yours,
                                   title="Conflict: not saved")
        return await self.page(request, "edit.html", build, status=409)


# -- helpers -------------------------------------------------------------------

def reviewer_of(request: Request) -> str | None:
    name = unquote(request.cookies.get(REVIEWER_COOKIE, "")).strip()
    return name or None


def safe_next(url: str) -> str:
    """Only local paths: never redirect to another site."""
    return url if url.startswith("/") and not url.startswith("//") and "\\" not in url else "/"


def parse_form(typed: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    changes: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, raw in typed.items():
        try:
            changes[name] = parse_field(name, raw)
        except FieldError as exc:
            errors[name] = exc.message
    return changes, errors


def fix_span(text: str, start: int, end: int, selected: str | None) -> tuple[int, int]:
    """The span the reviewer selected, trusting the selected text over computed offsets."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    if not selected:
        return start, end
    sel = selected.replace("\r\n", "\n")
    if text[start:end].replace("\r\n", "\n") == sel:
        return start, end
    hits = [m.start() for m in re.finditer(re.escape(selected), text)]
    if hits:
        s = min(hits, key=lambda h: abs(h - start))
        return s, s + len(selected)
    return start, end


class SecurityHeaders:
    """ASGI middleware adding the CSP and friends to every response."""

    HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
               (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": list(message.get("headers", [])) + self.HEADERS}
            await send(message)
        await self.app(scope, receive, send_with_headers)


def create_app(registry_path: str | Path, *, secret: bytes | None = None,
               allowed_hosts: list[str] | None = None) -> Starlette:
    """The ASGI app.  ``allowed_hosts``: Host header values to answer (None: any)."""
    h = ReviewApp(registry_path, secret)
    Registry(registry_path).close()  # create / migrate once, up front
    routes = [
        Route("/", h.documents),
        Route("/reviewer", h.reviewer_form, methods=["GET"]),
        Route("/reviewer", h.set_reviewer, methods=["POST"]),
        Route("/orphans", h.orphans),
        Route("/documents/{doc_id}", h.document),
        Route("/documents/{doc_id}/add", h.add_form, methods=["GET"]),
        Route("/documents/{doc_id}/add", h.add, methods=["POST"]),
        Route("/documents/{doc_id}/targets/{key}/edit", h.edit),
        Route("/documents/{doc_id}/targets/{key}/history", h.history),
        Route("/documents/{doc_id}/targets/{key}", h.save, methods=["POST"]),
        Route("/documents/{doc_id}/targets/{key}/attach", h.attach, methods=["POST"]),
        Route("/documents/{doc_id}/targets/{key}/{action:str}", h.act, methods=["POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    middleware = [Middleware(SecurityHeaders)]
    if allowed_hosts:
        middleware.insert(0, Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts))
    app = Starlette(routes=routes, middleware=middleware)
    app.state.review = h
    return app


def serve(registry_path: str | Path, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Run the app with uvicorn (blocking)."""
    import uvicorn

    allowed = None if host in ("0.0.0.0", "::") else sorted({host, *LOOPBACK_HOSTS})
    uvicorn.run(create_app(registry_path, allowed_hosts=allowed), host=host, port=port, log_level="info")
