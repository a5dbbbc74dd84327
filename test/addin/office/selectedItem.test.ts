import assert from "node:assert/strict";
import { OfficeMockObject } from "office-addin-mock";
import { readSelectedItem } from "../../../addin/src/office/selectedItem.js";
import { hostPrefersDark } from "../../../addin/src/office/hostTheme.js";

type Global = { Office?: unknown };

function installOffice(context: Record<string, unknown>): void {
  (globalThis as Global).Office = new OfficeMockObject({ host: "outlook", context });
}

describe("office adapter", () => {
  afterEach(() => delete (globalThis as Global).Office);

  describe("readSelectedItem", () => {
    it("a received message → subject, sender, delivery time and Internet Message-ID", () => {
      installOffice({
        mailbox: {
          item: {
            subject: "Invoice 42",
            from: { displayName: "Ann", emailAddress: "ann@contoso.com" },
            dateTimeCreated: new Date("2026-11-01T10:00:00Z"),
            internetMessageId: "<a@contoso.com>",
          },
        },
      });
      assert.deepEqual(readSelectedItem(), {
        subject: "Invoice 42",
        from: { name: "Ann", address: "ann@contoso.com" },
        receivedAt: new Date("2026-11-01T10:00:00Z"),
        internetMessageId: "<a@contoso.com>",
      });
    });

    it("a message sent moments ago (no Message-ID yet) → internetMessageId null, not an empty string", () => {
      installOffice({ mailbox: { item: { subject: "Sent", internetMessageId: "" } } });
      assert.equal(readSelectedItem().internetMessageId, null);
    });

    it("nothing selected → an error saying so", () => {
      installOffice({ mailbox: {} });
      assert.throws(() => readSelectedItem(), /No message is selected/);
    });
  });

  describe("hostPrefersDark", () => {
    it("Office reports a dark body background → true", () => {
      installOffice({ officeTheme: { bodyBackgroundColor: "#1f1f1f" } });
      assert.equal(hostPrefersDark(), true);
    });

    it("Office reports a white body background → false", () => {
      installOffice({ officeTheme: { bodyBackgroundColor: "#FFFFFF" } });
      assert.equal(hostPrefersDark(), false);
    });
  });
});
