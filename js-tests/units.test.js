// The backend's number widgets: a document limit in MB over a field of bytes, and an
// open upper bound shown empty rather than as 0.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { BYTES_PER_MEGABYTE, bytesToMegabytes, megabytesToBytes, openBoundText } from "../addons/simantap_attendance/static/src/js/units.js";

describe("megabytes", () => {
  it("shows bytes as MB to one decimal", () => {
    assert.equal(bytesToMegabytes(5 * BYTES_PER_MEGABYTE), 5);
    assert.equal(bytesToMegabytes(1572864), 1.5);
    assert.equal(bytesToMegabytes(3_000_000), 2.9);
  });
  it("stores typed MB as whole bytes", () => {
    assert.equal(megabytesToBytes(5), 5_242_880);
    assert.equal(megabytesToBytes(1.5), 1_572_864);
    assert.equal(megabytesToBytes(bytesToMegabytes(megabytesToBytes(2.5))), megabytesToBytes(2.5));
  });
  it("makes 0 of what is not a size", () => {
    for (const value of [0, -1, "x", NaN, Infinity, null, false]) {
      assert.equal(megabytesToBytes(value), 0, String(value));
      assert.equal(bytesToMegabytes(value), 0, String(value));
    }
  });
});

describe("open upper bound", () => {
  it("shows nothing for 0 or unset, the number otherwise", () => {
    for (const value of [0, false, null, undefined]) {
      assert.equal(openBoundText(value), "");
    }
    assert.equal(openBoundText(60), "60");
    assert.equal(openBoundText(1200, (v) => v.toLocaleString("id-ID")), "1.200");
  });
});
