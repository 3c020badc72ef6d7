/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * One conversation in the list: channel, customer, escaped preview, time,
 * unread count, waiting time coloured by age, WhatsApp window state.
 */

import { fullDate, relativeTime, waitingAge } from "./time_format";
import { CustomerAvatar } from "./customer_avatar";

const { Component } = owl;

export class ConversationRow extends Component {
    get row() {
        return this.props.row;
    }

    get title() {
        return this.row.name || this.row.address_display || this.row.address;
    }

    get time() {
        return relativeTime(this.row.last_message_date);
    }

    get timeTitle() {
        return fullDate(this.row.last_message_date);
    }

    get waiting() {
        return this.row.state !== "done" ? waitingAge(this.row.waiting_since) : null;
    }

    /**
     * The SLA promise of the row: on time, at risk (80 % of the time used),
     * breached; the title says when it is due.
     */
    get sla() {
        const sla = this.row.sla;
        if (!sla) {
            return null;
        }
        const _t = this.env._t;
        const labels = {
            on_time: _t("SLA on time"),
            at_risk: _t("SLA at risk"),
            breached: _t("SLA breached"),
        };
        const classes = { on_time: "badge-success", at_risk: "badge-warning", breached: "badge-danger" };
        return {
            label: labels[sla.state] || sla.state,
            className: classes[sla.state] || "badge-secondary",
            title: sla.due ? _.str.sprintf(_t("Due %s"), fullDate(sla.due)) : "",
        };
    }

    get snoozedTitle() {
        const snoozed = this.row.snoozed;
        const _t = this.env._t;
        return snoozed && snoozed.until
            ? _.str.sprintf(_t("Snoozed until %s"), fullDate(snoozed.until))
            : _t("Snoozed until the customer writes");
    }

    get channelLabel() {
        return this.row.channel_kind === "whatsapp" ? "WhatsApp" : this.row.channel_kind === "sms" ? "SMS" : this.row.channel_kind;
    }

    onClick() {
        this.props.store.openConversation(this.row.id);
    }

    onKeydown(ev) {
        if (ev.key === "Enter" || ev.key === " ") {
            ev.preventDefault();
            this.onClick();
        }
    }
}
ConversationRow.template = "cc_core.ConversationRow";
ConversationRow.components = Object.assign({}, ConversationRow.components, { CustomerAvatar });
