// Mailbox references: the owner's addresses (to recognise what they sent), from a user or a group member.
import assert from "node:assert/strict";
import {
  mailboxOfMember,
  mailboxOfUser,
  ownsAddress,
} from "../../../../api/src/retraction/discovery/mailboxRef.js";

describe("mailboxRef", () => {
  it("a user → UPN in lower case; mail, UPN and SMTP proxies as addresses; X500 left out", () => {
    const ref = mailboxOfUser({
      id: "u1",
      userPrincipalName: "Adele.Vance@contoso.com",
      mail: "Adele.Vance@contoso.com",
      displayName: "Adele Vance",
      proxyAddresses: [
        "SMTP:Adele.Vance@contoso.com",
        "smtp:adele@contoso.com",
        "X500:/o=ExchangeLabs/cn=adele",
      ],
    });

    assert.deepEqual(ref, {
      objectId: "u1",
      upn: "adele.vance@contoso.com",
      displayName: "Adele Vance",
      addresses: ["adele.vance@contoso.com", "adele@contoso.com"],
      addressesComplete: true,
    });
  });

  it("a group member → mail and UPN only, marked incomplete", () => {
    const ref = mailboxOfMember({
      kind: "user",
      odataType: "#microsoft.graph.user",
      id: "u2",
      mail: "megan.bowen@contoso.com",
      userPrincipalName: "megan@contoso.onmicrosoft.com",
      displayName: null,
    });

    assert.deepEqual(ref.addresses, ["megan.bowen@contoso.com", "megan@contoso.onmicrosoft.com"]);
    assert.equal(ref.addressesComplete, false);
    assert.equal(ref.upn, "megan@contoso.onmicrosoft.com");
  });

  it("ownsAddress → any of the owner's addresses, in any case; nothing for someone else or no address", () => {
    const ref = { addresses: ["adele.vance@contoso.com", "adele@contoso.com"] };

    assert.equal(ownsAddress(ref, "ADELE@contoso.com"), true);
    assert.equal(ownsAddress(ref, "alex.wilber@contoso.com"), false);
    assert.equal(ownsAddress(ref, null), false);
  });
});
