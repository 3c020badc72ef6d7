/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * Delivery graph: each delivery state keeps one meaningful colour (read and
 * delivered green, failed red, unknown orange...) instead of the palette
 * colour of its position, which painted e.g. "Unknown" green.
 */

import { registry } from "@web/core/registry";
import { GraphView } from "@web/views/graph/graph_view";
import { GraphRenderer } from "@web/views/graph/graph_renderer";

export const CC_STATE_COLORS = {
    queued: "#adb5bd",
    sending: "#6c757d",
    sent: "#5b9bd5",
    delivered: "#7ccf8a",
    read: "#1e8e3e",
    failed: "#d9534f",
    unknown: "#f0ad4e",
    received: "#8e7cc3",
};

/**
 * Colour of a dataset whose label is a state's (translated) label.
 *
 * @param {Array[]} selection [value, label] pairs of the state field
 * @param {String} label the dataset label
 * @returns {String|undefined}
 */
export function ccStateColor(selection, label) {
    const pair = (selection || []).find(([, stateLabel]) => stateLabel === label);
    return pair ? CC_STATE_COLORS[pair[0]] : undefined;
}

export class CcDeliveryGraphRenderer extends GraphRenderer {
    /**
     * @override
     */
    getBarChartData() {
        const data = super.getBarChartData();
        const field = this.model.metaData.fields.state;
        for (const dataset of data.datasets) {
            const color = ccStateColor(field && field.selection, dataset.label);
            if (color) {
                dataset.backgroundColor = color;
            }
        }
        return data;
    }
}

export class CcDeliveryGraphView extends GraphView {}
CcDeliveryGraphView.components = { ...GraphView.components, Renderer: CcDeliveryGraphRenderer };

registry.category("views").add("cc_delivery_graph", CcDeliveryGraphView);
