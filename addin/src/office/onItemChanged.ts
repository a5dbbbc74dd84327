// Lets a pinned task pane follow the selection: calls back whenever the user selects another message.
import { officeCall } from "./asyncResult";

/**
 * Registers `callback` for Outlook's ItemChanged event; resolves once registered (or at once on a host
 * that cannot pin the task pane, so has no such event), rejects if Outlook refuses.
 */
export function onItemChanged(callback: () => void): Promise<void> {
  const mailbox = Office.context.mailbox;
  if (!mailbox?.addHandlerAsync) return Promise.resolve();
  return officeCall<void>("Could not follow the selected message", (done) =>
    mailbox.addHandlerAsync(Office.EventType.ItemChanged, callback, done)
  );
}
