/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * Pure helpers of the live dashboard: which bus notifications change its
 * figures, the reload throttle, durations.
 */

/* global moment */

/**
 * Whether a bus notification may change the dashboard's figures: any
 * conversation event (queue, assignment, SLA...), new or failed messages
 * and agents' presence changes.
 *
 * @param {{type: String}} notification
 * @returns {Boolean}
 */
export function isDashboardNotification(notification) {
    const type = (notification && notification.type) || "";
    return type.startsWith("cc.conversation/") || type === "cc.message/new" ||
        type === "cc.message/state" || type === "cc.agent/presence";
}

/**
 * Runs ``callback`` at most once per ``interval`` ms: a request within the
 * interval of the last run is postponed to its end (several requests then
 * make one run).
 */
export class ReloadThrottle {
    /**
     * @param {Function} callback
     * @param {Number} interval ms
     * @param {Object} [clock] {now, setTimeout, clearTimeout} (tests)
     */
    constructor(callback, interval, clock) {
        this.callback = callback;
        this.interval = interval;
        this.clock = clock || {
            now: () => Date.now(),
            setTimeout: (fn, ms) => window.setTimeout(fn, ms),
            clearTimeout: (id) => window.clearTimeout(id),
        };
        this.lastRun = -Infinity;
        this.timer = null;
    }

    /** Ask for a run: now, or at the end of the interval. */
    request() {
        if (this.timer !== null) {
            return;
        }
        const wait = this.lastRun + this.interval - this.clock.now();
        if (wait <= 0) {
            this._run();
        } else {
            this.timer = this.clock.setTimeout(() => this._run(), wait);
        }
    }

    /** Say a run just happened by other means (a manual refresh). */
    ran() {
        this.cancel();
        this.lastRun = this.clock.now();
    }

    cancel() {
        if (this.timer !== null) {
            this.clock.clearTimeout(this.timer);
            this.timer = null;
        }
    }

    _run() {
        this.timer = null;
        this.lastRun = this.clock.now();
        this.callback();
    }
}

/**
 * Seconds between two server dates ("YYYY-MM-DD HH:MM:SS", UTC).
 *
 * @param {String|false} since
 * @param {String} now
 * @returns {Number|null}
 */
export function secondsBetween(since, now) {
    if (!since || !now) {
        return null;
    }
    const start = moment.utc(since, "YYYY-MM-DD HH:mm:ss");
    const end = moment.utc(now, "YYYY-MM-DD HH:mm:ss");
    return Math.max(0, end.diff(start, "seconds"));
}

/**
 * A short duration in the user's language: "45 s", "12 min", "1 h 05",
 * "2 d 3 h" (units from ``labels``).
 *
 * @param {Number} seconds
 * @param {Object} labels {s, min, h, d}
 * @returns {String}
 */
export function shortDuration(seconds, labels) {
    const s = Math.max(0, Math.floor(seconds || 0));
    if (s < 60) {
        return `${s} ${labels.s}`;
    }
    const minutes = Math.floor(s / 60);
    if (minutes < 60) {
        return `${minutes} ${labels.min}`;
    }
    const hours = Math.floor(minutes / 60);
    if (hours < 24) {
        return `${hours} ${labels.h} ${String(minutes % 60).padStart(2, "0")}`;
    }
    return `${Math.floor(hours / 24)} ${labels.d} ${hours % 24} ${labels.h}`;
}

/**
 * Bootstrap colour of a health level.
 *
 * @param {String} level ok | info | warning | danger
 * @returns {String}
 */
export function levelColor(level) {
    return { ok: "success", info: "secondary", warning: "warning", danger: "danger" }[level] ||
        "secondary";
}
