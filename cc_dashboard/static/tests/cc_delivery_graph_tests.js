/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

import { CC_STATE_COLORS, ccStateColor } from "@cc_dashboard/js/cc_delivery_graph";
import { registry } from "@web/core/registry";

const SELECTION = [
    ["queued", "Queued"],
    ["sent", "Sent"],
    ["delivered", "Delivered"],
    ["read", "Read"],
    ["failed", "Failed"],
    ["unknown", "Unknown"],
];

QUnit.module("cc_dashboard", {}, function () {
    QUnit.module("Delivery graph colours");

    QUnit.test("each state keeps its colour whatever its position", function (assert) {
        assert.strictEqual(ccStateColor(SELECTION, "Unknown"), CC_STATE_COLORS.unknown);
        assert.notStrictEqual(
            ccStateColor(SELECTION, "Unknown"),
            ccStateColor(SELECTION, "Read"),
            "an unknown outcome never looks like a success"
        );
        assert.strictEqual(ccStateColor(SELECTION, "Failed"), CC_STATE_COLORS.failed);
        // Translated labels work the same (the selection comes translated).
        assert.strictEqual(
            ccStateColor([["unknown", "Desconhecido"]], "Desconhecido"),
            CC_STATE_COLORS.unknown
        );
        assert.strictEqual(ccStateColor(SELECTION, "Undefined"), undefined);
    });

    QUnit.test("the delivery graph view is registered", function (assert) {
        assert.ok(registry.category("views").contains("cc_delivery_graph"));
    });
});
