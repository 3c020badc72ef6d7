# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The triage bot's decisions, without Odoo.

A flow is a greeting and nodes; a node asks a question with numbered
options; an option may reply (a template), ask a question whose answer is
validated and kept, then go to another node, hand over to the agents or
close. ``start`` and ``answer`` take the flow and the conversation's bot
state and return a ``Step``: what to send, what the customer chose, what to
keep, whether the bot ends (and why), and the next state. The ORM applies it
(``cc.conversation._bot_apply``).

Never loops: every message counts against ``flow.max_messages`` per cycle;
a step that would go over it sends nothing and hands over.
"""
import re
from collections import namedtuple

from . import options as options_service
from .text import fold_keyword

# End of the bot's part: hand over to the agents (queue), or close.
HANDOVER = "handover"
CLOSE = "close"

# Why the bot hands over.
REASON_OPTION = "option"  # the customer chose an option that hands over
REASON_KEYWORD = "keyword"  # the customer asked for a person
REASON_INVALID = "invalid"  # too many answers the bot did not understand
REASON_CAP = "cap"  # the bot would go over its message cap
REASON_BROKEN = "broken"  # the flow points nowhere (edited meanwhile)

VALIDATIONS = ("text", "number", "cpf", "email")
MAX_ANSWER_LENGTH = 200

Option = namedtuple("Option", "id title action next_node question validation label "
                              "has_reply")
Option.__new__.__defaults__ = ("none", None, None, "text", None, False)
Node = namedtuple("Node", "id question options")
Flow = namedtuple("Flow", "greeting start_node nodes max_invalid max_messages "
                          "handover_words invalid_text handover_text")
Flow.__new__.__defaults__ = (3, 10, (), "", "")
State = namedtuple("State", "node option invalid_count message_count")
State.__new__.__defaults__ = (None, None, 0, 0)

# One message to send: kind "options" (text + options), "text", or "reply"
# (the option's own reply, e.g. its template: ``option`` says which).
Reply = namedtuple("Reply", "kind text options option")
Reply.__new__.__defaults__ = ("", (), None)

Step = namedtuple("Step", "replies chosen answer end reason state invalid")
Step.__new__.__defaults__ = ((), None, None, None, None, None, False)


# ----------------------------------------------------------------------
# Validation of answers
# ----------------------------------------------------------------------
def _cpf_ok(digits):
    if len(digits) != 11 or digits == digits[0] * 11:
        return False
    for length in (9, 10):
        total = sum(int(d) * (length + 1 - i) for i, d in enumerate(digits[:length]))
        check = (total * 10) % 11 % 10
        if check != int(digits[length]):
            return False
    return True


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def validate(kind, text):
    """The answer as kept (normalised), or ``None`` when it is not valid."""
    text = " ".join((text or "").split())
    if not text or len(text) > MAX_ANSWER_LENGTH:
        return None
    if kind == "number":
        compact = re.sub(r"[\s.\-/#]", "", text)
        return compact if compact.isdigit() and len(compact) <= 30 else None
    if kind == "cpf":
        digits = re.sub(r"\D", "", text)
        if re.sub(r"[\d\s.\-]", "", text) or not _cpf_ok(digits):
            return None
        return "%s.%s.%s-%s" % (digits[:3], digits[3:6], digits[6:9], digits[9:])
    if kind == "email":
        return text.lower() if _EMAIL.match(text) else None
    return text


def wants_agent(text, words):
    """The customer asks for a person: one of ``words`` (folded) appears in
    the answer as whole words ("quero falar com um atendente")."""
    answer = " %s " % fold_keyword(text or "")
    for word in words:
        folded = fold_keyword(word)
        if folded and " %s " % folded in answer:
            return True
    return False


# ----------------------------------------------------------------------
# Steps
# ----------------------------------------------------------------------
def _menu(node, prefix=""):
    question = "\n\n".join(part for part in (prefix.strip(), node.question.strip())
                           if part)
    return Reply("options", question, [(o.id, o.title) for o in node.options])


def _capped(flow, state, step):
    """``step`` unless its messages would go over the cap: then nothing is
    sent and the bot hands over."""
    if state.message_count + len(step.replies) <= flow.max_messages:
        return step._replace(state=step.state._replace(
            message_count=state.message_count + len(step.replies)))
    return Step(replies=(), chosen=step.chosen, answer=step.answer, end=HANDOVER,
                reason=REASON_CAP, state=state, invalid=step.invalid)


def start(flow, state=None):
    """The greeting and the first menu."""
    state = state or State()
    node = flow.nodes.get(flow.start_node)
    if not node or not node.options:
        return Step(end=HANDOVER, reason=REASON_BROKEN, state=state)
    return _capped(flow, state, Step(replies=(_menu(node, flow.greeting),),
                                     state=State(node.id, None, 0, 0)))


def _follow(flow, state, option, replies, answer=None):
    """What an option does once chosen (and its question answered)."""
    replies = list(replies)
    if option.action == "node":
        node = flow.nodes.get(option.next_node)
        if not node or not node.options:
            return Step(tuple(replies), option.id, answer, HANDOVER, REASON_BROKEN,
                        state)
        replies.append(_menu(node))
        return Step(tuple(replies), option.id, answer, None, None,
                    State(node.id, None, 0, state.message_count))
    if option.action == CLOSE:
        return Step(tuple(replies), option.id, answer, CLOSE, None,
                    state._replace(option=None))
    # "handover" and anything unknown: the agents take it from here.
    if flow.handover_text:
        replies.append(Reply("text", flow.handover_text))
    return Step(tuple(replies), option.id, answer, HANDOVER, REASON_OPTION,
                state._replace(option=None))


def _choose(flow, state, option):
    replies = [Reply("reply", option=option.id)] if option.has_reply else []
    if option.question:
        replies.append(Reply("text", option.question))
        return Step(tuple(replies), option.id, None, None, None,
                    state._replace(option=option.id, invalid_count=0))
    return _follow(flow, state, option, replies)


def _not_understood(flow, state, again):
    """One more answer the bot did not understand: ask again, or hand over."""
    count = state.invalid_count + 1
    if count >= flow.max_invalid:
        return Step(end=HANDOVER, reason=REASON_INVALID,
                    state=state._replace(invalid_count=count), invalid=True)
    replies = []
    if again.kind == "options":
        again = again._replace(text="\n\n".join(
            part for part in (flow.invalid_text, again.text) if part))
        replies.append(again)
    else:
        replies.append(Reply("text", "\n\n".join(
            part for part in (flow.invalid_text, again.text) if part)))
    return Step(tuple(replies), state=state._replace(invalid_count=count),
                invalid=True)


def _find_option(node, option_id):
    for option in node.options if node else ():
        if option.id == option_id:
            return option
    return None


def answer(flow, state, text=None, reply_id=None):
    """The customer's answer (``text``, or ``reply_id`` for a tap)."""
    node = flow.nodes.get(state.node)
    if not node:
        return Step(end=HANDOVER, reason=REASON_BROKEN, state=state)
    pending = _find_option(node, state.option) if state.option else None
    if state.option and not pending:
        return Step(end=HANDOVER, reason=REASON_BROKEN, state=state)
    if pending:
        if wants_agent(text, flow.handover_words):
            return Step(end=HANDOVER, reason=REASON_KEYWORD, state=state)
        value = validate(pending.validation, text)
        if value is None:
            return _capped(flow, state, _not_understood(
                flow, state, Reply("text", pending.question)))
        step = _follow(flow, state._replace(option=None, invalid_count=0), pending, (),
                       answer=(pending.label or pending.question, value))
        return _capped(flow, state, step)
    chosen = options_service.match_option(
        [(o.id, o.title) for o in node.options], text=text, reply_id=reply_id)
    if chosen is None:
        if wants_agent(text, flow.handover_words):
            return Step(end=HANDOVER, reason=REASON_KEYWORD, state=state)
        return _capped(flow, state, _not_understood(flow, state, _menu(node)))
    option = _find_option(node, chosen)
    return _capped(flow, state, _choose(flow, state._replace(invalid_count=0), option))
