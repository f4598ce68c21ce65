/* global L */
import {Component, onMounted, onWillStart, onWillUnmount, useEffect, useRef, useState} from "@odoo/owl";
import {
    FENCE_COLOUR,
    geoJSONToRing,
    ringToGeoJSON,
    usableTileUrl,
    validPoint,
} from "@simantap_attendance/js/map_style";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {session} from "@web/session";
import {standardFieldProps} from "@web/views/fields/standard_field_props";
import {useService} from "@web/core/utils/hooks";

/** Where the map opens when the location has no point yet: Indonesia. */
const FALLBACK_CENTRE = [-2.5, 118];

/**
 * The geofence of a work location on a map, on its GeoJSON polygon field: the
 * office point (click the map or drag the marker), the circle of the radius, and
 * the polygon drawn point by point.  Writes latitude, longitude and the polygon
 * of the record; the radius is typed in its own field and redrawn here.
 */
export class GeofenceMapField extends Component {
    static template = "simantap_attendance.GeofenceMapField";
    static props = {...standardFieldProps};

    setup() {
        this.orm = useService("orm");
        this.mapRef = useRef("map");
        this.state = useState({mode: "point", draft: []});
        this.layers = null;
        onWillStart(async () => {
            const position = await this.orm.call("res.users", "get_default_leaflet_position", [
                this.props.record.resModel,
            ]);
            this.defaultCentre = validPoint(position.lat, position.lng);
            if (!this.defaultCentre || (!this.defaultCentre[0] && !this.defaultCentre[1])) {
                this.defaultCentre = FALLBACK_CENTRE;
            }
        });
        onMounted(() => {
            this.initMap();
            // the form may still be laying out: keep Leaflet's size (and so where
            // a click lands) in step with the box, the centre kept
            this.resizeObserver = new ResizeObserver(() => this.map.invalidateSize());
            this.resizeObserver.observe(this.mapRef.el);
        });
        onWillUnmount(() => {
            this.resizeObserver?.disconnect();
            if (this.map) {
                this.map.remove();
            }
        });
        useEffect(
            () => this.redraw(),
            () => [
                this.data.latitude,
                this.data.longitude,
                this.data.geofence_radius,
                this.data[this.props.name],
                this.state.mode,
                this.state.draft.length,
            ]
        );
    }

    get data() {
        return this.props.record.data;
    }

    get point() {
        const {latitude, longitude} = this.data;
        if (!latitude && !longitude) {
            return null;
        }
        return validPoint(latitude, longitude);
    }

    get ring() {
        return geoJSONToRing(this.data[this.props.name]);
    }

    get hint() {
        if (this.props.readonly) {
            return "";
        }
        if (this.state.mode === "polygon") {
            return _t(
                "Click the map at each corner of the compound, then press Finish. At least 3 corners."
            );
        }
        if (this.ring.length) {
            return _t(
                "Click the map or drag the marker to place the office; the polygon is the geofence."
            );
        }
        return _t(
            "Click the map or drag the marker to place the office; the circle is the geofence of the radius above."
        );
    }

    initMap() {
        this.map = L.map(this.mapRef.el, {zoomSnap: 1});
        const tiles = usableTileUrl(session["leaflet.tile_url"]);
        if (tiles) {
            L.tileLayer(tiles, {
                maxZoom: 19,
                attribution: session["leaflet.copyright"] || "",
            }).addTo(this.map);
        }
        this.layers = L.featureGroup().addTo(this.map);
        this.map.on("click", (ev) => this.onMapClick(ev.latlng));
        const point = this.point;
        const ring = this.ring;
        if (ring.length) {
            this.map.fitBounds(L.polygon(ring).getBounds().pad(0.3));
        } else if (point) {
            this.map.setView(point, 17);
        } else {
            this.map.setView(this.defaultCentre, 5);
        }
        this.redraw();
    }

    redraw() {
        if (!this.layers) {
            return;
        }
        this.layers.clearLayers();
        const style = {color: FENCE_COLOUR, weight: 2, fillOpacity: 0.1};
        const point = this.point;
        const ring = this.ring;
        if (this.state.mode === "polygon") {
            if (this.state.draft.length) {
                L.polyline(this.state.draft, {...style, dashArray: "4 4"}).addTo(this.layers);
                for (const corner of this.state.draft) {
                    L.circleMarker(corner, {...style, radius: 4}).addTo(this.layers);
                }
            }
        } else if (ring.length) {
            L.polygon(ring, style).addTo(this.layers);
        } else if (point && this.data.geofence_radius > 0) {
            L.circle(point, {...style, radius: this.data.geofence_radius}).addTo(this.layers);
        }
        if (point) {
            const marker = L.marker(point, {
                draggable: !this.props.readonly && this.state.mode === "point",
                title: _t("Office point"),
            });
            marker.on("dragend", () => this.setPoint(marker.getLatLng()));
            marker.addTo(this.layers);
        }
    }

    onMapClick(latlng) {
        if (this.props.readonly) {
            return;
        }
        if (this.state.mode === "polygon") {
            this.state.draft.push([latlng.lat, latlng.lng]);
            return;
        }
        this.setPoint(latlng);
    }

    setPoint(latlng) {
        const point = validPoint(latlng.lat, latlng.lng);
        if (point) {
            this.props.record.update({latitude: point[0], longitude: point[1]});
        }
    }

    startPolygon() {
        this.state.draft = [];
        this.state.mode = "polygon";
    }

    finishPolygon() {
        const text = ringToGeoJSON(this.state.draft);
        this.state.mode = "point";
        this.state.draft = [];
        if (text) {
            this.props.record.update({[this.props.name]: text});
        }
    }

    cancelPolygon() {
        this.state.mode = "point";
        this.state.draft = [];
    }

    clearPolygon() {
        this.props.record.update({[this.props.name]: false});
    }
}

registry.category("fields").add("simantap_geofence_map", {
    component: GeofenceMapField,
    displayName: _t("Geofence map"),
    supportedTypes: ["text", "char"],
    fieldDependencies: [
        {name: "latitude", type: "float"},
        {name: "longitude", type: "float"},
        {name: "geofence_radius", type: "integer"},
    ],
});
