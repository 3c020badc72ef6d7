# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the Kolmeya pure tests share: recorded samples, ids, the fake server."""
import json
import os

import pytest

from cc_connector_sms_kolmeya.kolmeya_api.client import KolmeyaClient
from cc_connector_sms_kolmeya.kolmeya_api.fake_server import FakeKolmeyaServer
from cc_connector_sms_kolmeya.kolmeya_api.payloads import OutboundMessage

SAMPLES = os.path.join(os.path.dirname(__file__), "samples", "kolmeya")
MSG1 = "1b2c3d4e-0000-4000-8000-000000000001"
MSG2 = "1b2c3d4e-0000-4000-8000-000000000002"
REQ = "9a1f6a1e-0c1b-4d7e-9d0a-3f3b8e1c2a10"
TOKEN = "s3cret-token"
A = OutboundMessage("+5511987654321", "Olá A", "cc-1")


def sample(name, raw=False):
    """A recorded payload: bytes with ``raw``, else parsed JSON."""
    with open(os.path.join(SAMPLES, name), "rb") as handle:
        data = handle.read()
    return data if raw else json.loads(data.decode("utf-8"))


def only(result):
    """The single item of a parse result without errors."""
    assert result.errors == []
    assert len(result) == 1
    return result.items[0]


@pytest.fixture
def server():
    """The fake Kolmeya API on 127.0.0.1."""
    with FakeKolmeyaServer(token=TOKEN) as fake:
        yield fake


@pytest.fixture
def kolmeya(server):
    """A client of the fake server: short timeouts, two retries, no backoff."""
    api = KolmeyaClient(server.url, TOKEN, timeout=(2, 0.5), retries=2, backoff=0)
    yield api
    api.close()
