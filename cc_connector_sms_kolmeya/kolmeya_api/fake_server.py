# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A fake Kolmeya API over real HTTP, for pytest and Odoo tests.

It binds ``127.0.0.1`` on a free port only, records every request and, unless
a scripted answer is queued for the path, behaves like Kolmeya as the
reference describes it: POST only (other methods get 404 ``Not found.``),
bearer token checked (401 ``Unauthenticated.``), ``X-RateLimit-Limit`` /
``X-RateLimit-Remaining`` on every answer, and::

    with FakeKolmeyaServer(token="t") as server:
        client = KolmeyaClient(server.url, "t")
        server.enqueue("/sms/store", status=500, json={"errors": ["boom"]})
        server.enqueue("/sms/balance", delay=2)          # slow default answer
        server.enqueue("/sms/segments", handler=lambda request: (200, {...}))
        server.requests_to("/sms/store")[0].json

Default ``/sms/store``: phones in ``blacklisted`` / ``not_disturb`` (national
digits) are listed there, repeated phones in ``duplicates``, malformed ones in
``invalids``, the rest in ``valids`` with a new UUID and the phone echoed as an
integer without ``55`` (as observed).
"""

import json as jsonlib
import re
import threading
import uuid
from collections import defaultdict, deque, namedtuple
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

HOST = "127.0.0.1"
PREFIX = "/api/v1"
MAX_DELAY = 10.0

RecordedRequest = namedtuple("RecordedRequest", "method path headers body json")
_Script = namedtuple("_Script", "status json headers delay body handler drop")


def _national(phone):
    digits = re.sub(r"\D", "", str(phone))
    if len(digits) in (12, 13) and digits.startswith("55"):
        digits = digits[2:]
    return digits if len(digits) in (10, 11) else None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
        return

    def _serve(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            parsed = jsonlib.loads(raw.decode("utf-8")) if raw else None
        except ValueError:
            parsed = None
        path = urlsplit(self.path).path
        relative = path[len(PREFIX) :] if path.startswith(PREFIX) else path
        request = RecordedRequest(
            self.command, relative, dict(self.headers.items()), raw, parsed
        )
        answer = self.server.fake.answer(request)
        if answer is None:  # scripted drop: close without answering
            self.close_connection = True
            return
        status, headers, body = answer
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, str(value))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout tests)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _serve


class FakeKolmeyaServer(object):
    """Scriptable fake Kolmeya; a context manager, ``url`` is the API base URL."""

    def __init__(self, token="test-token", rate_limit=500):
        self.token = token
        self.balance = "R$1.234,56"
        self.segments = [{"id": 109, "name": "CORPORATIVO"}]
        self.replies = []
        self.per_page = 1000
        self.blacklisted = set()
        self.not_disturb = set()
        self.stored = []
        self.requests = []
        self.rate_limit = rate_limit
        self.remaining = rate_limit
        self._scripts = defaultdict(deque)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._httpd = None
        self._thread = None

    # Lifecycle

    def start(self):
        self._httpd = ThreadingHTTPServer((HOST, 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.fake = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}
        )
        self._thread.daemon = True
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()  # wakes any delayed answer
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(5)
            self._httpd = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    @property
    def url(self):
        return "http://%s:%d%s" % (HOST, self._httpd.server_address[1], PREFIX)

    # Scripting and inspection

    def enqueue(
        self,
        path,
        status=None,
        json=None,
        headers=None,
        delay=0.0,
        body=None,
        handler=None,
        drop=False,
    ):
        """Queue one answer for ``path``. ``status=None`` (and no ``handler``)
        means the default behaviour, e.g. to add only a ``delay`` (seconds,
        capped at MAX_DELAY). ``body`` (bytes) replaces ``json``; ``handler``
        receives the RecordedRequest and returns ``(status, json[, headers])``;
        ``drop`` closes the connection without answering (after ``delay``).
        """
        script = _Script(status, json, headers or {}, delay, body, handler, drop)
        with self._lock:
            self._scripts[path].append(script)

    def requests_to(self, path):
        with self._lock:
            return [request for request in self.requests if request.path == path]

    # Answering

    def answer(self, request):
        """Return ``(status, headers, body bytes)`` for one request, or None."""
        with self._lock:
            self.requests.append(request)
            queue = self._scripts.get(request.path)
            script = queue.popleft() if queue else None
            self.remaining = max(0, self.remaining - 1)
            headers = {
                "Content-Type": "application/json",
                "X-RateLimit-Limit": self.rate_limit,
                "X-RateLimit-Remaining": self.remaining,
            }
        if script and script.delay:
            self._stop.wait(min(float(script.delay), MAX_DELAY))
        if script and script.drop:
            return None
        if script and script.handler:
            result = script.handler(request)
            status, payload = result[0], result[1]
            headers.update(result[2] if len(result) > 2 else {})
        elif script and script.status is not None:
            status, payload = script.status, script.json
            headers.update(script.headers)
        else:
            status, payload = self._default(request)
            if script:
                headers.update(script.headers)
        if script and script.body is not None:
            return status, headers, script.body
        body = b"" if payload is None else jsonlib.dumps(payload).encode("utf-8")
        return status, headers, body

    def _default(self, request):
        if request.method != "POST":
            return 404, {"errors": ["Not found."]}
        if request.headers.get("Authorization") != "Bearer %s" % self.token:
            return 401, {"errors": ["Unauthenticated."]}
        data = request.json if isinstance(request.json, dict) else {}
        routes = {
            "/sms/store": self._store,
            "/sms/balance": lambda d: (200, {"balance": self.balance}),
            "/sms/segments": lambda d: (200, {"segments": self.segments}),
            "/sms/replys": self._replys,
            "/sms/status/request": self._status_request,
            "/blacklist/store": self._blacklist_store,
            "/blacklist/destroy": self._blacklist_destroy,
        }
        route = routes.get(request.path)
        if route is None:
            return 404, {"errors": ["Not found."]}
        with self._lock:
            return route(data)

    def _store(self, data):
        messages = data.get("messages")
        if not isinstance(messages, list) or not 1 <= len(messages) <= 1000:
            return 422, {"errors": ["The messages field must have 1 to 1000 items."]}
        answer = {"id": str(uuid.uuid4()), "reference": data.get("reference")}
        for key in ("valids", "invalids", "duplicates", "blacklist", "not_disturb"):
            answer[key] = []
        seen = set()
        for item in messages:
            if not isinstance(item, dict) or "phone" not in item:
                return 500, {"errors": ['Undefined array key "phone"']}
            national = _national(item["phone"])
            if national is None:
                answer["invalids"].append(dict(item, error="Telefone inválido"))
            elif national in self.blacklisted:
                answer["blacklist"].append({"phone": int(national)})
            elif national in self.not_disturb:
                answer["not_disturb"].append({"phone": int(national)})
            elif national in seen:
                answer["duplicates"].append({"phone": int(national)})
            else:
                seen.add(national)
                answer["valids"].append(
                    {
                        "id": str(uuid.uuid4()),
                        "phone": int(national),
                        "reference": item.get("reference"),
                    }
                )
        self.stored.append(answer)
        return 200, answer

    def _replys(self, data):
        page = int(data.get("page") or 1)
        size = self.per_page
        last = max(1, -(-len(self.replies) // size))
        items = self.replies[(page - 1) * size : page * size]
        has_next = page < last
        return 200, {
            "current_page": page,
            "data": items,
            "last_page": last,
            "per_page": size,
            "total": len(self.replies),
            "next_page_url": (
                "%s/sms/replys?page=%d" % (self.url, page + 1) if has_next else None
            ),
        }

    def _status_request(self, data):
        for answer in self.stored:
            wanted_ref = data.get("reference")
            if answer["id"] == data.get("id") or (
                wanted_ref and answer["reference"] == wanted_ref
            ):
                return 200, {
                    "id": answer["id"],
                    "reference": answer["reference"],
                    "status": "Válido",
                    "status_code": 2,
                    "messages": [
                        dict(v, status="enviado", status_code=2)
                        for v in answer["valids"]
                    ],
                }
        return 404, {"errors": ["Not found."]}

    def _phones(self, data):
        phones = data.get("phones")
        if not isinstance(phones, list) or not 1 <= len(phones) <= 1000:
            return None
        found = [_national(p.get("phone")) for p in phones if isinstance(p, dict)]
        return None if None in found or len(found) != len(phones) else found

    def _blacklist_store(self, data):
        phones = self._phones(data)
        if phones is None:
            return 422, {"errors": ["The phones field is invalid."]}
        self.blacklisted.update(phones)
        return 201, None

    def _blacklist_destroy(self, data):
        phones = self._phones(data)
        if phones is None:
            return 422, {"errors": ["The phones field is invalid."]}
        self.blacklisted.difference_update(phones)
        return 204, None
