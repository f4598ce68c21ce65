import {bytesToMegabytes, megabytesToBytes, openBoundText} from "@simantap_attendance/js/units";
import {formatFloat, formatInteger} from "@web/views/fields/formatters";
import {IntegerField, integerField} from "@web/views/fields/integer/integer_field";
import {_t} from "@web/core/l10n/translation";
import {parseFloat} from "@web/views/fields/parsers";
import {registry} from "@web/core/registry";
import {useInputField} from "@web/views/fields/input_field_hook";
import {useNumpadDecimal} from "@web/views/fields/numpad_decimal_hook";
import {useState} from "@odoo/owl";

/**
 * An upper bound where 0 means "no upper bound" (status brackets): shown empty,
 * with the placeholder, instead of "0".
 */
export class OpenBoundField extends IntegerField {
    get formattedValue() {
        return openBoundText(this.value, (value) => formatInteger(value));
    }
}

registry.category("fields").add("simantap_open_bound", {
    ...integerField,
    component: OpenBoundField,
    displayName: _t("Open upper bound"),
});

/** A size stored in bytes, read and typed in megabytes. */
export class MegabytesField extends IntegerField {
    // IntegerField's own setup would parse the input as an integer of bytes
    setup() {
        this.state = useState({hasFocus: false});
        useInputField({
            getValue: () => this.formattedValue,
            refName: "numpadDecimal",
            parse: (text) => megabytesToBytes(parseFloat(text)),
        });
        useNumpadDecimal();
    }

    get formattedValue() {
        return formatFloat(bytesToMegabytes(this.value), {digits: [16, 1]});
    }
}

registry.category("fields").add("simantap_megabytes", {
    ...integerField,
    component: MegabytesField,
    displayName: _t("Megabytes"),
});
