import assert from "node:assert/strict";
import { readSharedOwner } from "../../../addin/src/office/itemMailbox.js";
import { failed, installOffice, removeOffice, succeeded } from "./officeMock.js";

type Callback = (result: unknown) => void;

describe("office/itemMailbox readSharedOwner", () => {
  afterEach(removeOffice);

  it("an item in another person's shared mailbox → that mailbox's owner", async () => {
    installOffice({
      mailbox: {
        item: {
          subject: "Payroll",
          getSharedPropertiesAsync: (callback: Callback) =>
            callback(succeeded({ owner: "adele.vance@contoso.com", delegatePermissions: 1 })),
        },
      },
    });
    assert.equal(await readSharedOwner(), "adele.vance@contoso.com");
  });

  it("an item in the user's own mailbox (no getSharedPropertiesAsync) → null", async () => {
    installOffice({ mailbox: { item: { subject: "hello" } } });
    assert.equal(await readSharedOwner(), null);
  });

  it("a host that defines the method but fails it (not shared) → null, never a rejection", async () => {
    installOffice({
      mailbox: {
        item: {
          subject: "hello",
          getSharedPropertiesAsync: (callback: Callback) => callback(failed(9041, "The item is not shared.")),
        },
      },
    });
    assert.equal(await readSharedOwner(), null);
  });
});
