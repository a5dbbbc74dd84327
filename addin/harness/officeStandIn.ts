// A stand-in for the parts of Office.js the add-in uses in Outlook read mode, so the real task-pane code
// runs unchanged in the harness page. It mirrors Office.js shapes: onReady's promise, the read item's
// properties, officeTheme colours, and ItemChanged through addHandlerAsync.
import type { HarnessMessage } from "./sampleMessages";

type Handler = () => void;

export type OfficeStandIn = { select(message: HarnessMessage): void };

const themes = {
  light: {
    bodyBackgroundColor: "#ffffff",
    bodyForegroundColor: "#242424",
    controlBackgroundColor: "#ffffff",
  },
  dark: { bodyBackgroundColor: "#1f1f1f", bodyForegroundColor: "#ffffff", controlBackgroundColor: "#292929" },
};

function toReadItem(message: HarnessMessage) {
  return {
    itemType: "message",
    subject: message.subject,
    from: { ...message.from, recipientType: "other" },
    dateTimeCreated: new Date(message.receivedAt),
    internetMessageId: message.internetMessageId,
  };
}

/** Installs `window.Office` with `first` selected; `select` switches messages and fires ItemChanged. */
export function installOfficeStandIn(first: HarnessMessage, theme: "light" | "dark"): OfficeStandIn {
  const handlers: Handler[] = [];
  const mailbox = {
    item: toReadItem(first),
    addHandlerAsync(eventType: string, handler: Handler, callback?: (result: unknown) => void) {
      if (eventType === "olkItemSelectedChanged") handlers.push(handler);
      callback?.({ status: "succeeded", value: undefined });
    },
  };
  const office = {
    HostType: { Outlook: "Outlook" },
    PlatformType: { OfficeOnline: "OfficeOnline" },
    EventType: { ItemChanged: "olkItemSelectedChanged" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    context: { mailbox, officeTheme: themes[theme] },
    onReady: () => Promise.resolve({ host: "Outlook", platform: "OfficeOnline" }),
  };
  (globalThis as unknown as { Office: unknown }).Office = office;
  return {
    select(message) {
      mailbox.item = toReadItem(message);
      handlers.forEach((handler) => handler());
    },
  };
}
