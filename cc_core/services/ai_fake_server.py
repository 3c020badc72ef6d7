# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A fake OpenAI-compatible server for tests (pytest and Odoo tests).

Listens on 127.0.0.1 on a port the OS chooses, records every request (JSON
body, or the multipart form fields and file) and answers
``/chat/completions`` and ``/audio/transcriptions``. Tests can script the
next answers: a text, an HTTP error, or a delay::

    with FakeAiServer(key="k") as server:
        server.reply("Olá! Posso ajudar?")
        server.fail(500)
        server.delay(2.0)
"""
import email
import email.policy
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_DELAY = 10.0


class RecordedRequest:
    def __init__(self, path, headers, json_body=None, form=None, files=None):
        self.path = path
        self.headers = headers
        self.json = json_body
        self.form = form or {}
        self.files = files or {}

    @property
    def text(self):
        """Everything the request carried as text (to search for leaks)."""
        if self.json is not None:
            return json.dumps(self.json, ensure_ascii=False)
        return json.dumps(self.form, ensure_ascii=False)


class FakeAiServer:
    def __init__(self, key="test-key"):
        self.key = key
        self.requests = []
        self._script = []
        self._lock = threading.Lock()
        self._httpd = None
        self._thread = None
        self.default_text = "Fake answer."
        self.default_transcript = "Fake transcript."

    # scripting -------------------------------------------------------
    def reply(self, text, prompt_tokens=100, completion_tokens=20):
        self._script.append(("reply", text, prompt_tokens, completion_tokens))

    def fail(self, status, message="Fake failure"):
        self._script.append(("fail", status, message))

    def delay(self, seconds):
        self._script.append(("delay", min(float(seconds), MAX_DELAY)))

    def _next(self):
        with self._lock:
            return self._script.pop(0) if self._script else None

    # lifecycle -------------------------------------------------------
    @property
    def url(self):
        host, port = self._httpd.server_address[:2]
        return "http://%s:%s/v1" % (host, port)

    def start(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                server._handle(self)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # handling --------------------------------------------------------
    def _handle(self, handler):
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length)
        headers = {k.lower(): v for k, v in handler.headers.items()}
        path = handler.path
        if path.endswith("/audio/transcriptions"):
            form, files = _multipart(raw, headers.get("content-type", ""))
            record = RecordedRequest(path, headers, form=form, files=files)
        else:
            try:
                body = json.loads(raw.decode("utf-8") or "null")
            except ValueError:
                body = None
            record = RecordedRequest(path, headers, json_body=body)
        self.requests.append(record)
        step = self._next()
        if step and step[0] == "delay":
            time.sleep(step[1])
            step = self._next()
        if headers.get("authorization") != "Bearer %s" % self.key:
            return _send(handler, 401, {"error": {"message": "Invalid API key"}})
        if step and step[0] == "fail":
            return _send(handler, step[1], {"error": {"message": step[2]}})
        if path.endswith("/chat/completions"):
            text, prompt, completion = self.default_text, 100, 20
            if step and step[0] == "reply":
                text, prompt, completion = step[1], step[2], step[3]
            return _send(handler, 200, {
                "id": "chatcmpl-fake", "object": "chat.completion",
                "model": (record.json or {}).get("model"),
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": text}}],
                "usage": {"prompt_tokens": prompt, "completion_tokens": completion,
                          "total_tokens": prompt + completion},
            })
        if path.endswith("/audio/transcriptions"):
            if "file" not in record.files or not record.files["file"]["content"]:
                return _send(handler, 400, {"error": {"message": "No file"}})
            text = step[1] if step and step[0] == "reply" else self.default_transcript
            usage = {"type": "duration", "seconds": 3}
            return _send(handler, 200, {"text": text, "usage": usage})
        return _send(handler, 404, {"error": {"message": "Not found"}})


def _send(handler, status, payload):
    body = json.dumps(payload).encode("utf-8")
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def _multipart(raw, content_type):
    message = email.message_from_bytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + raw,
        policy=email.policy.HTTP)
    form, files = {}, {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        filename = part.get_filename()
        content = part.get_payload(decode=True) or b""
        if filename:
            files[name] = {"filename": filename, "content_type": part.get_content_type(),
                           "content": content}
        else:
            form[name] = content.decode("utf-8")
    return form, files
