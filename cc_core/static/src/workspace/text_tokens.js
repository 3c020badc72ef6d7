/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * Customer text is never HTML. To make its links clickable it is split into
 * text and link tokens that the templates render with t-esc (text) and an
 * anchor whose href is set only for http(s) URLs.
 */

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+|\bwww\.[^\s<>"']+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/;

/**
 * The URL an anchor may point to, or false when it is not a http(s) URL.
 *
 * @param {String} candidate
 * @returns {String|false}
 */
export function safeHref(candidate) {
    if (!candidate) {
        return false;
    }
    const href = /^www\./i.test(candidate) ? `https://${candidate}` : candidate;
    let url;
    try {
        url = new URL(href);
    } catch (_error) {
        return false;
    }
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : false;
}

/**
 * @param {String} text plain text
 * @returns {Array<{type: "text"|"link", value: String, href?: String}>}
 */
export function textTokens(text) {
    const tokens = [];
    const source = text || "";
    let last = 0;
    for (const match of source.matchAll(URL_PATTERN)) {
        let value = match[0];
        const trailing = value.match(TRAILING_PUNCTUATION);
        if (trailing) {
            value = value.slice(0, -trailing[0].length);
        }
        const href = safeHref(value);
        if (!href) {
            continue;
        }
        if (match.index > last) {
            tokens.push({ type: "text", value: source.slice(last, match.index) });
        }
        tokens.push({ type: "link", value, href });
        last = match.index + value.length;
    }
    if (last < source.length) {
        tokens.push({ type: "text", value: source.slice(last) });
    }
    return tokens;
}

// WhatsApp's emphasis: *bold*, _italic_, ~strike~ around words (no spaces
// just inside the marks), as the customer's phone shows them.
const EMPHASIS_PATTERN = /(^|[\s([{"'])([*_~])(?!\s)([^\n]*?[^\s])\2(?=$|[\s.,;:!?)\]}"'])/g;
const EMPHASIS_STYLES = { "*": "bold", _: "italic", "~": "strike" };

/**
 * Text and link tokens, the text ones split on WhatsApp's emphasis marks;
 * emphasised text tokens carry a ``style`` (the marks are left out).
 *
 * @param {String} text plain text
 * @returns {Array<{type: "text"|"link", value: String, href?: String, style?: String}>}
 */
export function whatsappTokens(text) {
    const tokens = [];
    for (const token of textTokens(text)) {
        if (token.type !== "text") {
            tokens.push(token);
            continue;
        }
        const source = token.value;
        let last = 0;
        for (const match of source.matchAll(EMPHASIS_PATTERN)) {
            const start = match.index + match[1].length;
            if (start > last) {
                tokens.push({ type: "text", value: source.slice(last, start) });
            }
            tokens.push({ type: "text", value: match[3], style: EMPHASIS_STYLES[match[2]] });
            last = start + match[3].length + 2;
        }
        if (last < source.length) {
            tokens.push({ type: "text", value: source.slice(last) });
        }
    }
    return tokens;
}
