// auditCsvLine and the export's header: one column per field, JSON compact and key-sorted, formula
// defence on every text field.
import assert from "node:assert/strict";
import { auditCsvHeader, auditCsvLine } from "../../../api/src/audit/auditCsv.js";
import type { AuditRecord } from "../../../api/src/audit/auditRecord.js";

const record: AuditRecord = {
  seq: 7,
  at: "2025-06-30T08:15:00.123Z",
  actor: { tenantId: "tid-1", objectId: "oid-1", upn: "admin@contoso.com" },
  action: "retraction.requested",
  subject: { mailbox: "adele@contoso.com", internetMessageId: "<m1@contoso.com>" },
  details: { reason: 'phish, "urgent"', targets: [1, 2] },
  prevHash: "a".repeat(64),
  hash: "b".repeat(64),
};

describe("auditCsv", () => {
  it("the header → the ten column names, CRLF-ended", () => {
    assert.equal(
      auditCsvHeader,
      "seq,at,actorTenantId,actorObjectId,actorUpn,action,subject,details,prevHash,hash\r\n"
    );
  });

  it("a record → its fields in header order, subject and details as compact key-sorted JSON, quoted", () => {
    assert.equal(
      auditCsvLine(record),
      [
        "7",
        "2025-06-30T08:15:00.123Z",
        "tid-1",
        "oid-1",
        "admin@contoso.com",
        "retraction.requested",
        '"{""internetMessageId"":""<m1@contoso.com>"",""mailbox"":""adele@contoso.com""}"',
        '"{""reason"":""phish, \\""urgent\\"""",""targets"":[1,2]}"',
        "a".repeat(64),
        "b".repeat(64),
      ].join(",") + "\r\n"
    );
  });

  it("empty details → {}", () => {
    assert.match(auditCsvLine({ ...record, details: {} }), /,\{\},a{64},/);
  });

  it("actor and action starting like formulas → each cell prefixed with a single quote", () => {
    const line = auditCsvLine({
      ...record,
      actor: { tenantId: "+t", objectId: "-1", upn: "@evil" },
      action: "=1+1",
    });
    assert.match(line, /^7,2025-06-30T08:15:00\.123Z,'\+t,'-1,'@evil,'=1\+1,/);
  });
});
