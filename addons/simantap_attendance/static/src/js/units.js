// Pure unit helpers of the backend's number widgets (tested by node --test in js-tests/).

export const BYTES_PER_MEGABYTE = 1024 * 1024;

/** Bytes as megabytes, to one decimal: 5242880 -> 5, 1572864 -> 1.5. */
export function bytesToMegabytes(bytes) {
    const value = Number(bytes);
    if (!Number.isFinite(value) || value <= 0) {
        return 0;
    }
    return Math.round((value / BYTES_PER_MEGABYTE) * 10) / 10;
}

/** Megabytes typed by a user as whole bytes; 0 for anything that is not a size. */
export function megabytesToBytes(megabytes) {
    const value = Number(megabytes);
    if (!Number.isFinite(value) || value <= 0) {
        return 0;
    }
    return Math.round(value * BYTES_PER_MEGABYTE);
}

/** An upper bound where 0 means "none": shown empty rather than as 0. */
export function openBoundText(value, format = String) {
    if (value === false || value === null || value === undefined || Number(value) === 0) {
        return "";
    }
    return format(value);
}
