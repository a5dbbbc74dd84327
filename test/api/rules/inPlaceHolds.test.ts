import assert from "node:assert/strict";
import { decodeInPlaceHold, policyRetains } from "../../../api/src/rules/inPlaceHolds.js";

describe("decodeInPlaceHold", () => {
  it("UniH<guid with dashes> → eDiscovery case hold, id without prefix", () => {
    const hold = decodeInPlaceHold("UniH7d895d48-7e23-4a8d-8346-533c3beac15d", "f");
    assert.equal(hold.kind, "eDiscoveryHold");
    assert.equal(hold.id, "7d895d48-7e23-4a8d-8346-533c3beac15d");
  });

  it("bare 32-hex GUID → legacy In-Place Hold", () => {
    const hold = decodeInPlaceHold("c0ba3ce811b6432a8751430937152491", "f");
    assert.equal(hold.kind, "InPlaceHold");
    assert.equal(hold.id, "c0ba3ce811b6432a8751430937152491");
  });

  it("cld<guid> → In-Place Hold, id keeps cld for Get-MailboxSearch", () => {
    const hold = decodeInPlaceHold("cld9c0a984ca74b457fbe4504bf7d3e00de", "f");
    assert.equal(hold.kind, "InPlaceHold");
    assert.equal(hold.id, "cld9c0a984ca74b457fbe4504bf7d3e00de");
    assert.equal(hold.guid, "9c0a984ca74b457fbe4504bf7d3e00de");
  });

  const suffixes: [string, string, boolean][] = [
    ["1", "deleteOnly", false],
    ["2", "retainOnly", true],
    ["3", "retainThenDelete", true],
  ];
  for (const [suffix, action, retains] of suffixes) {
    it(`mbx<guid>:${suffix} → Exchange retention policy, ${action}, ${retains ? "retains" : "keeps nothing"}`, () => {
      const hold = decodeInPlaceHold(`mbxcdbbb86ce60342489bff371876e7f224:${suffix}`, "f");
      assert.equal(hold.kind, "RetentionPolicy");
      assert.equal(hold.workload, "exchange");
      assert.equal(hold.action, action);
      assert.equal(hold.id, "cdbbb86ce60342489bff371876e7f224");
      assert.equal(policyRetains(hold), retains);
    });
  }

  it("skp<guid>:3 → Skype for Business retention policy", () => {
    const hold = decodeInPlaceHold("skp127d7cf1076947929bf136b7a2a8c36f:3", "f");
    assert.deepEqual(
      [hold.kind, hold.workload, hold.action],
      ["RetentionPolicy", "skype", "retainThenDelete"]
    );
  });

  it("grp<guid>:2 (organization) → Microsoft 365 Groups retention policy", () => {
    const hold = decodeInPlaceHold("grp1a0a132ee8944501a4bb6a452ec31171:2", "f");
    assert.deepEqual([hold.kind, hold.workload], ["RetentionPolicy", "groups"]);
  });

  it("-mbx<guid> → exclusion from that org-wide policy", () => {
    const hold = decodeInPlaceHold("-mbxe9b52bf7ab3b46a286308ecb29624696", "f");
    assert.equal(hold.kind, "RetentionPolicyExclusion");
    assert.equal(hold.guid, "e9b52bf7ab3b46a286308ecb29624696");
  });

  it("prefixes in another case → still recognised", () => {
    assert.equal(decodeInPlaceHold("MBXCDBBB86CE60342489BFF371876E7F224:2", "f").kind, "RetentionPolicy");
  });

  for (const bad of ["mbx123", "hold-1", "mbxcdbbb86ce60342489bff371876e7f224:7", ""]) {
    it(`${JSON.stringify(bad)} → error naming the field`, () => {
      assert.throws(
        () => decodeInPlaceHold(bad, "mailbox.InPlaceHolds[2]"),
        /^RulesInputError: mailbox\.InPlaceHolds\[2\]: expected an InPlaceHolds entry/
      );
    });
  }
});
