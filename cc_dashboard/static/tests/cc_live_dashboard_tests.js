/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

import {
    isDashboardNotification,
    ReloadThrottle,
    secondsBetween,
    shortDuration,
} from "@cc_dashboard/live/live_utils";

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

    QUnit.test("only conversation and message notifications reload", function (assert) {
        assert.ok(isDashboardNotification({ type: "cc.conversation/new_in_queue" }));
        assert.ok(isDashboardNotification({ type: "cc.message/new" }));
        assert.ok(isDashboardNotification({ type: "cc.message/state" }));
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
