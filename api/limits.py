"""Guards on the HTTP request itself, before any GraphQL work: body size, well-formed UTF-8 JSON, bounded nesting.

Plain ASGI middleware in front of /graphql. A body larger than `max_body_bytes` is refused with 413 as soon as its
`content-length` (or the bytes received so far) says so, without reading the rest. A POSTed JSON body and the
`variables` of a GET are decoded once here, strictly: invalid UTF-8, invalid JSON, a body that is not a JSON
object, nesting deeper than `max_json_depth` and lone UTF-16 surrogates (`"\\ud800"`, which no store can encode)
are 400 answers that say what to fix — never a 500 from deep inside the framework. The body is then handed on
unchanged.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_MAX_BODY_BYTES = 262_144
"""256 KiB: a query at the 2,000-token limit with generous variables is a few KiB."""
DEFAULT_MAX_JSON_DEPTH = 32
"""The deepest the JSON of a request may nest (the schema's deepest input is a few levels)."""


class BadRequest(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


class RequestGuard:
    """Refuses oversized and malformed /graphql requests with 413/400 and a GraphQL-shaped JSON error."""

    def __init__(self, app: ASGIApp, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
                 max_json_depth: int = DEFAULT_MAX_JSON_DEPTH, prefix: str = "/graphql") -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.max_json_depth = max_json_depth
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        try:
            if scope["method"] == "POST":
                body = await self._read_body(scope, receive)
                if _is_json(scope):
                    self.check_json(body, "the request body")
                receive = _replay(body, receive)
            elif scope["method"] == "GET":
                self._check_query_string(scope.get("query_string", b""))
        except BadRequest as exc:
            await send_error(send, exc.status, exc.code, exc.message)
            return
        await self.app(scope, receive, send)

    async def _read_body(self, scope: Scope, receive: Receive) -> bytes:
        declared = _header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            raise self._too_large(int(declared))
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                raise self._too_large(size, at_least=True)
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    def _too_large(self, size: int, at_least: bool = False) -> BadRequest:
        return BadRequest(413, "PAYLOAD_TOO_LARGE",
                          f"the request body is {'at least ' if at_least else ''}{size} bytes; this server accepts at "
                          f"most {self.max_body_bytes} (`calcigraph serve --max-body-bytes`). Send a smaller query, "
                          "or move large values into variables")

    def check_json(self, raw: bytes, what: str) -> Any:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadRequest(400, "BAD_REQUEST",
                             f"{what} is not valid UTF-8 (byte {exc.start}); send UTF-8 JSON") from None
        try:
            value = json.loads(text)
        except RecursionError:
            raise BadRequest(400, "BAD_REQUEST", f"{what} nests deeper than {self.max_json_depth} levels; "
                                                 "flatten the variables") from None
        except ValueError as exc:
            raise BadRequest(400, "BAD_REQUEST", f"{what} is not valid JSON ({exc}); send "
                                                 '{"query": "...", "variables": {...}}') from None
        if what == "the request body" and not isinstance(value, dict):
            raise BadRequest(400, "BAD_REQUEST", f"{what} is a JSON {_json_kind(value)}; send a JSON object: "
                                                 '{"query": "...", "variables": {...}, "operationName": "..."}')
        self._check_value(value, what)
        return value

    def _check_value(self, value: Any, what: str) -> None:
        """Iteratively (no recursion to exhaust): nesting depth, and strings that are not valid Unicode."""
        stack: list[tuple[Any, int]] = [(value, 1)]
        while stack:
            item, depth = stack.pop()
            if isinstance(item, dict | list):
                if depth > self.max_json_depth:
                    raise BadRequest(400, "BAD_REQUEST", f"{what} nests deeper than {self.max_json_depth} levels; "
                                                         "flatten the variables")
                children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
                stack.extend((child, depth + 1) for child in children)
            elif isinstance(item, str):
                _check_text(item, what)

    def _check_query_string(self, query_string: bytes) -> None:
        try:
            text = query_string.decode("ascii")
            params = parse_qs(text, keep_blank_values=True, errors="strict")
        except (UnicodeDecodeError, ValueError):
            raise BadRequest(400, "BAD_REQUEST", "the URL's query string is not valid UTF-8 after percent-decoding; "
                                                 "encode it as UTF-8") from None
        for name, values in params.items():
            for value in values:
                _check_text(value, f"the URL parameter {name!r}")
                if name == "variables" and value:
                    self.check_json(value.encode(), "the URL parameter 'variables'")


def _check_text(text: str, what: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BadRequest(400, "BAD_REQUEST", f"{what} holds a lone UTF-16 surrogate ({text[exc.start]!r}), which is "
                                             "not a character; send valid Unicode text") from None


def _json_kind(value: Any) -> str:
    return {list: "array", str: "string", bool: "boolean", type(None): "null"}.get(type(value), "number")


def _is_json(scope: Scope) -> bool:
    content_type = _header(scope, b"content-type") or ""
    return content_type.split(";")[0].strip().lower() in ("application/json", "application/graphql-response+json")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def send_error(send: Send, status: int, code: str, message: str) -> None:
    payload = json.dumps({"data": None, "errors": [{"message": message, "extensions": {"code": code}}]}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    if status in (413, 431):  # the rest of the body was not read: the connection cannot carry another request
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})
