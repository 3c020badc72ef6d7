# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A small client of an OpenAI-compatible HTTP API (hosted or self-hosted).

Two endpoints: ``POST {base}/chat/completions`` (JSON) and
``POST {base}/audio/transcriptions`` (multipart). Every call has an explicit
timeout; nothing is retried (the agent is waiting and can click again).
Failures raise one of the ``AiError`` classes below, each with a ``kind``
the Odoo layer turns into a translated message; results are named tuples.

The prompts are built here too (pure functions), so what is sent can be
read and tested without Odoo.
"""
from collections import namedtuple

import requests

DEFAULT_TIMEOUT = 20.0
MAX_DETAIL = 300

ChatResult = namedtuple("ChatResult", "text prompt_tokens completion_tokens model")
TranscriptionResult = namedtuple("TranscriptionResult", "text seconds model")


class AiError(Exception):
    """A call that gave no usable answer. ``kind``: timeout, connection, http,
    auth, rate_limit, response."""

    kind = "error"

    def __init__(self, message, status=None, detail=None):
        super().__init__(message)
        self.status = status
        self.detail = (detail or "")[:MAX_DETAIL]


class AiTimeout(AiError):
    kind = "timeout"


class AiConnectionError(AiError):
    kind = "connection"


class AiHttpError(AiError):
    kind = "http"


class AiAuthError(AiHttpError):
    kind = "auth"


class AiRateLimited(AiHttpError):
    kind = "rate_limit"


class AiResponseError(AiError):
    kind = "response"


class AiClient:
    def __init__(self, base_url, api_key, model, timeout=DEFAULT_TIMEOUT, session=None):
        if not base_url:
            raise ValueError("base_url is required")
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key or ""
        self.model = model
        self.timeout = float(timeout or DEFAULT_TIMEOUT)
        self.session = session or requests.Session()

    def _headers(self):
        headers = {"Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = "Bearer %s" % self.api_key
        return headers

    def _post(self, path, **kwargs):
        url = self.base_url + path
        try:
            response = self.session.post(url, headers=self._headers(),
                                         timeout=self.timeout, **kwargs)
        except requests.Timeout as error:
            raise AiTimeout("The AI service did not answer in time.") from error
        except requests.RequestException as error:
            raise AiConnectionError("The AI service cannot be reached.",
                                    detail=str(error)) from error
        if response.status_code >= 400:
            raise _http_error(response)
        try:
            return response.json()
        except ValueError as error:
            raise AiResponseError("The AI service answered something that is not "
                                  "JSON.", status=response.status_code) from error

    def chat(self, messages, max_tokens=500, temperature=0.3):
        """One chat completion: ``messages`` as ``[{"role", "content"}]``."""
        data = self._post("/chat/completions", json={
            "model": self.model,
            "messages": messages,
            "max_tokens": int(max_tokens),
            "temperature": temperature,
        })
        try:
            text = data["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError) as error:
            raise AiResponseError("The AI service's answer has no message.") from error
        if not isinstance(text, str) or not text.strip():
            raise AiResponseError("The AI service gave an empty answer.")
        usage = data.get("usage") if isinstance(data, dict) else None
        usage = usage if isinstance(usage, dict) else {}
        return ChatResult(
            text=text.strip(),
            prompt_tokens=_int(usage.get("prompt_tokens")),
            completion_tokens=_int(usage.get("completion_tokens")),
            model=data.get("model") or self.model,
        )

    def transcribe(self, filename, content, mimetype, model=None, language=None):
        """Text of an audio file (``/audio/transcriptions``, multipart)."""
        fields = {"model": model or self.model, "response_format": "json"}
        if language:
            fields["language"] = language
        data = self._post("/audio/transcriptions", data=fields, files={
            "file": (filename or "audio", content, mimetype or "application/octet-stream"),
        })
        text = data.get("text") if isinstance(data, dict) else None
        if not isinstance(text, str):
            raise AiResponseError("The AI service's answer has no text.")
        usage = data.get("usage") if isinstance(data.get("usage"), dict) else {}
        seconds = usage.get("seconds", data.get("duration"))
        return TranscriptionResult(text=text.strip(), seconds=_float(seconds),
                                   model=model or self.model)


def _int(value):
    try:
        return max(int(value or 0), 0)
    except (TypeError, ValueError):
        return 0


def _float(value):
    try:
        return max(float(value or 0.0), 0.0)
    except (TypeError, ValueError):
        return 0.0


def _http_error(response):
    detail = ""
    try:
        body = response.json()
        error = body.get("error") if isinstance(body, dict) else None
        if isinstance(error, dict):
            detail = str(error.get("message") or "")
        elif error:
            detail = str(error)
    except ValueError:
        detail = response.text or ""
    status = response.status_code
    if status in (401, 403):
        cls, message = AiAuthError, "The AI service refused the key."
    elif status == 429:
        cls, message = AiRateLimited, "The AI service is rate-limiting requests."
    else:
        cls, message = AiHttpError, "The AI service answered HTTP %s." % status
    return cls(message, status=status, detail=detail)


# ----------------------------------------------------------------------
# Cost
# ----------------------------------------------------------------------
def estimate_cost(prompt_tokens, completion_tokens, input_price, output_price,
                  seconds=0.0, minute_price=0.0):
    """Estimated cost: prices per million tokens (input, output) and per
    minute of audio, in the company's currency."""
    cost = (prompt_tokens or 0) * (input_price or 0.0) / 1e6
    cost += (completion_tokens or 0) * (output_price or 0.0) / 1e6
    cost += (seconds or 0.0) / 60.0 * (minute_price or 0.0)
    return round(cost, 6)


