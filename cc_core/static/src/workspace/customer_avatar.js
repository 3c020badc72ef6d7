/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * The customer's picture when the server gives its URL (channel picture or
 * the contact's image, served by /web/image with the reader's rights), else
 * the initials of the name on a colour derived from the name, the same for
 * the same customer on every screen. A picture that does not load falls
 * back to the initials. Decorative: the name is always written beside it.
 */

const { Component, useState } = owl;

// Dark enough for white text (contrast >= 4.5:1).
export const AVATAR_COLORS = [
    "#b03a2e", "#a04000", "#7d3c98", "#1f618d", "#117a65",
    "#1e8449", "#6e2c00", "#5b2c6f", "#2e4053", "#7e6508",
];

/**
 * Up to two letters: the first of the first word and of the last word.
 * Empty when the name has no letter (e.g. a phone number).
 */
export function initials(name) {
    const words = String(name || "")
        .split(/\s+/)
        .map((word) => word.replace(/[^\p{L}\p{N}]/gu, ""))
        .filter((word) => /\p{L}/u.test(word));
    if (!words.length) {
        return "";
    }
    const first = [...words[0]][0];
    const last = words.length > 1 ? [...words[words.length - 1]][0] : "";
    return (first + last).toLocaleUpperCase();
}

/** A colour of the palette, always the same for the same name. */
export function avatarColor(name) {
    let hash = 0;
    for (const char of String(name || "")) {
        hash = (hash * 31 + char.codePointAt(0)) % 2147483647;
    }
    return AVATAR_COLORS[hash % AVATAR_COLORS.length];
}

export class CustomerAvatar extends Component {
    setup() {
        this.state = useState({ failedUrl: false });
    }

    get url() {
        const url = this.props.url;
        return url && url !== this.state.failedUrl ? url : false;
    }

    get initials() {
        return initials(this.props.name);
    }

    get style() {
        return `background-color: ${avatarColor(this.props.name)};`;
    }

    get sizeClass() {
        return `o_cc_avatar_${this.props.size || "md"}`;
    }

    onError() {
        this.state.failedUrl = this.props.url;
    }
}
CustomerAvatar.template = "cc_core.CustomerAvatar";
