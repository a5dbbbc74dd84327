// Which side of the tenant's boundary an address is on: verified, unverified or external domains,
// compared without regard to case and never by suffix.
import assert from "node:assert/strict";
import { classifyAddress, domainOf } from "../../../../api/src/retraction/discovery/classifyAddress.js";

const domains = [
  { id: "Contoso.com", isVerified: true },
  { id: "contoso.onmicrosoft.com", isVerified: true },
  { id: "contoso-europe.com", isVerified: false },
  { id: "sales.fabrikam.com", isVerified: true },
];

describe("classifyAddress", () => {
  it("an address at a verified domain, in any case → verified", () => {
    assert.deepEqual(classifyAddress("ADELE.VANCE@CONTOSO.COM", domains), {
      kind: "verified",
      domain: "contoso.com",
    });
  });

  it("an address at a domain added but not verified → unverified", () => {
    assert.deepEqual(classifyAddress("paul.rivera@contoso-europe.com", domains), {
      kind: "unverified",
      domain: "contoso-europe.com",
    });
  });

  it("a domain whose verification Graph did not report → unverified (nothing is retracted there)", () => {
    assert.equal(classifyAddress("a@contoso.com", [{ id: "contoso.com" }]).kind, "unverified");
    assert.equal(
      classifyAddress("a@contoso.com", [{ id: "contoso.com", isVerified: null }]).kind,
      "unverified"
    );
  });

  it("an address outside every tenant domain → external", () => {
    assert.deepEqual(classifyAddress("auditor@tailspintoys.com", domains), {
      kind: "external",
      domain: "tailspintoys.com",
    });
  });

  it("a subdomain of a verified domain → external: a subdomain is not the same domain", () => {
    assert.equal(classifyAddress("a@eu.contoso.com", domains).kind, "external");
  });

  it("the parent of a verified subdomain → external", () => {
    assert.equal(classifyAddress("a@fabrikam.com", domains).kind, "external");
    assert.equal(classifyAddress("a@sales.fabrikam.com", domains).kind, "verified");
  });

  it("a domain that merely ends like a tenant domain → external", () => {
    assert.equal(classifyAddress("a@evilcontoso.com", domains).kind, "external");
    assert.equal(classifyAddress("a@contoso.com.evil.example", domains).kind, "external");
  });

  it("a fully qualified domain with its trailing dot → the same domain", () => {
    assert.equal(classifyAddress("a@contoso.com.", domains).kind, "verified");
  });

  it("text that is not name@domain → malformed", () => {
    for (const text of ["contoso.com", "a@", "@contoso.com", "a@localhost", "a@contoso com", ""])
      assert.deepEqual(classifyAddress(text, domains), { kind: "malformed", domain: null }, text);
  });
});

describe("domainOf", () => {
  it("a quoted local part holding @ → the domain after the last @", () => {
    assert.equal(domainOf('"a@b"@Contoso.com'), "contoso.com");
  });
});
