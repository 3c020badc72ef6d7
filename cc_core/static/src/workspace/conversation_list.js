/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * Left column: tabs, search, channel/connector filters and the rows, paged
 * (more rows when scrolled to the bottom).
 */

import { ConversationRow } from "./conversation_row";

export const SOUND_KEY = "cc_core.workspace.sound";

const { Component } = owl;
const { useState } = owl.hooks;

const SEARCH_DELAY = 300;

export class ConversationList extends Component {
    setup() {
        this.store = this.props.store;
        this.ui = useState({
            filtersOpen: false,
            sound: window.localStorage.getItem(SOUND_KEY) === "1",
            permission: window.Notification ? window.Notification.permission : "denied",
        });
        this._searchTimer = null;
    }

    willUnmount() {
        clearTimeout(this._searchTimer);
    }

    get state() {
        return this.store.state;
    }

    get tabs() {
        const _t = this.env._t;
        const tabs = [
            { key: "mine", label: _t("Mine") },
            { key: "queue", label: _t("Queue") },
            { key: "team", label: _t("Team") },
        ];
        if (this.state.counts.snoozed || this.state.tab === "snoozed") {
            tabs.push({ key: "snoozed", label: _t("Snoozed") });
        }
        if (this.state.me && this.state.me.is_supervisor) {
            tabs.push({ key: "all", label: _t("All") });
        }
        return tabs;
    }

    get connectors() {
        return (this.state.me && this.state.me.connectors) || [];
    }

    get sortTitle() {
        const _t = this.env._t;
        return this.state.sort === "sla"
            ? _t("Ordered by SLA due time (click: by last message)")
            : _t("Ordered by last message (click: by SLA due time)");
    }

    onToggleSort() {
        this.store.setSort(this.state.sort === "sla" ? "recent" : "sla");
    }

    get soundTitle() {
        const _t = this.env._t;
        return this.ui.sound ? _t("Sound on new messages: on (click to mute)") : _t("Sound on new messages: off (click to turn on)");
    }

    get emptyText() {
        const _t = this.env._t;
        if (this.state.search || this.state.channelKind || this.state.connectorId) {
            return _t("No conversation matches this search. Clear the search or the filters to see them all.");
        }
        switch (this.state.tab) {
            case "mine":
                return _t("You have no open conversation. Take one from the Queue, or start a new one.");
            case "queue":
                return _t("Nobody is waiting. New conversations appear here by themselves.");
            case "team":
                return _t("Your teams have no open conversation.");
            case "snoozed":
                return _t("No snoozed conversation. Snooze one from its panel to set it aside until a date or the customer's next message.");
            default:
                return _t("No conversation yet.");
        }
    }

    onTab(tab) {
        this.store.setTab(tab);
    }

    onSearchInput(ev) {
        const value = ev.target.value;
        clearTimeout(this._searchTimer);
        this._searchTimer = setTimeout(() => this.store.setFilters({ search: value }), SEARCH_DELAY);
    }

    onToggleFilters() {
        this.ui.filtersOpen = !this.ui.filtersOpen;
    }

    onChannelKind(ev) {
        this.store.setFilters({ channelKind: ev.target.value || false });
    }

    onConnector(ev) {
        this.store.setFilters({ connectorId: parseInt(ev.target.value, 10) || false });
    }

    onScroll(ev) {
        const el = ev.target;
        if (el.scrollTop + el.clientHeight >= el.scrollHeight - 60) {
            this.store.loadMoreRows();
        }
    }

    async onAskNotifications() {
        if (window.Notification && window.Notification.permission === "default") {
            this.ui.permission = await window.Notification.requestPermission();
        }
    }

    onToggleSound() {
        this.ui.sound = !this.ui.sound;
        window.localStorage.setItem(SOUND_KEY, this.ui.sound ? "1" : "0");
    }

    onNew() {
        this.trigger("new-conversation");
    }
}
ConversationList.template = "cc_core.ConversationList";
ConversationList.components = { ConversationRow };
