// Office's dialog API as a promise: the task pane opens a page (the sign-in fallback) in a dialog and gets
// back the first message that page sends; the page itself answers with messageParent.
import { OfficeCallError, officeCall } from "./asyncResult";

export type DialogSize = { heightPercent: number; widthPercent: number };

const defaultSize: DialogSize = { heightPercent: 60, widthPercent: 30 };

/** Office's codes when the dialog cannot open (displayDialogAsync fails), in words a user can act on. */
const openFailures: Record<number, string> = {
  12004: "Could not open the dialog: its page is not on a domain the add-in trusts.",
  12005: "Could not open the dialog: its page must be served over https.",
  12007:
    "Could not open the dialog: another dialog from this add-in is already open. Close it and try again.",
  12009: "The dialog was blocked or ignored. Allow it (or pop-ups for this site) and try again.",
  12011: "The browser blocked the dialog as a pop-up. Allow pop-ups for this site and try again.",
};

/** Office's codes when an open dialog fails or goes away (DialogEventReceived). */
const eventFailures: Record<number, string> = {
  12002: "The dialog's page was not found or could not be reached.",
  12003: "The dialog's page must be served over https.",
  12006: "Sign-in was cancelled: the dialog was closed.",
};

function withCode(text: string, code: number): string {
  return `${text} (Office error ${code})`;
}

function closeQuietly(dialog: Office.Dialog): void {
  try {
    dialog.close();
  } catch {
    // Already closed by the user or by Office: nothing left to clean up.
  }
}

function openFailure(err: unknown): Error {
  if (err instanceof OfficeCallError && err.code !== null && openFailures[err.code])
    return new OfficeCallError(withCode(openFailures[err.code]!, err.code), err.code);
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * Opens `url` in an Office dialog and resolves with the first message the page sends (closing the
 * dialog); rejects with a readable error when the dialog cannot open, fails to load or is closed.
 * @example const reply = await openDialog("https://localhost:3000/auth-dialog.html");
 */
export async function openDialog(url: string, size: DialogSize = defaultSize): Promise<string> {
  const ui = Office.context?.ui;
  if (!ui?.displayDialogAsync) throw new Error("This Office host cannot open dialogs.");
  const options = { height: size.heightPercent, width: size.widthPercent, displayInIframe: false };
  const dialog = await officeCall<Office.Dialog>("Could not open the dialog", (done) =>
    ui.displayDialogAsync(url, options, done)
  ).catch((err: unknown) => {
    throw openFailure(err);
  });
  return new Promise<string>((resolve, reject) => {
    dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
      if (!("message" in arg)) return;
      closeQuietly(dialog);
      resolve(arg.message);
    });
    dialog.addEventHandler(Office.EventType.DialogEventReceived, (arg) => {
      if (!("error" in arg)) return;
      closeQuietly(dialog);
      const text = eventFailures[arg.error] ?? "The dialog stopped unexpectedly.";
      reject(new OfficeCallError(withCode(text, arg.error), arg.error));
    });
  });
}

/** From the page shown in the dialog: sends `message` to the task pane that opened it. */
export function messageParent(message: string): void {
  const ui = Office.context?.ui;
  if (!ui?.messageParent)
    throw new Error("This page is not open in an Office dialog: it has no one to answer.");
  ui.messageParent(message);
}
