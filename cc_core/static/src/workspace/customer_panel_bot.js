/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/* The panel of a conversation the triage bot is handling says so. */

import { patch } from "@web/core/utils/patch";
import { CustomerPanel } from "./customer_panel";

patch(CustomerPanel.prototype, "cc_core.CustomerPanelBot", {
    get stateLabel() {
        if (this.conversation && this.conversation.state === "bot") {
            return this.env._t("With the bot");
        }
        return this._super();
    },
});
