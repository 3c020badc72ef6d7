/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * The supervisors' live dashboard (client action ``cc_dashboard_live``): all
 * its figures come from one call (cc.dashboard.live.dashboard_data). It
 * reloads when the bus brings a conversation or message notification (at
 * most once every few seconds) and every 30 s; every number opens the list
 * behind it (dashboard_action).
 */

import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { useSetupAction } from "@web/webclient/actions/action_hook";
import { parseServerDate, relativeTime } from "@cc_core/workspace/time_format";
import {
    isDashboardNotification,
    levelColor,
    ReloadThrottle,
    secondsBetween,
    shortDuration,
} from "./live_utils";

/* global moment */

const { Component } = owl;
const { useState } = owl.hooks;

export const POLL_INTERVAL = 30 * 1000;
export const BUS_THROTTLE = 5 * 1000;
const NO_FILTERS = { team_id: false, connector_id: false, channel_kind: false };

export class LiveDashboard extends Component {
    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.notification = useService("notification");
        const restored = (this.props.state && this.props.state.filters) || {};
        this.state = useState({
            data: null,
            error: false,
            loading: true,
            filters: Object.assign({}, NO_FILTERS, restored),
            loadedAt: null,
        });
        useSetupAction({ getLocalState: () => ({ filters: Object.assign({}, this.state.filters) }) });
        this.throttle = new ReloadThrottle(() => this.load(), BUS_THROTTLE);
        this._onNotification = this._onNotification.bind(this);
        this._onVisibility = this._onVisibility.bind(this);
        this._loading = false;
        this._again = false;
        const _t = this.env._t;
        this.units = { s: _t("s"), min: _t("min"), h: _t("h"), d: _t("d") };
    }

    willStart() {
        // Not awaited: the screen shows its loading state meanwhile.
        this.load();
    }

    mounted() {
        this.trigger("controller-title-updated", this.env._t("Live dashboard"));
        const bus = this._legacyBus();
        if (bus) {
            bus.onNotification(this, this._onNotification);
            bus.startPolling();
        }
        this._poll = setInterval(() => {
            if (!document.hidden) {
                this.throttle.request();
            }
        }, POLL_INTERVAL);
        document.addEventListener("visibilitychange", this._onVisibility);
    }

    willUnmount() {
        const bus = this._legacyBus();
        if (bus) {
            // Name the callback: without it every listener of the bus goes.
            bus.off("notification", this, this._onNotification);
        }
        clearInterval(this._poll);
        this.throttle.cancel();
        document.removeEventListener("visibilitychange", this._onVisibility);
    }

    _legacyBus() {
        const legacyEnv = owl.Component.env;
        return legacyEnv && legacyEnv.services && legacyEnv.services.bus_service;
    }

    _onNotification(notifications) {
        if ((notifications || []).some(isDashboardNotification)) {
            this.throttle.request();
        }
    }

    _onVisibility() {
        // Back on the tab after a while: the figures may be old.
        if (!document.hidden && this.state.loadedAt &&
                Date.now() - this.state.loadedAt > POLL_INTERVAL) {
            this.throttle.request();
        }
    }

    // ------------------------------------------------------------------
    // Loading
    // ------------------------------------------------------------------
    async load() {
        if (this._loading) {
            this._again = true;
            return;
        }
        this._loading = true;
        this.state.loading = true;
        try {
            const data = await this.orm.silent.call("cc.dashboard.live", "dashboard_data", [], {
                filters: Object.assign({}, this.state.filters),
            });
            this.state.data = data;
            this.state.error = false;
            this.state.loadedAt = Date.now();
        } catch (error) {
            this.state.error = this._errorText(error);
        } finally {
            this._loading = false;
            this.state.loading = false;
        }
        if (this._again) {
            this._again = false;
            this.load();
        }
    }

    _errorText(error) {
        const _t = this.env._t;
        if (error && error.name === "ConnectionLostError") {
            return _t("The server cannot be reached. The dashboard retries every 30 seconds.");
        }
        const message = (error && error.data && error.data.message) || (error && error.message);
        return message || _t("The dashboard could not be loaded.");
    }

    onRefresh() {
        this.throttle.ran();
        this.load();
    }

    onFilter(key, ev) {
        const raw = ev.target.value;
        this.state.filters[key] = key === "channel_kind" ? raw || false : parseInt(raw, 10) || false;
        this.onRefresh();
    }

    onClearFilters() {
        Object.assign(this.state.filters, NO_FILTERS);
        this.onRefresh();
    }

    get hasFilters() {
        const f = this.state.filters;
        return Boolean(f.team_id || f.connector_id || f.channel_kind);
    }

    // ------------------------------------------------------------------
    // Drill-down
    // ------------------------------------------------------------------
    async open(key, arg) {
        // OWL passes the click event last: only a team, agent, reason id or
        // a channel key is an argument.
        const value = typeof arg === "number" || typeof arg === "string" ? arg : false;
        let action;
        try {
            action = await this.orm.silent.call("cc.dashboard.live", "dashboard_action", [key, value], {
                filters: Object.assign({}, this.state.filters),
            });
        } catch (error) {
            this.notification.add(this._errorText(error), { type: "danger" });
            return;
        }
        await this.actionService.doAction(action);
    }

    // ------------------------------------------------------------------
    // Formatting
    // ------------------------------------------------------------------
    get data() {
        return this.state.data;
    }

    get oldestWait() {
        const seconds = secondsBetween(this.data.queue.oldest, this.data.now);
        return seconds === null ? "" : shortDuration(seconds, this.units);
    }

    presenceSince(agent) {
        const seconds = secondsBetween(agent.presence_date, this.data.now);
        return seconds === null ? "" : shortDuration(seconds, this.units);
    }

    agentLoadPercent(agent) {
        if (!agent.capacity) {
            return agent.open ? 100 : 0;
        }
        return Math.min(100, Math.round((100 * agent.open) / agent.capacity));
    }

    agentLoadColor(agent) {
        if (agent.capacity && agent.open >= agent.capacity) {
            return "bg-danger";
        }
        return agent.open ? "bg-primary" : "bg-light";
    }

    presenceLabel(agent) {
        const _t = this.env._t;
        return {
            online: _t("Online"),
            away: _t("Away"),
            paused: agent.reason || _t("Paused"),
            offline: _t("Offline"),
        }[agent.presence] || agent.presence;
    }

    presenceColor(presence) {
        return { online: "success", away: "warning", paused: "warning", offline: "secondary" }[presence] ||
            "secondary";
    }

    avatarUrl(agent) {
        return `/web/image/res.users/${agent.user_id}/avatar_128`;
    }

    levelColor(level) {
        return levelColor(level);
    }

    levelIcon(level) {
        return {
            ok: "fa-check-circle",
            info: "fa-info-circle",
            warning: "fa-exclamation-triangle",
            danger: "fa-times-circle",
        }[level] || "fa-info-circle";
    }

    itemWhen(item) {
        return relativeTime(item.date);
    }

    itemTitle(item) {
        const date = parseServerDate(item.date);
        return date ? date.format("LLL") : "";
    }

    get loadedAtText() {
        return this.state.loadedAt ? moment(this.state.loadedAt).format("LTS") : "";
    }

    get slaTodayTotal() {
        const sla = this.data.sla;
        return (sla.met_today || 0) + (sla.missed_today || 0);
    }

    get slaMetPercent() {
        const total = this.slaTodayTotal;
        return total ? Math.round((100 * this.data.sla.met_today) / total) : null;
    }
}
LiveDashboard.template = "cc_dashboard.LiveDashboard";

registry.category("actions").add("cc_dashboard_live", LiveDashboard);
