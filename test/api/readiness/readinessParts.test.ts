import assert from "node:assert/strict";
import { adminConsentUrl } from "../../../api/src/readiness/adminConsentUrl.js";
import { representativeMailboxes } from "../../../api/src/readiness/representativeMailboxes.js";
import { heldAs, requiredPermissions } from "../../../api/src/readiness/requiredPermissions.js";
import { listInWords, scopeInWords } from "../../../api/src/readiness/readinessText.js";
import { tokenRoles } from "../../../api/src/readiness/tokenRoles.js";

/** An unsigned JWT with this payload (tokenRoles decodes; it does not verify). */
function jwt(payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "RS256", typ: "JWT" })}.${part(payload)}.c2lnbmF0dXJl`;
}

const permission = (name: string) => requiredPermissions.find((p) => p.name === name)!;

describe("readiness parts", () => {
  describe("tokenRoles", () => {
    it("an app-only token → its roles claim", () => {
      assert.deepEqual(tokenRoles(jwt({ roles: ["Mail.ReadWrite", "User.Read.All"], idtyp: "app" })), [
        "Mail.ReadWrite",
        "User.Read.All",
      ]);
    });

    it("a token without roles → none; entries that are not strings → dropped", () => {
      assert.deepEqual(tokenRoles(jwt({ idtyp: "app" })), []);
      assert.deepEqual(tokenRoles(jwt({ roles: ["Domain.Read.All", 7, null] })), ["Domain.Read.All"]);
    });

    it("text that is not a JWT → throws", () => {
      assert.throws(() => tokenRoles("not-a-token"));
    });
  });

  describe("heldAs", () => {
    it("the permission itself granted → its own name, whatever the case", () => {
      assert.equal(heldAs(permission("Mail.ReadWrite"), ["mail.readwrite"]), "Mail.ReadWrite");
    });

    it("only a broader permission granted → that one", () => {
      assert.equal(heldAs(permission("GroupMember.Read.All"), ["Group.Read.All"]), "Group.Read.All");
      assert.equal(
        heldAs(permission("Domain.Read.All"), ["Directory.ReadWrite.All"]),
        "Directory.ReadWrite.All"
      );
    });

    it("a narrower or unrelated permission → not held (Mail.Read cannot move or delete)", () => {
      assert.equal(heldAs(permission("Mail.ReadWrite"), ["Mail.Read", "Mail.ReadBasic.All"]), undefined);
      assert.equal(heldAs(permission("User.Read.All"), ["User.ReadBasic.All"]), undefined);
    });
  });

  describe("adminConsentUrl", () => {
    it("→ the tenant-wide admin consent URL for the API's client id, on the configured authority", () => {
      assert.equal(
        adminConsentUrl({
          AUTHORITY_HOST: "https://login.microsoftonline.com/",
          TENANT_ID: "4d3c2b1a-6f5e-4a7b-9c8d-0e1f2a3b4c5d",
          API_CLIENT_ID: "5b2a7c8d-1e3f-4a5b-8c6d-7e8f9a0b1c2d",
        }),
        "https://login.microsoftonline.com/4d3c2b1a-6f5e-4a7b-9c8d-0e1f2a3b4c5d/adminconsent?client_id=5b2a7c8d-1e3f-4a5b-8c6d-7e8f9a0b1c2d"
      );
    });
  });

  describe("representativeMailboxes", () => {
    it("members of several domains → up to the limit per domain, in order, duplicates once", () => {
      const picks = representativeMailboxes(
        ["contoso.com", "contoso.onmicrosoft.com"],
        ["a@contoso.com", "A@CONTOSO.COM", "b@contoso.com", "c@contoso.com", "d@contoso.onmicrosoft.com"],
        2
      );
      assert.deepEqual(
        [...picks],
        [
          ["contoso.com", ["a@contoso.com", "b@contoso.com"]],
          ["contoso.onmicrosoft.com", ["d@contoso.onmicrosoft.com"]],
        ]
      );
    });

    it("a domain no member is in → an empty list; a subdomain's address does not count for its parent", () => {
      const picks = representativeMailboxes(
        ["contoso.com", "fabrikam.com"],
        ["x@eu.contoso.com", "y@Contoso.com"]
      );
      assert.deepEqual(picks.get("contoso.com"), ["y@Contoso.com"]);
      assert.deepEqual(picks.get("fabrikam.com"), []);
    });
  });

  describe("words", () => {
    it("lists → 'A', 'A and B', 'A, B and C'", () => {
      assert.equal(listInWords(["A"]), "A");
      assert.equal(listInWords(["A", "B"]), "A and B");
      assert.equal(listInWords(["A", "B", "C"]), "A, B and C");
    });

    it("scopes → every mailbox, with exceptions, or only members of the restricting groups", () => {
      assert.equal(scopeInWords([], []), "every mailbox");
      assert.equal(scopeInWords([], ["X"]), "every mailbox except members of X");
      assert.equal(scopeInWords(["Y", "Z"], ["X"]), "only members of Y and Z except members of X");
    });
  });
});
