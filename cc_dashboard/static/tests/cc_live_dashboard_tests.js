/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

import { registry } from "@web/core/registry";
import { makeTestEnv } from "@web/../tests/helpers/mock_env";
import { makeFakeLocalizationService } from "@web/../tests/helpers/mock_services";
import { getFixture, nextTick } from "@web/../tests/helpers/utils";
import { registerCleanup } from "@web/../tests/helpers/cleanup";
import { LiveDashboard } from "@cc_dashboard/live/live_dashboard";
import {
    isDashboardNotification,
    ReloadThrottle,
    secondsBetween,
    shortDuration,
} from "@cc_dashboard/live/live_utils";

const { mount } = owl;
const UNITS = { s: "s", min: "min", h: "h", d: "d" };

/** A clock whose time only moves when told. */
function fakeClock() {
    const clock = {
        time: 0,
        timers: [],
        now: () => clock.time,
        setTimeout(fn, ms) {
            clock.timers.push({ fn, at: clock.time + ms });
            return clock.timers.length;
        },
        clearTimeout(id) {
            clock.timers[id - 1] = null;
        },
        advance(ms) {
            clock.time += ms;
            for (const [index, timer] of clock.timers.entries()) {
                if (timer && timer.at <= clock.time) {
                    clock.timers[index] = null;
                    timer.fn();
                }
            }
        },
    };
    return clock;
}

QUnit.module("cc_dashboard", {}, function () {
    QUnit.module("Live dashboard");

    QUnit.test("a burst of bus notifications makes one reload per interval", function (assert) {
        const clock = fakeClock();
        let runs = 0;
        const throttle = new ReloadThrottle(() => runs++, 5000, clock);
        throttle.request();
        assert.strictEqual(runs, 1, "the first notification reloads at once");
        for (let i = 0; i < 20; i++) {
            clock.advance(100);
            throttle.request();
        }
        assert.strictEqual(runs, 1, "the next ones wait for the end of the interval");
        clock.advance(3000);
        assert.strictEqual(runs, 2, "then one reload covers them all");
        clock.advance(10000);
        assert.strictEqual(runs, 2, "and nothing more without new notifications");
        throttle.request();
        assert.strictEqual(runs, 3, "a notification after a quiet interval reloads at once");
    });

    QUnit.test("a manual refresh restarts the interval and cancels a pending reload", function (assert) {
        const clock = fakeClock();
        let runs = 0;
        const throttle = new ReloadThrottle(() => runs++, 5000, clock);
        throttle.request();
        clock.advance(1000);
        throttle.request();
        throttle.ran();
        clock.advance(10000);
        assert.strictEqual(runs, 1);
    });

    QUnit.test("only conversation, message and presence notifications reload", function (assert) {
        assert.ok(isDashboardNotification({ type: "cc.conversation/new_in_queue" }));
        assert.ok(isDashboardNotification({ type: "cc.message/new" }));
        assert.ok(isDashboardNotification({ type: "cc.message/state" }));
        assert.ok(isDashboardNotification({ type: "cc.agent/presence" }));
        assert.notOk(isDashboardNotification({ type: "mail.channel/new_message" }));
        assert.notOk(isDashboardNotification({}));
    });

    QUnit.test("waiting times", function (assert) {
        assert.strictEqual(secondsBetween("2026-12-06 10:00:00", "2026-12-06 10:12:30"), 750);
        assert.strictEqual(secondsBetween(false, "2026-12-06 10:00:00"), null);
        assert.strictEqual(shortDuration(45, UNITS), "45 s");
        assert.strictEqual(shortDuration(750, UNITS), "12 min");
        assert.strictEqual(shortDuration(3900, UNITS), "1 h 05");
        assert.strictEqual(shortDuration(2 * 86400 + 3 * 3600, UNITS), "2 d 3 h");
    });
});

// ----------------------------------------------------------------------
// The screen against a fake server
// ----------------------------------------------------------------------

