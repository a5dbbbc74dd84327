import assert from "node:assert/strict";
import { readMailboxUser } from "../../../addin/src/office/mailboxUser.js";
import { installOffice, removeOffice } from "./officeMock.js";

describe("readMailboxUser", () => {
  afterEach(removeOffice);

  it("Outlook's user profile → address, name and time zone", () => {
    installOffice({
      mailbox: {
        userProfile: {
          emailAddress: "adele.vance@contoso.com",
          displayName: "Adele Vance",
          timeZone: "Pacific Standard Time",
        },
      },
    });
    assert.deepEqual(readMailboxUser(), {
      address: "adele.vance@contoso.com",
      name: "Adele Vance",
      timeZone: "Pacific Standard Time",
    });
  });

  it("a profile without display name or time zone → the address as name, time zone null", () => {
    installOffice({ mailbox: { userProfile: { emailAddress: "admin@contoso.com", displayName: "" } } });
    assert.deepEqual(readMailboxUser(), {
      address: "admin@contoso.com",
      name: "admin@contoso.com",
      timeZone: null,
    });
  });

  it("no user profile → an error saying Outlook did not tell whose mailbox it is", () => {
    installOffice({ mailbox: {} });
    assert.throws(() => readMailboxUser(), /did not say whose mailbox this is/);
  });
});
