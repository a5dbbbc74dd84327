// Decoding the MRM and Purview properties Graph returns on a message: the policy tag GUID from .NET's
// little-endian bytes, numbers, the retention date and the label, with property ids matched in any case.
import assert from "node:assert/strict";
import {
  decodeRetentionProperties,
  guidFromLittleEndian,
  retentionExpand,
  retentionPropertyIds,
} from "../../../api/src/graph/retentionProperties.js";

describe("retentionProperties", () => {
  it("16 bytes in .NET order → the GUID with its first three groups reversed", () => {
    assert.equal(
      guidFromLittleEndian(Buffer.from("vOeWT7/5bUeFcqsS6j8h7g==", "base64")),
      "4f96e7bc-f9bf-476d-8572-ab12ea3f21ee"
    );
    assert.equal(guidFromLittleEndian(Buffer.alloc(8)), undefined);
  });

  it("Graph's lower-case ids → every property decoded", () => {
    const decoded = decodeRetentionProperties([
      { id: "Binary 0x3019", value: "vOeWT7/5bUeFcqsS6j8h7g==" },
      { id: "Integer 0x301a", value: "7" },
      { id: "SystemTime 0x301c", value: "2026-03-08T15:37:16Z" },
      { id: "Integer 0x301d", value: "9" },
      { id: "String {403fc56b-cd30-47c5-86f8-ede9e35a022b} Name ComplianceTag", value: "Finance records" },
    ]);

    assert.deepEqual(decoded, {
      policyTagId: "4f96e7bc-f9bf-476d-8572-ab12ea3f21ee",
      retentionPeriodDays: 7,
      retentionDate: "2026-03-08T15:37:16.000Z",
      retentionFlags: 9,
      complianceTag: "Finance records",
    });
  });

  it("unrelated, unreadable or missing values → left out", () => {
    const decoded = decodeRetentionProperties([
      { id: "String 0x1042", value: "<parent@x>" },
      { id: "Integer 0x301A", value: "seven" },
      { id: "SystemTime 0x301C", value: "not a date" },
      { id: "Binary 0x3019", value: null },
    ]);

    assert.deepEqual(decoded, {});
    assert.deepEqual(decodeRetentionProperties(undefined), {});
  });

  it("the $expand → one id eq clause per property, joined by or", () => {
    const expected = Object.values(retentionPropertyIds)
      .map((id) => `id eq '${id}'`)
      .join(" or ");

    assert.equal(retentionExpand().text, `singleValueExtendedProperties($filter=${expected})`);
  });
});
