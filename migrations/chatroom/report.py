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
    ("users_not_in_group", "Users referenced as agents but not in the ChatRoom group "
                           "(archived agents)"),
    ("duplicate_provider_ids", "Duplicate provider message ids on one connector "
                               "(id kept on the first message only)"),
    ("unmapped_tracking_values", "Chatter tracking values of ChatRoom-only fields (not copied)"),
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
        if d["chatroom"]:
            out.append("")
            out.append("ChatRoom")
            for key, value in d["chatroom"].items():
                out.append("  %-40s %s" % (key, _short(value)))
        if d["cc_core"]:
            out.append("")
            out.append("Contact Center")
            for key, value in d["cc_core"].items():
                out.append("  %-40s %s" % (key, _short(value)))
        if d["plan"]:
            out.append("")
            out.append("Plan" if d["command"] == "check" else "Done")
            for entity, actions in d["plan"].items():
                parts = ["%s %s" % (actions[a], a) for a in ACTIONS if actions.get(a)]
                out.append("  %-28s %s" % (entity, ", ".join(parts) or "0 to migrate"))
            if self.nothing_to_do():
                out.append("  => 0 to migrate")
        if d["anomalies"]:
            out.append("")
            out.append("Anomalies")
            for entry in d["anomalies"].values():
                out.append("  %-72s %6d" % (entry["title"], entry["count"]))
                for example in entry["examples"][:3]:
                    out.append("      e.g. %s" % _short(example))
        if d["merges"]:
            out.append("")
            out.append("Merged conversations (%d, all in the JSON report)" % len(d["merges"]))
            for merge in d["merges"][:10]:
                out.append("  %s" % _short(merge))
        if d["not_migrated"]:
            out.append("")
            out.append("Not migrated, by design")
            for line in d["not_migrated"]:
                out.append("  - %s" % line)
        if d["result"]:
            out.append("")
            out.append("Result")
            for key, value in d["result"].items():
                out.append("  %-40s %s" % (key, _short(value)))
        if d["verify"]:
            out.append("")
            out.append("Verify")
            for key, value in d["verify"].items():
                if key != "differences":
                    out.append("  %-40s %s" % (key, _short(value)))
            for difference in d["verify"].get("differences", [])[:20]:
                out.append("  DIFFERENCE %s" % _short(difference))
        for error in d["errors"]:
            out.append("ERROR: %s" % error)
        return "\n".join(out)

    def nothing_to_do(self):
        return all(
            not any(v for a, v in actions.items() if a not in ("unchanged", "skip"))
            for actions in self.data["plan"].values())


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
