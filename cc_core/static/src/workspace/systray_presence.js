/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * Systray item of the agents: presence (online / away / offline) and the
 * number of conversations waiting in my queue, refreshed by the bus.
 */

import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

const { Component } = owl;
const { useState, useExternalListener } = owl.hooks;

const REFRESH_DELAY = 500;

export class SystrayPresence extends Component {
    setup() {
        this.orm = useService("orm");
        this.user = useService("user");
        this.actionService = useService("action");
        this.state = useState({ visible: false, open: false, me: false });
        this._onNotification = this._onNotification.bind(this);
        this._timer = null;
        useExternalListener(window, "click", this._onWindowClick);
    }

    async willStart() {
        this.state.visible = await this.user.hasGroup("cc_core.group_cc_agent");
        if (this.state.visible) {
            await this._refresh();
        }
    }

    mounted() {
        const bus = this._legacyBus();
        if (bus && this.state.visible) {
            bus.onNotification(this, this._onNotification);
        }
    }

    willUnmount() {
        clearTimeout(this._timer);
        const bus = this._legacyBus();
        if (bus) {
            bus.off("notification", this, this._onNotification);
        }
    }

    _legacyBus() {
        const legacyEnv = owl.Component.env;
        return legacyEnv && legacyEnv.services && legacyEnv.services.bus_service;
    }

    async _refresh() {
        try {
            this.state.me = await this.orm.silent.call("cc.workspace", "workspace_me", [], {});
        } catch (_error) {
            this.state.me = false;
        }
    }

    _onNotification(notifications) {
        const relevant = (notifications || []).some(
            (n) => n && typeof n.type === "string" && n.type.startsWith("cc.")
        );
        if (relevant) {
            clearTimeout(this._timer);
            this._timer = setTimeout(() => this._refresh(), REFRESH_DELAY);
        }
    }

    _onWindowClick(ev) {
        if (this.state.open && this.el && !this.el.contains(ev.target)) {
            this.state.open = false;
        }
    }

    get presence() {
        return (this.state.me && this.state.me.presence) || "offline";
    }

    get presenceClass() {
        return { online: "text-success", away: "text-warning" }[this.presence] || "text-muted";
    }

    get presenceLabel() {
        const _t = this.env._t;
        return { online: _t("Online"), away: _t("Away"), offline: _t("Offline") }[this.presence];
    }

    onToggle() {
        this.state.open = !this.state.open;
    }

    async onSetPresence(presence) {
        this.state.open = false;
        this.state.me = await this.orm.call("cc.workspace", "workspace_set_presence", [], { presence });
    }

    onOpenInbox() {
        this.state.open = false;
        this.actionService.doAction("cc_core.action_cc_workspace", { clearBreadcrumbs: true });
    }
}
SystrayPresence.template = "cc_core.SystrayPresence";

registry.category("systray").add("cc_core.presence", { Component: SystrayPresence }, { sequence: 30 });
