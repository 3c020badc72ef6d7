# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The inbound benchmark reads the right figures from Odoo's log."""
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from tests.benchmarks import inbound_webhooks as bench

PREFIX = "2026-11-25 03:10:03,637 1 INFO db werkzeug: 127.0.0.1 - - [25/Nov/2026 03:10:03] "
LOG = "".join(PREFIX + line + "\n" for line in (
    '"POST /cc/webhook/KEY1 HTTP/1.1" 200 - 7 0.002 0.003',
    '"\x1b[31m\x1b[1mPOST /cc/webhook/KEY1 HTTP/1.1\x1b[0m" 400 - 13 0.002 0.002',
    '"POST /cc/webhook/OTHER HTTP/1.1" 200 - 99 0.002 0.003',
    '"POST /cc/webhook/KEY1/status HTTP/1.1" 200 - 9 0.002 0.003',
    '"GET /web HTTP/1.1" 200 - 50 0.002 0.003',
))


def test_query_counts_only_accepted_requests_of_our_connector(tmp_path):
    log = tmp_path / "odoo.log"
    log.write_text("old line \"POST /cc/webhook/KEY1 HTTP/1.1\" 200 - 1 0.0 0.0\n" + LOG)
    offset = len(log.read_text().splitlines()[0]) + 1
    assert bench.query_counts(str(log), offset, "KEY1") == [7, 9]


def test_event_is_a_signed_cloud_api_text_message():
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server API
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.headers["X-Hub-Signature-256"], body))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = "http://127.0.0.1:%s/cc/webhook/k" % server.server_port
        events = [bench.whatsapp_text_event("pid", "5511987654321", "wamid.%s" % i,
                                            "olá %s" % i, 1700000000) for i in range(5)]
        bench.post_all(url, "s3cret", events, concurrency=2)
    finally:
        server.shutdown()
    assert len(received) == 5
    for signature, body in received:
        expected = hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
        assert signature == "sha256=" + expected
    value = json.loads(received[0][1])["entry"][0]["changes"][0]["value"]
    assert value["metadata"]["phone_number_id"] == "pid"
    assert value["messages"][0]["type"] == "text"


def test_refuses_any_host_but_loopback():
    with pytest.raises(SystemExit):
        bench.parse_args(["--url", "http://10.0.0.1:8069"])


class FakeOdoo:
    """Records the XML-RPC calls of the benchmark; no conversation is left
    closed after a round unless ``stuck`` says so."""

    def __init__(self, stuck=0):
        self.calls = []
        self.stuck = stuck

    def call(self, model, method, *args, **kwargs):
        self.calls.append((model, method))
        if method == "search":
            return [1, 2, 3]
        if method == "search_count":
            return self.stuck
        return True


def _serve(received):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server API
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append(json.loads(body))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _reopen_context(server):
    url = "http://127.0.0.1:%s/cc/webhook/k" % server.server_port
    customers = ["5511900000001", "5511900000002", "5511900000003"]

    def event(index, customer):
        return bench.whatsapp_text_event("pid", customer, "wamid.%s" % index,
                                         "oi", 1700000000)
    return (7, "k", "s3cret", url, event, customers)


def test_reopen_case_closes_before_every_round_one_message_per_customer():
    received = []
    server = _serve(received)
    odoo = FakeOdoo()
    try:
        args = bench.parse_args(["-n", "7", "--customers", "3", "--case", "reopen"])
        report = bench.run_case(args, odoo, _reopen_context(server), "reopen")
    finally:
        server.shutdown()
    assert report["case"] == "reopen" and report["messages"] == 7
    assert len(received) == 7  # rounds of 3, 3, then 1
    closes = [c for c in odoo.calls if c == ("cc.conversation", "action_close")]
    assert len(closes) == 3
    senders = [e["entry"][0]["changes"][0]["value"]["messages"][0]["from"]
               for e in received]
    assert senders[:3] == ["5511900000001", "5511900000002", "5511900000003"]


def test_reopen_case_fails_when_a_conversation_stays_closed():
    received = []
    server = _serve(received)
    try:
        args = bench.parse_args(["-n", "3", "--customers", "3", "--case", "reopen"])
        with pytest.raises(SystemExit):
            bench.run_case(args, FakeOdoo(stuck=1), _reopen_context(server), "reopen")
    finally:
        server.shutdown()
