/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * One conversation in the list: channel, customer, escaped preview, time,
 * unread count, waiting time coloured by age, WhatsApp window state.
 */

import { fullDate, relativeTime, waitingAge } from "./time_format";

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
