import assert from "node:assert/strict";
import { onItemChanged } from "../../../addin/src/office/onItemChanged.js";
import { failed, installOffice, removeOffice, succeeded } from "./officeMock.js";

type Callback = (result: unknown) => void;

describe("onItemChanged", () => {
  afterEach(removeOffice);

  it("Outlook accepts the handler → resolves; the handler is registered for ItemChanged and runs on a change", async () => {
    const registered: { type: string; handler: () => void }[] = [];
    const addHandlerAsync = (type: string, handler: () => void, callback: Callback) => {
      registered.push({ type, handler });
      callback(succeeded(undefined));
    };
    installOffice({ mailbox: { addHandlerAsync } });
    let changes = 0;
    await onItemChanged(() => (changes += 1));
    assert.deepEqual(
      registered.map((r) => r.type),
      ["olkItemSelectedChanged"]
    );
    registered[0]!.handler();
    assert.equal(changes, 1);
  });

  it("Outlook refuses the handler → rejects with what failed and Office's message and code", async () => {
    const addHandlerAsync = (_type: string, _handler: () => void, callback: Callback) =>
      callback(failed(5001, "An internal error has occurred."));
    installOffice({ mailbox: { addHandlerAsync } });
    await assert.rejects(
      onItemChanged(() => {}),
      {
        message: "Could not follow the selected message: An internal error has occurred. (Office error 5001)",
      }
    );
  });

  it("a host without addHandlerAsync (the task pane cannot be pinned) → resolves without registering", async () => {
    installOffice({ mailbox: {} });
    await onItemChanged(() => {});
  });
});
