import assert from "node:assert/strict";
import { readSelectedItem } from "../../../addin/src/office/selectedItem.js";
import { installOffice, removeOffice } from "./officeMock.js";

const received = {
  itemId: "AAMkAGI2TG93AAA=",
  subject: "Invoice 42",
  from: { displayName: "Ann", emailAddress: "ann@fabrikam.com", recipientType: "externalUser" },
  to: [
    { displayName: "Adele Vance", emailAddress: "adele.vance@contoso.com", recipientType: "user" },
    {
      displayName: "Finance Team",
      emailAddress: "finance-team@contoso.com",
      recipientType: "distributionList",
    },
  ],
  cc: [
    { displayName: "Auditor", emailAddress: "auditor@tailspintoys.com", recipientType: "externalUser" },
    { displayName: "", emailAddress: "someone@example.com", recipientType: "other" },
  ],
  dateTimeCreated: new Date("2026-11-01T10:00:00Z"),
  internetMessageId: "<a@fabrikam.com>",
};

/** A REST id that shows it came from convertToRestId with the version it was asked for. */
const toRest = (id: string, version: string) => `rest(${version}):${id.replace(/\//g, "-")}`;

describe("readSelectedItem", () => {
  afterEach(removeOffice);

  it("a received message → ids, subject, sender, recipients, delivery time and Internet Message-ID", () => {
    installOffice({ mailbox: { item: received, convertToRestId: toRest } });
    assert.deepEqual(readSelectedItem(), {
      itemId: "AAMkAGI2TG93AAA=",
      restId: "rest(v2.0):AAMkAGI2TG93AAA=",
      subject: "Invoice 42",
      from: { name: "Ann", address: "ann@fabrikam.com" },
      to: [
        { name: "Adele Vance", address: "adele.vance@contoso.com", field: "to", kind: "user" },
        { name: "Finance Team", address: "finance-team@contoso.com", field: "to", kind: "distributionList" },
      ],
      cc: [
        { name: "Auditor", address: "auditor@tailspintoys.com", field: "cc", kind: "externalUser" },
        { name: "someone@example.com", address: "someone@example.com", field: "cc", kind: "other" },
      ],
      receivedAt: new Date("2026-11-01T10:00:00Z"),
      internetMessageId: "<a@fabrikam.com>",
    });
  });

  it("a recipient type Office does not define → kind other", () => {
    const to = [{ displayName: "Room", emailAddress: "room@contoso.com", recipientType: "room" }];
    installOffice({ mailbox: { item: { ...received, to } } });
    assert.equal(readSelectedItem().to[0]!.kind, "other");
  });

  it("no To or Cc recipients → empty lists, not undefined", () => {
    const { to: _to, cc: _cc, ...withoutRecipients } = received;
    installOffice({ mailbox: { item: withoutRecipients } });
    const item = readSelectedItem();
    assert.deepEqual([item.to, item.cc], [[], []]);
  });

  it("a host without convertToRestId → restId null, itemId kept", () => {
    installOffice({ mailbox: { item: received } });
    const item = readSelectedItem();
    assert.equal(item.restId, null);
    assert.equal(item.itemId, "AAMkAGI2TG93AAA=");
  });

  it("convertToRestId throws → restId null, no error", () => {
    const throwing = () => {
      throw new Error("API not supported");
    };
    installOffice({ mailbox: { item: received, convertToRestId: throwing } });
    assert.equal(readSelectedItem().restId, null);
  });

  it("an item Outlook has no id for yet → itemId and restId null, convertToRestId not called", () => {
    let calls = 0;
    const counting = (id: string) => {
      calls += 1;
      return id;
    };
    installOffice({ mailbox: { item: { ...received, itemId: "" }, convertToRestId: counting } });
    const item = readSelectedItem();
    assert.deepEqual([item.itemId, item.restId, calls], [null, null, 0]);
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
