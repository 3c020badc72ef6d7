/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * What the fake cc.workspace of the QUnit tests answers: the agent, a
 * conversation row and a message, each with every key the server sends
 * (tests override what they are about).
 */

import { nextTick } from "@web/../tests/helpers/utils";

export const ME = {
    agent_id: 1,
    presence: "online",
    is_supervisor: false,
    queue_count: 0,
    user_partner_id: 3,
    connectors: [{ id: 1, name: "WhatsApp Loja", channel_kind: "whatsapp" }],
};

export function row(id, values) {
    return Object.assign(
        {
            id,
            name: `Customer ${id}`,
            address: `+551190000000${id}`,
            address_display: `+55 11 9000-000${id}`,
            channel_kind: "whatsapp",
            connector: { id: 1, name: "WhatsApp Loja" },
            state: "current",
            agent: { id: 1, name: "Ana" },
            is_mine: true,
            unread_count: 0,
            preview: "",
            last_message_date: "2026-12-01 10:00:00",
            waiting_since: false,
            priority: "0",
            window: { open: true, end: "2026-12-02 10:00:00" },
            has_failed_message: false,
            is_opted_out: false,
        },
        values || {}
    );
}

export function message(id, conversationId, values) {
    return Object.assign(
        {
            id,
            conversation_id: conversationId,
            channel_kind: "whatsapp",
            direction: "inbound",
            message_type: "text",
            body: `Message ${id}`,
            author: false,
            date: "2026-12-01 10:00:00",
            state: "received",
            failure_reason: false,
            delivery_note: false,
            attempt_count: 0,
            can_retry: false,
            can_retry_anyway: false,
            attachments: [],
            media_state: false,
            event: false,
            reply_to: false,
            location: false,
            contact: false,
            template: false,
            transcript: false,
        },
        values || {}
    );
}

/** Let OWL render what the last promises changed. */
export async function settle() {
    for (let i = 0; i < 6; i++) {
        await nextTick();
    }
}
