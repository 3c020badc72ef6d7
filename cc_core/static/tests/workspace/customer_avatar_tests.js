/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * Customer pictures in the Inbox: a row shows the picture when the server
 * gives its URL, else the initials on a colour derived from the name (the
 * same colour for the same name), a silhouette for a bare number, and the
 * initials again when the picture cannot be loaded.
 */

import { registry } from "@web/core/registry";
import { makeTestEnv } from "@web/../tests/helpers/mock_env";
import { makeFakeLocalizationService } from "@web/../tests/helpers/mock_services";
import { getFixture, nextTick } from "@web/../tests/helpers/utils";
import { ConversationRow } from "@cc_core/workspace/conversation_row";
import { AVATAR_COLORS, avatarColor, initials } from "@cc_core/workspace/customer_avatar";
import { row } from "./fixtures";

const { mount } = owl;

const PNG =
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

/** An SMS conversation row (no window, no agent) with ``values``. */
function smsRow(id, values) {
    return row(id, Object.assign({
        address: "+5511900000001",
        address_display: "+55 11 90000-0001",
        channel_kind: "sms",
        connector: { id: 1, name: "SMS" },
        agent: false,
        preview: "Oi",
        window: false,
        sla: false,
        snoozed: false,
        avatar_url: false,
    }, values || {}));
}

async function mountRow(values) {
    registry.category("services").add("localization", makeFakeLocalizationService());
    const env = await makeTestEnv();
    const target = getFixture();
    const store = { openConversation() {} };
    const component = await mount(ConversationRow, { env, target, props: { row: smsRow(1, values), store, active: false } });
    return { component, el: target.querySelector(".o_cc_ws_row") };
}

function waitForEvent(el, name) {
    return new Promise((resolve) => el.addEventListener(name, resolve, { once: true }));
}

QUnit.module("cc_core_workspace_avatar", {}, function () {
    QUnit.test("initials: first and last word, letters only, none for a number", function (assert) {
        assert.strictEqual(initials("Maria da Silva Souza"), "MS");
        assert.strictEqual(initials("joão"), "J");
        assert.strictEqual(initials("  Ágata (Loja Centro) "), "ÁC");
        assert.strictEqual(initials("+55 11 98765-4321"), "");
        assert.strictEqual(initials(""), "");
        assert.strictEqual(avatarColor("Maria Souza"), avatarColor("Maria Souza"), "stable");
        const colors = new Set(["Ana", "Bruno", "Carla", "Diego", "Eva", "Fabio"].map(avatarColor));
        assert.ok(colors.size > 1, "different names get different colours");
        assert.ok([...colors].every((c) => AVATAR_COLORS.includes(c)));
    });

    QUnit.test("a row shows the customer's picture when its URL is known", async function (assert) {
        const { component, el } = await mountRow({ name: "Maria Souza", avatar_url: PNG });
        const img = el.querySelector(".o_cc_avatar img");
        assert.ok(img, "the picture is shown");
        assert.strictEqual(img.getAttribute("src"), PNG);
        assert.containsNone(el, ".o_cc_avatar_initials");
        component.destroy();
    });

    QUnit.test("a row without picture shows the initials on the name's colour", async function (assert) {
        const { component, el } = await mountRow({ name: "Maria Souza" });
        assert.containsNone(el, ".o_cc_avatar img");
        const badge = el.querySelector(".o_cc_avatar_initials");
        assert.strictEqual(badge.textContent.trim(), "MS");
        const probe = document.createElement("div");
        probe.style.backgroundColor = avatarColor("Maria Souza");
        assert.strictEqual(badge.style.backgroundColor, probe.style.backgroundColor);
        component.destroy();
    });

    QUnit.test("a bare number shows a silhouette", async function (assert) {
        const { component, el } = await mountRow({ name: "+55 11 90000-0001" });
        assert.containsOnce(el, ".o_cc_avatar_initials .fa-user");
        component.destroy();
    });

    QUnit.test("a picture that does not load falls back to the initials", async function (assert) {
        const broken = "data:image/png;base64,bm90IGFuIGltYWdl";
        const { component, el } = await mountRow({ name: "Carla Dias", avatar_url: broken });
        const img = el.querySelector(".o_cc_avatar img");
        if (img && !img.complete) {
            await waitForEvent(img, "error");
        }
        await nextTick();
        assert.containsNone(el, ".o_cc_avatar img");
        assert.strictEqual(el.querySelector(".o_cc_avatar_initials").textContent.trim(), "CD");
        component.destroy();
    });
});
