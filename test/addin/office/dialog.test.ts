import assert from "node:assert/strict";
import { messageParent, openDialog } from "../../../addin/src/office/dialog.js";
import { failed, installOffice, removeOffice, succeeded } from "./officeMock.js";

type Handler = (arg: unknown) => void;

/** A stand-in for Office.Dialog: records handlers and closes; `ready` settles once both handlers are added. */
function fakeDialog() {
  const handlers = new Map<string, Handler>();
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  return {
    closes: 0,
    ready,
    addEventHandler(type: string, handler: Handler) {
      handlers.set(type, handler);
      if (handlers.size === 2) markReady();
    },
    close() {
      this.closes += 1;
    },
    fire(type: string, arg: unknown) {
      handlers.get(type)!(arg);
    },
  };
}

/** Installs Office with a displayDialogAsync that answers `result` and records what it was asked. */
function installDialogHost(result: unknown) {
  const calls: { url: string; options: unknown }[] = [];
  const displayDialogAsync = (url: string, options: unknown, callback: (r: unknown) => void) => {
    calls.push({ url, options });
    callback(result);
  };
  installOffice({ ui: { displayDialogAsync } });
  return calls;
}

const url = "https://localhost:3000/auth-dialog.html";

describe("openDialog", () => {
  afterEach(removeOffice);

  it("the page sends a message → resolves with it and closes the dialog", async () => {
    const dialog = fakeDialog();
    const calls = installDialogHost(succeeded(dialog));
    const reply = openDialog(url, { heightPercent: 50, widthPercent: 40 });
    await dialog.ready;
    dialog.fire("dialogMessageReceived", { message: '{"ok":true}', origin: "https://localhost:3000" });
    assert.equal(await reply, '{"ok":true}');
    assert.equal(dialog.closes, 1);
    assert.deepEqual(calls, [{ url, options: { height: 50, width: 40, displayInIframe: false } }]);
  });

  it("the user closes the dialog (12006) → rejects saying sign-in was cancelled", async () => {
    const dialog = fakeDialog();
    installDialogHost(succeeded(dialog));
    const reply = openDialog(url);
    await dialog.ready;
    dialog.fire("dialogEventReceived", { error: 12006 });
    await assert.rejects(reply, { message: /^Sign-in was cancelled.*\(Office error 12006\)$/, code: 12006 });
  });

  it("the page cannot be reached (12002) → rejects saying so, and closes the dialog", async () => {
    const dialog = fakeDialog();
    installDialogHost(succeeded(dialog));
    const reply = openDialog(url);
    await dialog.ready;
    dialog.fire("dialogEventReceived", { error: 12002 });
    await assert.rejects(reply, { message: /not found or could not be reached/ });
    assert.equal(dialog.closes, 1);
  });

  it("a dialog is already open (12007) → rejects saying so, with Office's code", async () => {
    installDialogHost(failed(12007, "A dialog is already opened from this host window."));
    await assert.rejects(openDialog(url), {
      message: /another dialog from this add-in is already open.*\(Office error 12007\)$/,
      code: 12007,
    });
  });

  it("the user ignored or blocked the dialog (12009) → rejects asking to allow it", async () => {
    installDialogHost(failed(12009, "The user chose to ignore the dialog box."));
    await assert.rejects(openDialog(url), { message: /blocked or ignored/ });
  });

  it("another displayDialogAsync failure → rejects with Office's own message and code", async () => {
    installDialogHost(failed(12345, "Something unusual."));
    await assert.rejects(openDialog(url), {
      message: "Could not open the dialog: Something unusual. (Office error 12345)",
    });
  });

  it("a host without the dialog API → rejects saying it cannot open dialogs", async () => {
    installOffice({ mailbox: {} });
    await assert.rejects(openDialog(url), { message: /cannot open dialogs/ });
  });
});

describe("messageParent", () => {
  afterEach(removeOffice);

  it("inside a dialog → hands the message to Office", () => {
    const sent: string[] = [];
    installOffice({ ui: { messageParent: (message: string) => sent.push(message) } });
    messageParent("done");
    assert.deepEqual(sent, ["done"]);
  });

  it("outside a dialog → an error saying the page is not in a dialog", () => {
    installOffice({ mailbox: {} });
    assert.throws(() => messageParent("done"), /not open in an Office dialog/);
  });
});
