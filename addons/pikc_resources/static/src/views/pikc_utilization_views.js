import { registry } from "@web/core/registry";
import { graphView } from "@web/views/graph/graph_view";
import { GraphRenderer } from "@web/views/graph/graph_renderer";
import { pivotView } from "@web/views/pivot/pivot_view";
import { PivotRenderer } from "@web/views/pivot/pivot_renderer";

/**
 * The utilization report's views (pikc.utilization.report): Odoo's pivot
 * and graph, with what a rate needs and Odoo 18 does not give.
 *
 * - pikc_utilization_pivot: a heat map. Odoo's pivot has no conditional
 *   colouring; here each cell of a rate measure is coloured by its value,
 *   from red (idle) through yellow to green (fully booked). The server
 *   computes every cell, totals included, as booked over available hours
 *   of the group, so a colour is never that of a sum.
 * - pikc_utilization_graph: a rate is never stacked, cumulated or cut into
 *   a pie (each adds percentages up into a meaningless sum); the graph's
 *   buttons for those are hidden while a rate is the measure.
 */

/** The measures of the report that are rates, in percent. */
export const RATE_MEASURES = ["utilization"];

/**
 * The background colour of a heat-map cell of ``percent`` (0-100): hue 0
 * (red) to 120 (green), light enough for the dark figures on it.
 *
 * @param {number} percent
 * @returns {string} a CSS colour
 */
export function heatColor(percent) {
    const value = Math.max(0, Math.min(100, percent));
    return `hsl(${Math.round(value * 1.2)}, 70%, 80%)`;
}

export class PikcUtilizationPivotRenderer extends PivotRenderer {
    static template = "pikc_resources.UtilizationPivotRenderer";

    /** The colour steps shown in the legend above the heat map. */
    get heatLegend() {
        return [0, 25, 50, 75, 100].map((percent) => ({
            percent,
            label: `${percent} %`,
            style: `background-color: ${heatColor(percent)};`,
        }));
    }

    /**
     * The inline style of a value cell: its heat colour if it is a rate
     * with a value (not a comparison between periods), else none. Inline
     * and important, over the pivot's own grey cell background.
     *
     * @param {Object} cell a measurement of the pivot's table
     * @returns {string}
     */
    heatStyle(cell) {
        if (
            !RATE_MEASURES.includes(cell.measure) ||
            typeof cell.value !== "number" ||
            cell.originIndexes.length > 1
        ) {
            return "";
        }
        return `background-color: ${heatColor(cell.value)} !important;`;
    }
}

export const pikcUtilizationPivotView = {
    ...pivotView,
    Renderer: PikcUtilizationPivotRenderer,
};

export class PikcUtilizationGraphRenderer extends GraphRenderer {
    /** Whether the measure drawn is a rate. */
    get isRate() {
        return RATE_MEASURES.includes(this.model.metaData.measure);
    }

    /** A rate chosen as measure is drawn unstacked, uncumulated, not as a pie. */
    onMeasureSelected({ measure }) {
        if (!RATE_MEASURES.includes(measure)) {
            return super.onMeasureSelected(...arguments);
        }
        const { mode } = this.model.metaData;
        this.model.updateMetaData({
            measure,
            stacked: false,
            cumulated: false,
            mode: mode === "pie" ? "line" : mode,
        });
    }
}

export const pikcUtilizationGraphView = {
    ...graphView,
    Renderer: PikcUtilizationGraphRenderer,
    buttonTemplate: "pikc_resources.UtilizationGraphView.Buttons",
};

registry.category("views").add("pikc_utilization_pivot", pikcUtilizationPivotView);
registry.category("views").add("pikc_utilization_graph", pikcUtilizationGraphView);
