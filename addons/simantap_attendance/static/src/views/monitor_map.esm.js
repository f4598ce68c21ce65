/* global L */
import {onMounted, onWillStart, onWillUnmount, onWillUpdateProps} from "@odoo/owl";
import {
    countStates,
    escapeHtml,
    FENCE_COLOUR,
    legendEntries,
    stateColour,
} from "@simantap_attendance/js/map_style";
import {MapController} from "@web_view_leaflet_map/views/leaflet_map/leaflet_map_controller.esm";
import {MapRenderer} from "@web_view_leaflet_map/views/leaflet_map/leaflet_map_renderer.esm";
import {MONITOR_REFRESH_SECONDS} from "./monitor_list.esm";
import {_t} from "@web/core/l10n/translation";
import {leafletMapView} from "@web_view_leaflet_map/views/leaflet_map/leaflet_map_view.esm";
import {registry} from "@web/core/registry";
import {session} from "@web/session";

// The view switcher's tooltip of every Leaflet map ("Leaflet Map", the view
// type's untranslated label otherwise), in the user's language.
if (session.view_info?.leaflet_map) {
    session.view_info.leaflet_map.display_name = _t("Map");
}

/**
 * The live monitor's map: one dot per employee in the colour of their state, the
 * work-location fences under them, a legend with the count of each state, the
 * search of the control panel applied, and a reload every minute.
 */
export class MonitorMapRenderer extends MapRenderer {
    static template = "web_view_leaflet_map.MapRenderer";

    setup() {
        super.setup();
        this.mapData = {fences: [], states: [], fence_label: ""};
        this.fenceLayer = null;
        this.legend = null;
        this.fitted = false;
        onWillStart(async () => {
            this.mapData = await this.orm.call(this.resModel, "get_map_data", []);
        });
        onWillUpdateProps(async (nextProps) => {
            this.fitted = false;
            await this.loadRecords(nextProps);
        });
        onMounted(() => {
            this.renderFences();
            this.renderLegend();
            this.renderMarkers();
            this.timer = setInterval(() => this.refresh(), MONITOR_REFRESH_SECONDS * 1000);
        });
        onWillUnmount(() => clearInterval(this.timer));
    }

    getFields() {
        return [...super.getFields(), "monitor_state", "map_label"];
    }

    async loadRecords(props = this.props) {
        try {
            this.records = await this.orm.searchRead(
                this.resModel,
                props.domain || [],
                this.getFields(),
                {limit: 2000, context: props.context || {}}
            );
        } catch {
            this.records = [];
        }
    }

    async refresh() {
        if (document.hidden || !this.leafletMap) {
            return;
        }
        await this.loadRecords();
        this.renderMarkers();
    }

    stateLabel(state) {
        const found = (this.mapData.states || []).find(([key]) => key === state);
        return found ? found[1] : "";
    }

    prepareMarkerOptions(record) {
        const options = super.prepareMarkerOptions(record);
        const colour = stateColour(record.monitor_state);
        options.icon = L.divIcon({
            className: `o_simantap_marker o_simantap_marker_${record.monitor_state || "none"}`,
            html: `<span class="o_simantap_dot" style="background:${colour}"></span>`,
            iconSize: [18, 18],
            iconAnchor: [9, 9],
            popupAnchor: [0, -9],
        });
        return options;
    }

    preparePopUpData(record) {
        return `
            <div class="o_map_selector o_simantap_map_popup">
                <b>${escapeHtml(record[this.fieldTitle])}</b><br/>
                <span>${escapeHtml(this.stateLabel(record.monitor_state))}</span><br/>
                <small>${escapeHtml(record.map_label)}</small><br/>
                <a href="#">${escapeHtml(_t("Open the day timeline"))}</a>
            </div>`;
    }

    async onClickLeafletPopup(record) {
        const action = await this.orm.call(this.resModel, "action_open_timeline", [
            [record.id],
        ]);
        await this.action.doAction(action);
    }

    renderMarkers() {
        if (!this.leafletMap) {
            return;
        }
        if (this.mainLayer) {
            this.leafletMap.removeLayer(this.mainLayer);
        }
        this.mainLayer = L.markerClusterGroup({maxClusterRadius: 30});
        for (const record of this.records || []) {
            const marker = this.prepareMarker(record);
            if (marker) {
                this.mainLayer.addLayer(marker);
            }
        }
        this.leafletMap.addLayer(this.mainLayer);
        if (!this.fitted) {
            let bounds = this.mainLayer.getBounds();
            if (!bounds.isValid() && this.fenceLayer) {
                bounds = this.fenceLayer.getBounds();
            }
            if (bounds.isValid()) {
                this.leafletMap.fitBounds(bounds.pad(0.1), {maxZoom: 16});
                this.fitted = true;
            }
        }
        this.updateLegend();
    }

    renderFences() {
        this.fenceLayer = L.featureGroup();
        for (const fence of this.mapData.fences || []) {
            const style = {color: FENCE_COLOUR, weight: 2, fillOpacity: 0.08};
            const shape = fence.polygon.length
                ? L.polygon(fence.polygon, style)
                : L.circle([fence.latitude, fence.longitude], {
                      ...style,
                      radius: fence.radius,
                  });
            shape.bindTooltip(escapeHtml(fence.name));
            this.fenceLayer.addLayer(shape);
        }
        this.fenceLayer.addTo(this.leafletMap);
    }

    renderLegend() {
        this.legend = L.control({position: "topright"});
        this.legend.onAdd = () => {
            const div = L.DomUtil.create("div", "o_simantap_map_legend");
            L.DomEvent.disableClickPropagation(div);
            return div;
        };
        this.legend.addTo(this.leafletMap);
    }

    updateLegend() {
        const div = this.legend && this.legend.getContainer();
        if (!div) {
            return;
        }
        const counts = countStates(this.records);
        const lines = legendEntries(this.mapData.states, counts).map(
            (entry) => `
                <div class="o_simantap_legend_line" data-state="${entry.state}">
                    <span class="o_simantap_dot" style="background:${entry.colour}"></span>
                    ${escapeHtml(entry.label)}
                    <span class="o_simantap_legend_count">${entry.count}</span>
                </div>`
        );
        div.innerHTML = `
            <div class="o_simantap_legend_title">${escapeHtml(_t("Map legend"))}</div>
            ${lines.join("")}
            <div class="o_simantap_legend_line" data-state="fence">
                <span class="o_simantap_fence_swatch" style="border-color:${FENCE_COLOUR}"></span>
                ${escapeHtml(this.mapData.fence_label)}
            </div>`;
    }
}

/** The monitor's map has no "New" button: nobody creates a monitor row. */
export class MonitorMapController extends MapController {
    static template = "simantap_attendance.MonitorMapView";
}

registry.category("views").add("simantap_monitor_map", {
    ...leafletMapView,
    Controller: MonitorMapController,
    Renderer: MonitorMapRenderer,
    props: (genericProps, view) => ({
        ...leafletMapView.props(genericProps, view),
        Renderer: MonitorMapRenderer,
    }),
});
