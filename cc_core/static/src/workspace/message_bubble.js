/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * One message of the thread, or a lifecycle event as a small inline row.
 * The body is plain text: rendered as text and link tokens (t-esc only).
 */

import { safeHref, textTokens, whatsappTokens } from "./text_tokens";
import { fileSize, fullDate, messageTime } from "./time_format";
import { AiMessageTools } from "./ai_assist";

const { Component } = owl;

export class MessageBubble extends Component {
    get message() {
        return this.props.message;
    }

    get isEvent() {
        return this.message.message_type === "event" || Boolean(this.message.event);
    }

    get tokens() {
        return this.message.channel_kind === "whatsapp"
            ? whatsappTokens(this.message.body)
            : textTokens(this.message.body);
    }

    get time() {
        return messageTime(this.message.date);
    }

    get timeTitle() {
        return fullDate(this.message.date);
    }

    get directionClass() {
        const direction = this.message.direction;
        return {
            o_cc_ws_msg_in: direction === "inbound",
            o_cc_ws_msg_out: direction === "outbound",
            o_cc_ws_msg_internal: direction === "internal",
            o_cc_ws_msg_pending: this.message.pending,
            o_cc_ws_msg_sticker: this.message.message_type === "sticker",
        };
    }

    get stateInfo() {
        const _t = this.env._t;
        const states = {
            queued: { icon: "fa fa-clock-o", label: _t("Queued"), className: "text-muted" },
            sending: { icon: "fa fa-clock-o", label: _t("Sending"), className: "text-muted" },
            sent: { icon: "fa fa-check", label: _t("Sent"), className: "text-muted" },
            delivered: { icon: "fa fa-check", double: true, label: _t("Delivered"), className: "text-muted" },
            read: { icon: "fa fa-check", double: true, label: _t("Read"), className: "text-info" },
            failed: { icon: "fa fa-exclamation-circle", label: _t("Failed"), className: "text-danger" },
            unknown: { icon: "fa fa-question-circle", label: _t("Unknown"), className: "text-warning" },
        };
        return this.message.direction === "outbound" ? states[this.message.state] || false : false;
    }

    get eventIcon() {
        const icons = {
            taken: "fa-hand-paper-o",
            assigned: "fa-user-plus",
            released: "fa-sign-out",
            transferred: "fa-exchange",
            closed: "fa-check-circle",
            reopened: "fa-folder-open-o",
            queued: "fa-inbox",
            unanswered: "fa-hourglass-end",
        };
        const event = this.message.event;
        return `fa ${(event && icons[event.type]) || "fa-info-circle"}`;
    }

    attachmentKind(attachment) {
        const mimetype = attachment.mimetype || "";
        if (this.message.message_type === "sticker" || (attachment.image_url && mimetype.startsWith("image/"))) {
            return "image";
        }
        if (mimetype.startsWith("audio/")) {
            return "audio";
        }
        if (mimetype.startsWith("video/")) {
            return "video";
        }
        return "file";
    }

    /** A media message whose file is not here (and not being downloaded). */
    get missingMedia() {
        const _t = this.env._t;
        const labels = {
            image: _t("Image not available"),
            audio: _t("Audio not available"),
            video: _t("Video not available"),
            document: _t("Document not available"),
            sticker: _t("Sticker not available"),
        };
        const message = this.message;
        if (!labels[message.message_type] || (message.attachments || []).length || message.media_state) {
            return false;
        }
        return labels[message.message_type];
    }

    attachmentSize(attachment) {
        return fileSize(attachment.file_size);
    }

    get locationHref() {
        const location = this.message.location;
        if (!location) {
            return false;
        }
        const given = safeHref(location.url);
        if (given) {
            return given;
        }
        if (location.latitude || location.longitude) {
            return `https://www.openstreetmap.org/?mlat=${encodeURIComponent(location.latitude)}&mlon=${encodeURIComponent(location.longitude)}#map=16/${encodeURIComponent(location.latitude)}/${encodeURIComponent(location.longitude)}`;
        }
        return false;
    }

    onImage(attachment) {
        this.props.store.state.lightbox = attachment.image_url || attachment.url;
        this.props.store.notify();
    }

    get canReply() {
        const message = this.message;
        const panel = this.props.store.state.panel;
        return !message.pending && typeof message.id === "number" && message.direction !== "internal" &&
            Boolean(panel && panel.permissions && panel.permissions.can_send) &&
            message.conversation_id === this.props.store.state.activeId;
    }

    get customerReactionTitle() {
        return this.env._t("The customer's reaction");
    }

    /** Retrying is answering: only for who may send here (owner, supervisor). */
    get maySend() {
        const panel = this.props.store.state.panel;
        return Boolean(panel && panel.permissions && panel.permissions.can_send);
    }

    onReply() {
        this.props.store.setReplyTo(this.message.conversation_id, this.message);
    }

    onRetry() {
        this.props.store.action("retry", { message_id: this.message.id });
    }

    onRetryAnyway() {
        this.props.store.action("retry_anyway", { message_id: this.message.id });
    }

    onRetryDownload() {
        this.props.store.action("retry_download", { message_id: this.message.id });
    }
}
MessageBubble.template = "cc_core.MessageBubble";
MessageBubble.components = { AiMessageTools };
