// Lets a pinned task pane follow the selection: calls back whenever the user selects another message.

/** Registers `callback` for Outlook's ItemChanged event; resolves once registered, rejects if Outlook refuses. */
export function onItemChanged(callback: () => void): Promise<void> {
  const mailbox = Office.context.mailbox;
  if (!mailbox?.addHandlerAsync) return Promise.resolve();
  return new Promise((resolve, reject) => {
    mailbox.addHandlerAsync(Office.EventType.ItemChanged, callback, (result) => {
      if (result.status === Office.AsyncResultStatus.Failed) {
        reject(new Error(`Could not follow the selected message: ${result.error.message}`));
      } else resolve();
    });
  });
}
