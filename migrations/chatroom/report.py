# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The migration report: printed for ops and written as JSON."""
import datetime
import json
from collections import OrderedDict

MAX_EXAMPLES = 20

# Plan actions, in display order.
ACTIONS = ("create", "merge", "update", "delete", "link", "unchanged", "skip")

ANOMALY_TITLES = OrderedDict([
    ("numbers_not_normalised", "Numbers that fail phone normalisation (kept as received)"),
    ("ninth_digit_merges", "9th-digit variants of one customer merged into one conversation"),
    ("duplicate_numbers", "Other duplicate numbers merged into one conversation"),
    ("conversations_without_partner", "Conversations without partner"),
    ("partner_found_by_number", "  of which linked to a contact by phone number"),
    ("partner_ambiguous", "  of which several contacts have the number (oldest taken)"),
    ("attachments_gone", "Messages whose attachment row no longer exists"),
    ("media_purged", "Media messages without attachment (purged by ChatRoom)"),
    ("agents_without_user", "Agent references to missing, portal or system users (dropped)"),
    ("current_without_agent", "'current' conversations without agent (put back in the queue)"),
    ("owners_not_on_connector",
     "Agents holding 'current' conversations on a connector that does not list them "
     "(they keep seeing and answering their own conversations, not its queue)"),
    ("users_not_in_group", "Users referenced as agents but not in the ChatRoom group "
                           "(archived agents)"),
    ("duplicate_provider_ids", "Duplicate provider message ids on one connector "
                               "(id kept on the first message only)"),
    ("unmapped_tracking_values",
     "Chatter tracking values of ChatRoom-only fields (not copied)"),
    ("connectors_without_provider",
     "Connectors whose ChatRoom provider has no Contact Center provider (archived "
     "without provider: configure them by hand)"),
    ("code_answers", "Python 'code' default answers (not copied: rewrite as templates)"),
])


class Report:
    def __init__(self, command, database):
        self.data = OrderedDict([
            ("command", command),
            ("database", database),
            ("started_at", _now()),
            ("finished_at", None),
            ("ok", None),
            ("chatroom", OrderedDict()),
            ("cc_core", OrderedDict()),
            ("plan", OrderedDict()),
            ("merges", []),
            ("anomalies", OrderedDict()),
            ("not_migrated", []),
            ("result", OrderedDict()),
            ("verify", None),
            ("errors", []),
        ])

    # ------------------------------------------------------------------
    def plan(self, entity, action, count=1):
        if not count:
            return
        actions = self.data["plan"].setdefault(entity, OrderedDict())
        actions[action] = actions.get(action, 0) + count

    def anomaly(self, name, example=None, count=1):
        entry = self.data["anomalies"].setdefault(name, OrderedDict(
            [("title", ANOMALY_TITLES.get(name, name)), ("count", 0), ("examples", [])]))
        entry["count"] += count
        if example is not None and len(entry["examples"]) < MAX_EXAMPLES:
            entry["examples"].append(example)

    def merge(self, entry):
        self.data["merges"].append(entry)

    def error(self, text):
        self.data["errors"].append(text)

    def finish(self, ok):
        self.data["ok"] = bool(ok)
        self.data["finished_at"] = _now()

    # ------------------------------------------------------------------
    def to_json(self):
        return json.dumps(self.data, indent=2, default=_json_default, ensure_ascii=False)

    def write(self, path):
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(self.to_json())
            handle.write("\n")

    def render(self):
        """A readable text version for the terminal."""
        d = self.data
        out = ["ChatRoom migration: %s on database %s" % (d["command"], d["database"])]
        for title, key in (("ChatRoom", "chatroom"), ("Contact Center", "cc_core")):
            out += _section(title, ["%-40s %s" % (k, _short(v)) for k, v in d[key].items()])
        out += _section("Plan" if d["command"] == "check" else "Done", self._plan_lines())
        out += _section("Anomalies", self._anomaly_lines())
        out += _section("Merged conversations (%d, all in the JSON report)"
                        % len(d["merges"]), [_short(m) for m in d["merges"][:10]])
        out += _section("Not migrated, by design", ["- " + line for line in d["not_migrated"]])
        out += _section("Result", ["%-40s %s" % (k, _short(v)) for k, v in d["result"].items()])
        verify = d["verify"] or {}
        out += _section("Verify", [
            "%-40s %s" % (k, _short(v)) for k, v in verify.items() if k != "differences"
        ] + ["DIFFERENCE %s" % _short(x) for x in verify.get("differences", [])[:20]])
        out += _section("Connectors", [_short(c) for c in d.get("connectors", [])])
        out += ["ERROR: %s" % error for error in d["errors"]]
        return "\n".join(out)

    def _plan_lines(self):
        lines = []
        for entity, actions in self.data["plan"].items():
            parts = ["%s %s" % (actions[a], a) for a in ACTIONS if actions.get(a)]
            lines.append("%-28s %s" % (entity, ", ".join(parts) or "0 to migrate"))
        if lines and self.nothing_to_do():
            lines.append("=> 0 to migrate")
        return lines

    def _anomaly_lines(self):
        lines = []
        for entry in self.data["anomalies"].values():
            lines.append("%-72s %6d" % (entry["title"], entry["count"]))
            lines += ["    e.g. %s" % _short(e) for e in entry["examples"][:3]]
        return lines

    def nothing_to_do(self):
        return all(
            not any(v for a, v in actions.items() if a not in ("unchanged", "skip"))
            for actions in self.data["plan"].values())


def _section(title, lines):
    return ["", title] + ["  " + line for line in lines] if lines else []


def _now():
    return datetime.datetime.utcnow().replace(microsecond=0).isoformat() + "Z"


def _json_default(value):
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, (set, tuple)):
        return list(value)
    return str(value)


def _short(value):
    if isinstance(value, dict):
        return ", ".join("%s=%s" % (k, _short(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return "[%s]" % ", ".join(_short(v) for v in value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    return str(value)
