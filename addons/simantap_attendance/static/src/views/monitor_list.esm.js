import {onMounted, onWillUnmount} from "@odoo/owl";
import {ListController} from "@web/views/list/list_controller";
import {listView} from "@web/views/list/list_view";
import {registry} from "@web/core/registry";

/** Seconds between two reloads of the presence monitor. */
export const MONITOR_REFRESH_SECONDS = 60;

/**
 * The presence monitor's list: reloads itself (same domain, grouping and page)
 * every minute while visible, unless the user is selecting rows.
 */
export class SimantapMonitorListController extends ListController {
    setup() {
        super.setup();
        let timer = null;
        onMounted(() => {
            timer = setInterval(
                () => this.refreshMonitor(),
                MONITOR_REFRESH_SECONDS * 1000
            );
        });
        onWillUnmount(() => clearInterval(timer));
    }

    async refreshMonitor() {
        if (document.hidden || this.model.root.selection.length) {
            return;
        }
        await this.model.load();
    }
}

registry.category("views").add("simantap_monitor_list", {
    ...listView,
    Controller: SimantapMonitorListController,
});
