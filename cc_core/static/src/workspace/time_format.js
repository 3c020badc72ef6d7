/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * Dates arrive as UTC strings "YYYY-MM-DD HH:MM:SS"; they are shown in the
 * browser's time zone (as the rest of the web client does) and in the
 * user's language (moment's locale is set by the web client).
 */

/* global moment */

/**
 * @param {String|false} serverDate
 * @returns {moment|null}
 */
export function parseServerDate(serverDate) {
    if (!serverDate) {
        return null;
    }
    const parsed = moment.utc(serverDate, "YYYY-MM-DD HH:mm:ss");
    return parsed.isValid() ? parsed.local() : null;
}

/**
 * A moment as the server expects it: UTC "YYYY-MM-DD HH:MM:SS".
 *
 * @param {moment} date
 * @returns {String}
 */
export function toServerDate(date) {
    return moment(date).utc().format("YYYY-MM-DD HH:mm:ss");
}

/**
 * When a snooze ends: "hour" in one hour, "tomorrow" at 9:00 tomorrow (the
 * browser's time zone), "customer" never by itself (false: until the
 * customer writes).
 *
 * @param {String} choice
 * @param {moment} [now]
 * @returns {String|false}
 */
export function snoozeUntil(choice, now) {
    const start = moment(now || undefined);
    if (choice === "hour") {
        return toServerDate(start.clone().add(1, "hours"));
    }
    if (choice === "tomorrow") {
        return toServerDate(start.clone().add(1, "days").hours(9).minutes(0).seconds(0));
    }
    return false;
}

/** "5 minutes ago" */
export function relativeTime(serverDate) {
    const date = parseServerDate(serverDate);
    return date ? date.fromNow() : "";
}

/** Time of day for today's messages, otherwise a short date and time. */
export function messageTime(serverDate) {
    const date = parseServerDate(serverDate);
    if (!date) {
        return "";
    }
    return date.isSame(moment(), "day") ? date.format("LT") : date.format("L LT");
}

/** Full date for tooltips. */
export function fullDate(serverDate) {
    const date = parseServerDate(serverDate);
    return date ? date.format("LLLL") : "";
}

/**
 * How long a customer has been waiting, and a colour class by age:
 * under 5 minutes muted, under 15 warning, beyond danger.
 *
 * @param {String|false} serverDate first unanswered message date
 * @param {moment} [now]
 * @returns {{label: String, className: String}|null}
 */
export function waitingAge(serverDate, now) {
    const date = parseServerDate(serverDate);
    if (!date) {
        return null;
    }
    const minutes = Math.max(0, (now || moment()).diff(date, "minutes"));
    let className = "text-muted";
    if (minutes >= 15) {
        className = "text-danger";
    } else if (minutes >= 5) {
        className = "text-warning";
    }
    let label;
    if (minutes < 60) {
        label = `${minutes} min`;
    } else if (minutes < 60 * 24) {
        label = `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
    } else {
        label = `${Math.floor(minutes / (60 * 24))} d`;
    }
    return { label, className };
}

/** "1.2 MB" */
export function fileSize(bytes) {
    if (!bytes) {
        return "";
    }
    const units = ["B", "KB", "MB", "GB"];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${value.toFixed(unit ? 1 : 0)} ${units[unit]}`;
}

/**
 * A calendar day ("YYYY-MM-DD", no time zone: e.g. an activity's deadline)
 * in the user's language: "Today", "Tomorrow", "Yesterday" or a short date.
 *
 * @param {String|false} day
 * @param {Function} _t translation function
 * @returns {String}
 */
export function dayLabel(day, _t) {
    if (!day) {
        return "";
    }
    const date = moment(day, "YYYY-MM-DD");
    if (!date.isValid()) {
        return day;
    }
    const diff = date.diff(moment().startOf("day"), "days");
    if (diff === 0) {
        return _t("Today");
    }
    if (diff === 1) {
        return _t("Tomorrow");
    }
    if (diff === -1) {
        return _t("Yesterday");
    }
    return date.format("L");
}