function dashboardData(values) {
    return Object.assign(
        {
            filters: { team_id: false, connector_id: false, channel_kind: false },
            is_manager: false,
            now: "2026-12-06 12:00:00",
            today: "2026-12-06 03:00:00",
            options: {
                teams: [{ id: 7, name: "Support" }],
                connectors: [{ id: 3, name: "WhatsApp Loja", channel_kind: "whatsapp" }],
                channels: [
                    { key: "sms", name: "SMS" },
                    { key: "whatsapp", name: "WhatsApp" },
                ],
            },
            queue: { count: 4, oldest: "2026-12-06 11:48:00" },
            open: {
                count: 9,
                by_channel: [
                    { key: "sms", name: "SMS", count: 2 },
                    { key: "whatsapp", name: "WhatsApp", count: 7 },
                ],
                by_team: [{ id: 7, name: "Support", count: 9 }],
            },
            sla: { at_risk: 1, breached: 2, met_today: 3, missed_today: 1 },
            messages: { inbound_today: 40, outbound_today: 38, failed_sends: 1 },
            failed_webhooks: false,
            agents: {
                online: 1,
                away: 0,
                offline: 0,
                paused: [],
                count: 1,
                rows: [
                    {
                        id: 5,
                        name: "<b>Ana</b>",
                        user_id: 2,
                        presence: "online",
                        reason: false,
                        capacity: 4,
                        open: 3,
                        presence_date: "2026-12-06 11:00:00",
                    },
                ],
            },
            connectors: [],
            has_connectors: true,
            has_conversations: true,
            has_teams: true,
        },
        values || {}
    );
}

async function startDashboard(assert, handler) {
    const calls = [];
    const doneActions = [];
    const call = async (model, method, args, kwargs) => {
        calls.push({ model, method, args, kwargs });
        return handler(method, args, kwargs);
    };
    const services = registry.category("services");
    services.add("localization", makeFakeLocalizationService(), { force: true });
    services.add("orm", { start: () => ({ call, silent: { call } }) }, { force: true });
    services.add("action", { start: () => ({ doAction: async (action) => doneActions.push(action) }) }, { force: true });
    services.add("notification", { start: () => ({ add: () => () => {} }) }, { force: true });
    const env = await makeTestEnv();
    const target = getFixture();
    const dashboard = await mount(LiveDashboard, { env, target, props: { action: {} } });
    registerCleanup(() => dashboard.destroy());
    await settle();
    return { calls, doneActions, target };
}

async function settle() {
    for (let i = 0; i < 5; i++) {
        await nextTick();
    }
}

QUnit.module("cc_dashboard", {}, function () {
    QUnit.module("Live dashboard screen");

    QUnit.test("shows the figures; a number opens its list", async function (assert) {
        const { calls, doneActions, target } = await startDashboard(assert, (method) =>
            method === "dashboard_data" ? dashboardData() : { type: "ir.actions.act_window", name: "Waiting in queue" }
        );
        assert.strictEqual(target.querySelector('[data-figure="queue"]').textContent, "4");
        assert.ok(target.querySelector(".o_cc_live_queue").textContent.includes("12 min"), "the oldest wait");
        assert.strictEqual(target.querySelector('[data-figure="open_channel_whatsapp"] strong').textContent, "7");
        assert.strictEqual(target.querySelector(".o_cc_live_agent .o_cc_live_load_text").textContent, "3 / 4");
        // Customer-controlled text is shown as text.
        assert.strictEqual(target.querySelector(".o_cc_live_agent_name span").textContent, "<b>Ana</b>");
        assert.notOk(target.querySelector('[data-figure="failed_webhooks"]'), "no journal figure for supervisors");
        target.querySelector('[data-figure="queue"]').click();
        await settle();
        const drill = calls.find((c) => c.method === "dashboard_action");
        assert.deepEqual(drill.args, ["queue", false]);
        assert.strictEqual(doneActions[0].name, "Waiting in queue");
    });

    QUnit.test("an error says so and Retry loads again", async function (assert) {
        let fail = true;
        const { calls, target } = await startDashboard(assert, () => {
            if (fail) {
                return Promise.reject({ data: { message: "Database busy" } });
            }
            return dashboardData();
        });
        assert.ok(target.querySelector(".o_cc_live_error").textContent.includes("Database busy"));
        fail = false;
        target.querySelector(".o_cc_live_error button").click();
        await settle();
        assert.notOk(target.querySelector(".o_cc_live_error"));
        assert.strictEqual(target.querySelector('[data-figure="queue"]').textContent, "4");
        assert.strictEqual(calls.length, 2);
    });

    QUnit.test("filters reload with the chosen values; empty states say what to do", async function (assert) {
        const { calls, target } = await startDashboard(assert, (method, args, kwargs) =>
            dashboardData(kwargs.filters.channel_kind === "sms" ? { has_conversations: false } : {})
        );
        const select = target.querySelector(".o_cc_live_filter_channel");
        select.value = "sms";
        select.dispatchEvent(new Event("change"));
        await settle();
        assert.deepEqual(calls[calls.length - 1].kwargs.filters, {
            team_id: false,
            connector_id: false,
            channel_kind: "sms",
        });
        assert.ok(target.querySelector(".o_cc_live_empty_conversations"));
        assert.ok(target.querySelector(".o_cc_live_clear"), "filters can be cleared");
    });
});
