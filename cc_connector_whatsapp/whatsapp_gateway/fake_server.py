# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A fake WhatsApp REST gateway (apichat.io / chat-smart.io) for tests.

Listens on 127.0.0.1 with an OS-chosen port only, checks the ``token`` and
client id headers, records every request and answers like the gateway:
``send*`` return a new message id, ``status`` the scripted connection state,
``account`` (PUT) remembers the webhook URL, ``conversations`` pages,
``profile_url``, ``readChat``, ``logout``, and ``/media/<name>`` serves
files added with ``add_media``. Errors and delays can be scripted per path::

    with FakeGatewayServer(token="t", client_id="c") as gateway:
        gateway.fail("sendText", 202, "Unpaid account")
"""
import itertools
import json
import logging
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

_logger = logging.getLogger(__name__)
MAX_DELAY = 10.0
SEND_PATHS = ("sendText", "sendImage", "sendVideo", "sendAudio", "sendFile",
              "sendLocation", "send")
REQUIRED = {"sendText": ("text",), "sendLocation": ("latitude", "longitude"),
            "sendImage": ("url",), "sendVideo": ("url",), "sendAudio": ("url",),
            "sendFile": ("url",), "send": ("type",)}


@dataclass
class RecordedRequest:
    method: str
    path: str  # without the endpoint prefix, e.g. "sendText"
    query: dict
    headers: dict
    body: bytes
    json: object = None


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.fake.handle(self, "GET")

    def do_POST(self):
        self.server.fake.handle(self, "POST")

    def do_PUT(self):
        self.server.fake.handle(self, "PUT")

    def do_DELETE(self):
        self.server.fake.handle(self, "DELETE")

    def log_message(self, *args):
        """Keep test output quiet."""


class FakeGatewayServer:
    """Threaded fake gateway; use as a context manager. ``url`` is the endpoint."""

    def __init__(self, token="fake-token", client_id="fake-client", prefix="/v1"):
        self.token = token
        self.client_id = client_id
        self.prefix = prefix
        self.state = "connected"  # connected / qr / disconnected
        self.webhook_url = None
        self.account_calls = []
        self.on_account = None  # callable(webhook_url) run before answering
        self.conversation_rows = []
        self.page_size = 2
        self.media = {}
        self._requests, self._failures, self._delays = [], [], []
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._httpd = self._thread = None

    # lifecycle --------------------------------------------------------
    @property
    def base(self):
        host, port = self._httpd.server_address[:2]
        return "http://%s:%d" % (host, port)

    @property
    def url(self):
        return self.base + self.prefix

    def start(self):
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self._httpd.fake = self
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.05})
        self._thread.daemon = True
        self._thread.start()
        return self

    def stop(self):
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    # scripting --------------------------------------------------------
    @property
    def requests(self):
        with self._lock:
            return list(self._requests)

    def requests_to(self, path, method=None):
        return [r for r in self.requests
                if r.path == path and (method is None or r.method == method)]

    def fail(self, path, status, error="Error", times=1, body=None):
        """Answer the next ``times`` requests to ``path`` with ``status``."""
        if body is None:
            body = {"error": error} if status != 204 else b""
        with self._lock:
            self._failures.append({"path": path, "times": times, "status": status,
                                   "body": body})

    def delay(self, path, seconds, times=1):
        with self._lock:
            self._delays.append({"path": path, "times": times,
                                 "seconds": min(float(seconds), MAX_DELAY)})

    def add_media(self, name, content, content_type):
        self.media[name] = (content, content_type)
        return "%s/media/%s" % (self.base, name)

    def _pop(self, scripts, record):
        with self._lock:
            for index, script in enumerate(scripts):
                if script["path"] == record.path:
                    script["times"] -= 1
                    if script["times"] <= 0:
                        del scripts[index]
                    return script
        return None

    # serving ----------------------------------------------------------
    def _record(self, handler, method):
        parsed = urlsplit(handler.path)
        path = parsed.path
        if path.startswith(self.prefix + "/"):
            path = path[len(self.prefix) + 1:]
        body = handler.rfile.read(int(handler.headers.get("Content-Length") or 0))
        record = RecordedRequest(
            method, path.strip("/"),
            {k: v[0] for k, v in parse_qs(parsed.query).items()},
            {k.lower(): v for k, v in handler.headers.items()}, body)
        if body:
            try:
                record.json = json.loads(body.decode("utf-8"))
            except ValueError:
                record.json = None
        with self._lock:
            self._requests.append(record)
        return record

    def handle(self, handler, method):
        record = self._record(handler, method)
        delayed = self._pop(self._delays, record)
        if delayed:
            time.sleep(delayed["seconds"])
        scripted = self._pop(self._failures, record)
        if scripted:
            answer = scripted["status"], scripted["body"]
        elif record.path.startswith("media/") and method == "GET":
            answer = self._media(record.path[len("media/"):])
        elif (record.headers.get("token") != self.token
              or record.headers.get("client-id") != self.client_id):
            answer = 403, {"error": "Invalid token or client id"}
        else:
            answer = self._route(record)
        try:
            self._respond(handler, *answer)
        except (BrokenPipeError, ConnectionResetError):
            _logger.debug("Fake gateway client hung up before the answer")

    @staticmethod
    def _respond(handler, status, body):
        content_type = "application/json"
        if isinstance(body, tuple):
            body, content_type = body
        elif isinstance(body, (dict, list)):
            body = json.dumps(body).encode("utf-8")
        data = body or b""
        handler.send_response(status)
        if status != 204:
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        if status != 204:
            handler.wfile.write(data)

    def _media(self, name):
        if name not in self.media:
            return 404, {"error": "not found"}
        content, content_type = self.media[name]
        return 200, (content, content_type)

    def _route(self, record):
        payload = record.json if isinstance(record.json, dict) else {}
        key = (record.method, record.path)
        if record.method == "POST" and record.path in SEND_PATHS:
            return self._send(record.path, payload)
        if key == ("POST", "readChat"):
            if not payload.get("number"):
                return 400, {"error": "number is required"}
            return 200, {"ok": True}
        if key == ("GET", "status"):
            if self.state == "connected":
                return 200, {"is_connected": True}
            if self.state == "qr":
                return 200, {"is_connected": False, "reason": "Scan the QR code",
                             "qr": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAA"
                                   "DUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="}
            return 200, {"is_connected": False, "reason": "Phone offline"}
        if key == ("PUT", "account"):
            url = payload.get("webhook_url")
            if not url:
                return 400, {"error": "webhook_url is required"}
            if self.on_account:
                self.on_account(url)
            self.webhook_url = url
            self.account_calls.append(payload)
            return 200, {"ok": True, "webhook_url": url}
        if key == ("GET", "conversations"):
            page = int(record.query.get("page") or 1)
            start = (page - 1) * self.page_size
            return 200, self.conversation_rows[start:start + self.page_size]
        if key == ("GET", "profile_url"):
            number = record.query.get("number")
            if not number:
                return 400, {"error": "number is required"}
            return 200, {"profile_url": "%s/media/avatar-%s.jpg" % (self.base, number)}
        if key == ("POST", "logout"):
            self.state = "qr"
            return 200, {"ok": True}
        return 404, {"error": "Not found"}

    def _send(self, path, payload):
        number = str(payload.get("number") or "")
        if not number or not number.split("@")[0].replace("+", "").isdigit() \
                and not number.endswith("@l.us"):
            return 400, {"error": "Invalid number"}
        missing = [f for f in REQUIRED[path] if payload.get(f) in (None, "")]
        if missing:
            return 400, {"error": "Missing %s" % ", ".join(missing)}
        if self.state != "connected":
            return 202, {"error": "WhatsApp is not connected"}
        return 200, {"id": "true_%s@c.us_FAKE%06d" % (number, next(self._ids))}
