# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A fake Graph API server for tests (pytest now, Odoo tests later).

Listens on 127.0.0.1 with an OS-chosen port only, records every request and
answers like the Cloud API: ``/messages`` returns a new wamid, media upload,
lookup and download (the download URL points back at this server), phone
number info, and paged ``message_templates``. Tests can script Graph error
responses and bounded slow responses per path pattern::

    with FakeGraphServer(token="t") as server:
        client = CloudClient(base_url=server.url, token="t", phone_number_id="1")
        server.fail("*/messages", 400, code=131047, message="Re-engagement")
"""
import fnmatch
import hashlib
import itertools
import json
import logging
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

_logger = logging.getLogger(__name__)
MAX_DELAY = 10.0
_VERSIONED = re.compile(r"^/v\d+\.\d+(/.*)$")
_SAMPLE_TEMPLATES = """[
 {"id": "1000000000000001", "name": "cobranca_lembrete", "language": "pt_BR",
  "status": "APPROVED", "category": "UTILITY", "components": [
   {"type": "HEADER", "format": "DOCUMENT"},
   {"type": "BODY", "text": "Olá {{1}}, seu boleto de {{2}} vence amanhã."},
   {"type": "FOOTER", "text": "Equipe Financeira"},
   {"type": "BUTTONS", "buttons": [
    {"type": "URL", "text": "Pagar", "url": "https://pay.example/{{1}}"},
    {"type": "QUICK_REPLY", "text": "Já paguei"}]}]},
 {"id": "1000000000000002", "name": "boas_vindas", "language": "pt_BR",
  "status": "APPROVED", "category": "MARKETING",
  "components": [{"type": "BODY", "text": "Bem-vindo, {{1}}!"}]},
 {"id": "1000000000000003", "name": "codigo_acesso", "language": "pt_BR",
  "status": "PENDING", "category": "AUTHENTICATION",
  "components": [{"type": "BODY", "text": "Seu código é {{1}}."}]}
]"""
DEFAULT_TEMPLATES = json.loads(_SAMPLE_TEMPLATES)


@dataclass
class UploadedFile:
    """One multipart file part."""

    filename: str
    content_type: str
    content: bytes


@dataclass
class RecordedRequest:
    """A request as the server saw it; header names are lower-cased."""

    method: str
    path: str
    endpoint: str
    query: dict
    headers: dict
    body: bytes
    json: object = None
    form: dict = field(default_factory=dict)
    files: dict = field(default_factory=dict)


def graph_error(code, message, subcode=None, details=None, error_type=None):
    """Graph API error body as Meta sends it."""
    error = {
        "message": message,
        "type": error_type or "OAuthException",
        "code": code,
        "fbtrace_id": "AFakeTrace%s" % code,
    }
    if subcode is not None:
        error["error_subcode"] = subcode
    if details:
        error["error_data"] = {"messaging_product": "whatsapp", "details": details}
    return {"error": error}


def parse_multipart(content_type, body):
    """(form fields, files) of a multipart/form-data body, byte-exact."""
    match = re.search(r'boundary="?([^";]+)"?', content_type or "")
    form, files = {}, {}
    if not match:
        return form, files
    for part in body.split(b"--" + match.group(1).encode("latin-1"))[1:-1]:
        head, _sep, content = part[2:-2].partition(b"\r\n\r\n")
        headers = dict(
            (k.strip().lower(), v.strip())
            for k, _s, v in (
                line.decode("utf-8").partition(":") for line in head.split(b"\r\n")
            )
        )
        disposition = headers.get("content-disposition", "")
        name = re.search(r'\bname="([^"]*)"', disposition)
        filename = re.search(r'filename="([^"]*)"', disposition)
        if not name:
            continue
        if filename:
            ctype = headers.get("content-type", "application/octet-stream")
            files[name.group(1)] = UploadedFile(filename.group(1), ctype, content)
        else:
            form[name.group(1)] = content.decode("utf-8")
    return form, files


class _Handler(BaseHTTPRequestHandler):
    """Hands every request to the owning FakeGraphServer."""

    def do_GET(self):
        self.server.fake.handle(self, "GET")

    def do_POST(self):
        self.server.fake.handle(self, "POST")

    def do_DELETE(self):
        self.server.fake.handle(self, "DELETE")

    def log_message(self, *args):
        """Keep test output quiet."""


class FakeGraphServer:
    """Threaded fake of graph.facebook.com; use as a context manager."""

    def __init__(self, token=None, template_page_size=None):
        self.token = token
        self.template_page_size = template_page_size
        self.templates = [dict(t) for t in DEFAULT_TEMPLATES]
        self.phone_info = {
            "display_phone_number": "+55 11 99999-0000",
            "verified_name": "Contact Center Demo",
            "quality_rating": "GREEN",
        }
        self.wa_id_map = {}
        self.media = {}
        self._requests, self._failures, self._delays = [], [], []
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._httpd = self._thread = None

    @property
    def url(self):
        """Base URL (``http://127.0.0.1:<port>``) to give the client."""
        host, port = self._httpd.server_address[:2]
        return "http://%s:%d" % (host, port)

    def start(self):
        """Bind 127.0.0.1 on a free port and serve in a daemon thread."""
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self._httpd.fake = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}
        )
        self._thread.daemon = True
        self._thread.start()
        return self

    def stop(self):
        """Stop serving and free the port."""
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    @property
    def requests(self):
        """Snapshot of all recorded requests, oldest first."""
        with self._lock:
            return list(self._requests)

    def requests_to(self, pattern, method=None):
        """Recorded requests whose endpoint matches a glob like ``*/messages``."""
        return [r for r in self.requests if self._matches(r, pattern, method)]

    def fail(self, pattern, status, code=None, message="Error", times=1, **kw):
        """Answer the next ``times`` matching requests with a Graph error.

        Keywords: ``method``, ``subcode``, ``details``, ``headers`` (extra
        response headers), ``body`` (raw bytes instead of the error JSON).
        """
        body = kw.get("body")
        if body is None:
            body = graph_error(code, message, kw.get("subcode"), kw.get("details"))
        script = {"pattern": pattern, "method": kw.get("method"), "times": times}
        script.update(status=status, body=body, headers=kw.get("headers") or {})
        with self._lock:
            self._failures.append(script)

    def delay(self, pattern, seconds, times=1, method=None):
        """Sleep (at most MAX_DELAY s) before answering matching requests."""
        script = {"pattern": pattern, "method": method, "times": times}
        script["seconds"] = min(float(seconds), MAX_DELAY)
        with self._lock:
            self._delays.append(script)

    def add_media(self, content, mime_type, filename=None):
        """Store media as if uploaded (e.g. an inbound image); returns its id."""
        media_id = str(9000000000000000 + next(self._ids))
        self.media[media_id] = {
            "content": content,
            "mime_type": mime_type,
            "filename": filename,
        }
        return media_id

    @staticmethod
    def _matches(record, pattern, method):
        """Glob match on the unversioned endpoint (and method if given)."""
        if method and record.method != method:
            return False
        return fnmatch.fnmatchcase(record.endpoint, pattern)

    def _pop_script(self, scripts, record):
        """First script matching ``record``, consuming one of its uses."""
        with self._lock:
            for index, script in enumerate(scripts):
                if self._matches(record, script["pattern"], script["method"]):
                    script["times"] -= 1
                    if script["times"] <= 0:
                        del scripts[index]
                    return script
        return None

    def _record(self, handler, method):
        """Read the body and store the request."""
        parsed = urlsplit(handler.path)
        body = handler.rfile.read(int(handler.headers.get("Content-Length") or 0))
        versioned = _VERSIONED.match(parsed.path)
        query = {k: v[0] for k, v in parse_qs(parsed.query).items()}
        headers = {k.lower(): v for k, v in handler.headers.items()}
        record = RecordedRequest(
            method,
            parsed.path,
            versioned.group(1) if versioned else parsed.path,
            query,
            headers,
            body,
        )
        ctype = headers.get("content-type", "")
        if ctype.startswith("multipart/form-data"):
            record.form, record.files = parse_multipart(ctype, body)
        elif body:
            try:
                record.json = json.loads(body.decode("utf-8"))
            except ValueError:
                record.json = None
        with self._lock:
            self._requests.append(record)
        return record

    def handle(self, handler, method):
        """Record, apply scripted delay/failure, else route; tolerate hang-ups."""
        record = self._record(handler, method)
        delayed = self._pop_script(self._delays, record)
        if delayed:
            time.sleep(delayed["seconds"])
        scripted = self._pop_script(self._failures, record)
        if scripted:
            answer = scripted["status"], scripted["body"], scripted["headers"]
        elif not self._authorized(record):
            answer = 401, graph_error(190, "Session has expired.", 463), {}
        else:
            answer = self._route(record)
        try:
            self._respond(handler, *answer)
        except (BrokenPipeError, ConnectionResetError):
            _logger.debug("Fake Graph client hung up before the answer")

    def _authorized(self, record):
        """Bearer token required on every call (and the right one if set)."""
        auth = record.headers.get("authorization", "")
        if self.token:
            return auth == "Bearer %s" % self.token
        return auth.startswith("Bearer ") and len(auth) > 7

    @staticmethod
    def _respond(handler, status, body, headers):
        """Write JSON (dict/list) or raw bytes with the given status."""
        if isinstance(body, (dict, list)):
            data = json.dumps(body).encode("utf-8")
            headers = dict({"Content-Type": "application/json"}, **headers)
        else:
            data = body or b""
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    def _route(self, record):
        """Dispatch on (method, endpoint shape) like the Graph API."""
        parts = [p for p in record.endpoint.split("/") if p]
        key = (record.method, parts[-1] if len(parts) == 2 else None)
        routes = {
            ("POST", "messages"): self._messages,
            ("POST", "media"): self._upload,
            ("GET", "message_templates"): self._templates,
            ("POST", "subscribed_apps"): lambda r: (200, {"success": True}, {}),
        }
        if len(parts) == 2 and parts[0] == "download" and record.method == "GET":
            return self._download(parts[1])
        if key in routes:
            return routes[key](record)
        if len(parts) == 1 and record.method in ("GET", "DELETE"):
            return self._node(record, parts[0])
        return 400, graph_error(100, "Unsupported request", details="fake"), {}

    def _messages(self, record):
        """Send (new wamid + contacts) or mark-as-read (success)."""
        payload = record.json if isinstance(record.json, dict) else {}
        if payload.get("status") == "read" and payload.get("message_id"):
            return 200, {"success": True}, {}
        kind = payload.get("type")
        if payload.get("messaging_product") != "whatsapp" or not payload.get("to"):
            return 400, graph_error(100, "Invalid parameter"), {}
        if not kind or kind not in payload:
            return 400, graph_error(131008, "Required parameter is missing"), {}
        wamid = "wamid.FAKE%012dAA" % next(self._ids)
        to = str(payload["to"])
        wa_id = self.wa_id_map.get(to, to.lstrip("+"))
        return (
            200,
            {
                "messaging_product": "whatsapp",
                "contacts": [{"input": to, "wa_id": wa_id}],
                "messages": [{"id": wamid}],
            },
            {},
        )

    def _upload(self, record):
        """Multipart upload -> media id."""
        upload = record.files.get("file")
        if not upload or record.form.get("messaging_product") != "whatsapp":
            return 400, graph_error(100, "Invalid parameter"), {}
        mime_type = record.form.get("type") or upload.content_type
        media_id = self.add_media(upload.content, mime_type, upload.filename)
        return 200, {"id": media_id}, {}

    def _node(self, record, node_id):
        """GET/DELETE of a media id, or GET of a phone number's fields."""
        media = self.media.get(node_id)
        if record.method == "DELETE":
            self.media.pop(node_id, None)
            return 200, {"success": bool(media)}, {}
        if media:
            return (
                200,
                {
                    "messaging_product": "whatsapp",
                    "url": "%s/download/%s?ext=1&hash=fake" % (self.url, node_id),
                    "mime_type": media["mime_type"],
                    "sha256": hashlib.sha256(media["content"]).hexdigest(),
                    "file_size": str(len(media["content"])),
                    "id": node_id,
                },
                {},
            )
        fields = (record.query.get("fields") or ",".join(self.phone_info)).split(",")
        info = {k: self.phone_info[k] for k in fields if k in self.phone_info}
        return 200, dict(info, id=node_id), {}

    def _download(self, media_id):
        """Serve the stored bytes of a media id."""
        media = self.media.get(media_id)
        if not media:
            return 404, b"", {}
        return 200, media["content"], {"Content-Type": media["mime_type"]}

    def _templates(self, record):
        """One page of templates with ``paging.cursors`` and ``paging.next``."""
        limit = int(record.query.get("limit") or 25)
        limit = min(limit, self.template_page_size or limit)
        start = int(record.query.get("after") or 0)
        page = self.templates[start : start + limit]
        body = {"data": page, "paging": {"cursors": {"before": str(start)}}}
        if start + limit < len(self.templates):
            query = dict(record.query, after=str(start + limit))
            body["paging"]["cursors"]["after"] = str(start + limit)
            body["paging"]["next"] = "%s%s?%s" % (
                self.url,
                record.path,
                urlencode(query),
            )
        return 200, body, {}