# ----------------------------------------------------------------------
# Prompts
# ----------------------------------------------------------------------
LANGUAGE_NAMES = {
    "pt_BR": "Brazilian Portuguese", "pt": "Portuguese", "en": "English",
    "en_US": "English", "es": "Spanish", "es_ES": "Spanish", "fr": "French",
    "fr_FR": "French", "de": "German", "de_DE": "German", "it": "Italian",
    "it_IT": "Italian",
}
MAX_LINE = 1000


def language_name(code):
    code = code or "en_US"
    return LANGUAGE_NAMES.get(code) or LANGUAGE_NAMES.get(code.split("_")[0]) or code


def transcript_lines(history):
    """``[(speaker, text)]`` (speaker: customer or agent) as numbered lines,
    each cut to MAX_LINE characters."""
    lines = []
    for speaker, text in history:
        text = " ".join((text or "").split())[:MAX_LINE]
        if text:
            lines.append("%s: %s" % ("Customer" if speaker == "customer" else "Agent", text))
    return "\n".join(lines)


def suggest_prompt(history, canned, language):
    """Messages asking for the agent's next reply; ``canned``: ``[(name, body)]``."""
    system = (
        "You help a customer-service agent of a company answer customers on "
        "WhatsApp or SMS. Write the agent's next message to the customer: short, "
        "polite, concrete, in %s unless the customer writes in another language. "
        "When one of the team's canned answers fits, base the reply on it. Never "
        "invent prices, dates or promises. Placeholders such as [phone] or [CPF] "
        "hide personal data: keep them as they are. Answer with the message text "
        "only." % language_name(language))
    parts = ["Conversation (oldest first):", transcript_lines(history) or "(no messages)"]
    if canned:
        parts.append("Team's canned answers:")
        parts.extend("- %s: %s" % (name, " ".join((body or "").split())[:MAX_LINE])
                     for name, body in canned)
    return [{"role": "system", "content": system},
            {"role": "user", "content": "\n".join(parts)}]


def summary_prompt(history, language):
    system = (
        "Summarise this customer-service conversation for the next agent, in %s: "
        "the customer's request, what was done or promised, and what is still "
        "open. At most 5 short bullet points starting with '- '. Keep placeholders "
        "such as [phone] as they are." % language_name(language))
    return [{"role": "system", "content": system},
            {"role": "user", "content": transcript_lines(history) or "(no messages)"}]


def translate_prompt(text, language):
    system = ("Translate the user's message into %s. Answer with the translation "
              "only; keep placeholders such as [phone] as they are."
              % language_name(language))
    return [{"role": "system", "content": system},
            {"role": "user", "content": text[:4 * MAX_LINE]}]
