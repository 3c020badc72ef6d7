/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * Right column: the customer (partner, numbers, other conversations on
 * every channel, one timeline across channels), the conversation (tags,
 * note, stage, priority, team and agent, activities, related document) and
 * its actions (take, release, transfer with a note, close, reopen).
 */

import { dayLabel, fullDate, relativeTime, snoozeUntil } from "./time_format";
import { AiSummary } from "./ai_assist";
import { CustomerAvatar } from "./customer_avatar";

const { Component } = owl;
const { useState } = owl.hooks;

export class CustomerPanel extends Component {
    setup() {
        this.store = this.props.store;
        this.ui = useState({
            transferOpen: false,
            targets: false,
            transferTarget: "",
            transferNote: "",
            options: false,
            partnerSearch: "",
            partnerResults: [],
            linkOpen: false,
            busy: false,
            tagsOpen: false,
        });
        this._partnerTimer = null;
    }

    willUnmount() {
        clearTimeout(this._partnerTimer);
    }

    get panel() {
        return this.store.state.panel;
    }

    get conversation() {
        return (this.panel && this.panel.conversation) || {};
    }

    get permissions() {
        return (this.panel && this.panel.permissions) || {};
    }

    get stateLabel() {
        const _t = this.env._t;
        return { new: _t("New"), current: _t("In progress"), done: _t("Closed") }[this.conversation.state] || "";
    }

    get priorityStars() {
        const priority = parseInt(this.conversation.priority || "0", 10);
        return [1, 2, 3].map((value) => ({ value, on: value <= priority }));
    }

    when(date) {
        return relativeTime(date);
    }

    day(date) {
        return dayLabel(date, this.env._t);
    }

    async _run(action, kwargs) {
        this.ui.busy = true;
        const ok = await this.store.action(action, kwargs);
        this.ui.busy = false;
        return ok;
    }

    onTake() {
        this._run("take");
    }

    onRelease() {
        this._run("release");
    }

    onClose() {
        this._run("close");
    }

    onReopen() {
        this._run("reopen");
    }

    onSnooze(choice) {
        this._run("snooze", { until: snoozeUntil(choice) });
    }

    onWakeUp() {
        this._run("wake_up");
    }

    get slaDue() {
        return fullDate(this.conversation.sla && this.conversation.sla.due);
    }

    get snoozedText() {
        const snoozed = this.conversation.snoozed;
        const _t = this.env._t;
        if (!snoozed) {
            return "";
        }
        return snoozed.until
            ? _.str.sprintf(_t("Snoozed until %s"), fullDate(snoozed.until))
            : _t("Snoozed until the customer writes");
    }

    onClosePanel() {
        this.store.state.panelOpen = false;
        this.store.notify();
    }

    onSandbox(action) {
        this._run(action);
    }

    async _loadOptions() {
        if (!this.ui.options) {
            this.ui.options = await this.store.rpc("workspace_options", {});
        }
    }

    async onOpenTransfer() {
        this.ui.transferOpen = true;
        this.ui.transferTarget = "";
        this.ui.transferNote = "";
        this.ui.targets = await this.store.rpc("workspace_transfer_targets", {
            conversation_id: this.store.state.activeId,
        });
    }

    onCancelTransfer() {
        this.ui.transferOpen = false;
    }

    onTransferTarget(ev) {
        this.ui.transferTarget = ev.target.value;
    }

    onTransferNote(ev) {
        this.ui.transferNote = ev.target.value;
    }

    async onConfirmTransfer() {
        const [kind, id] = (this.ui.transferTarget || "").split(":");
        if (!id) {
            return;
        }
        const kwargs = { note: this.ui.transferNote };
        kwargs[kind === "team" ? "team_id" : "agent_id"] = parseInt(id, 10);
        const ok = await this._run("transfer", kwargs);
        if (ok) {
            this.ui.transferOpen = false;
        }
    }

    presenceClass(presence) {
        return { online: "text-success", away: "text-warning" }[presence] || "text-muted";
    }

    async onToggleTimeline(ev) {
        await this.store.setTimeline(ev.target.checked);
    }

    onOpenConversation(conversation) {
        this.store.openConversation(conversation.id);
    }

    onOpenPartner() {
        if (this.store.doAction && this.panel.partner) {
            this.store.doAction({
                type: "ir.actions.act_window",
                res_model: "res.partner",
                res_id: this.panel.partner.id,
                views: [[false, "form"]],
                target: "new",
            });
        }
    }

    onOpenDocument() {
        const document = this.conversation.related_document;
        if (this.store.doAction && document) {
            this.store.doAction({
                type: "ir.actions.act_window",
                res_model: document.model,
                res_id: document.id,
                views: [[false, "form"]],
                target: "new",
            });
        }
    }

    onCreatePartner() {
        this._run("create_partner");
    }

    onToggleLink() {
        this.ui.linkOpen = !this.ui.linkOpen;
        this.ui.partnerResults = [];
    }

    onPartnerSearch(ev) {
        const search = ev.target.value;
        clearTimeout(this._partnerTimer);
        this._partnerTimer = setTimeout(async () => {
            if (!this.store.orm || search.length < 2) {
                this.ui.partnerResults = [];
                return;
            }
            const results = await this.store.orm("res.partner", "name_search", [], { name: search, limit: 8 });
            this.ui.partnerResults = results.map(([id, name]) => ({ id, name }));
        }, 250);
    }

    async onLinkPartner(partner) {
        const ok = await this._run("link_partner", { partner_id: partner.id });
        if (ok) {
            this.ui.linkOpen = false;
        }
    }

    async onStage(ev) {
        await this._run("set_stage", { stage_id: parseInt(ev.target.value, 10) || false });
    }

    onPriority(value) {
        const current = parseInt(this.conversation.priority || "0", 10);
        this._run("set_priority", { priority: String(value === current ? 0 : value) });
    }

    async onEditTags() {
        await this._loadOptions();
        this.ui.tagsOpen = !this.ui.tagsOpen;
    }

    hasTag(tag) {
        return (this.conversation.tags || []).some((t) => t.id === tag.id);
    }

    onToggleTag(tag) {
        const ids = (this.conversation.tags || []).map((t) => t.id);
        const next = this.hasTag(tag) ? ids.filter((id) => id !== tag.id) : ids.concat([tag.id]);
        this._run("set_tags", { tag_ids: next });
    }

    async onNoteChange(ev) {
        if (ev.target.value !== (this.conversation.note || "")) {
            await this._run("set_note", { note: ev.target.value });
        }
    }

    async onFocusStage() {
        await this._loadOptions();
    }

    tagClass(tag) {
        return `o_tag_color_${tag.color || 0}`;
    }
}
CustomerPanel.template = "cc_core.CustomerPanel";
CustomerPanel.components = Object.assign({}, CustomerPanel.components, { CustomerAvatar, AiSummary });
