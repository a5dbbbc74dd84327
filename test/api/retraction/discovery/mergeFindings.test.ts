// One entry per mailbox and per refused recipient, whichever ways discovery reached them.
import assert from "node:assert/strict";
import { mergeFindings } from "../../../../api/src/retraction/discovery/mergeFindings.js";
import { copyOf, forward, refused, target, why } from "./findingFixtures.js";

describe("mergeFindings", () => {
  it("a mailbox reached through two lists → one target, both reasons, its copy once", () => {
    const { targets } = mergeFindings([
      target("megan", [copyOf("c1")], why("To recipient via Finance Team")),
      target("megan", [copyOf("c1")], why("To recipient via Finance Leads")),
    ]);

    assert.equal(targets.length, 1);
    assert.deepEqual(targets[0], {
      mailbox: "megan@contoso.com",
      objectId: "id-megan",
      displayName: "megan",
      copies: [copyOf("c1")],
      why: [why("To recipient via Finance Team"), why("To recipient via Finance Leads")],
    });
  });

  it("the same reason twice → listed once", () => {
    const { targets } = mergeFindings([
      target("adele", [copyOf("c1")], why("To recipient")),
      target("adele", [copyOf("c1")], why("To recipient")),
    ]);

    assert.deepEqual(targets[0]!.why, [why("To recipient")]);
  });

  it("copies of two plan messages in one mailbox → one target with both copies, reasons nearest depth first", () => {
    const { targets } = mergeFindings([
      target(
        "adele",
        [copyOf("c2", forward)],
        why("forwarded by Patti at depth 2 (To recipient)", 2, forward)
      ),
      target("adele", [copyOf("c1")], why("To recipient")),
    ]);

    assert.deepEqual(
      targets[0]!.copies.map((c) => c.id),
      ["c2", "c1"]
    );
    assert.deepEqual(
      targets[0]!.why.map((w) => w.depth),
      [0, 2]
    );
  });

  it("a target without a copy of a later message → still a target, not also refused", () => {
    const result = mergeFindings([
      target("isaiah", [copyOf("c1")], why("To recipient")),
      refused(
        "isaiah@contoso.com",
        "copyNotFound",
        why("forwarded by Adele at depth 1", 1, forward),
        "id-isaiah"
      ),
    ]);

    assert.equal(result.targets.length, 1);
    assert.deepEqual(result.notRetractable, []);
  });

  it("a mailbox without any copy → refused copyNotFound", () => {
    const { targets, notRetractable } = mergeFindings([
      refused("miriam@contoso.com", "copyNotFound", why("To recipient via Finance Team"), "id-miriam"),
    ]);

    assert.deepEqual(targets, []);
    assert.deepEqual(
      notRetractable.map((n) => [n.address, n.reason]),
      [["miriam@contoso.com", "copyNotFound"]]
    );
  });

  it("one user refused under two of their addresses → one entry with both reasons", () => {
    const { notRetractable } = mergeFindings([
      refused("contractor@contoso.com", "noMailbox", why("Cc recipient"), "id-contractor"),
      refused("casey@contoso.com", "noMailbox", why("To recipient via Finance Team"), "id-contractor"),
    ]);

    assert.equal(notRetractable.length, 1);
    assert.equal(notRetractable[0]!.address, "contractor@contoso.com");
    assert.deepEqual(
      notRetractable[0]!.why.map((w) => w.text),
      ["Cc recipient", "To recipient via Finance Team"]
    );
  });

  it("an external address in two cases → one entry", () => {
    const { notRetractable } = mergeFindings([
      refused("Auditor@TailspinToys.com", "external", why("Cc recipient")),
      refused(
        "auditor@tailspintoys.com",
        "external",
        why("in a reply by Alex at depth 1 (To recipient)", 1, forward)
      ),
    ]);

    assert.equal(notRetractable.length, 1);
    assert.equal(notRetractable[0]!.why.length, 2);
  });

  it("several targets and refusals → nearest depth first, then by address", () => {
    const { targets, notRetractable } = mergeFindings([
      target("patti", [copyOf("p", forward)], why("forwarded", 1, forward)),
      target("lee", [copyOf("l")], why("To recipient via Finance Team")),
      target("alex", [copyOf("a")], why("To recipient")),
      refused("payroll@fabrikam.com", "external", why("in a reply", 1, forward)),
      refused("paul@contoso-europe.com", "unverifiedDomain", why("Cc recipient")),
      refused("auditor@tailspintoys.com", "external", why("Cc recipient")),
    ]);

    assert.deepEqual(
      targets.map((t) => t.mailbox),
      ["alex@contoso.com", "lee@contoso.com", "patti@contoso.com"]
    );
    assert.deepEqual(
      notRetractable.map((n) => n.address),
      ["auditor@tailspintoys.com", "paul@contoso-europe.com", "payroll@fabrikam.com"]
    );
  });
});
