// A stand-in for the parts of Office.js the add-in uses in Outlook read mode, so the real task-pane code
// runs unchanged in the harness page. It mirrors Office.js's shapes (those addin/src/office/ reads):
// onReady's promise, the read item and its recipients, the user profile, convertToRestId, ItemChanged
// through addHandlerAsync, requirement sets, officeTheme, the dialog API and the enums behind them.
import type { MailboxMessage, MailboxPerson, MailboxRecipient } from "./simMailbox";

export type Theme = "light" | "dark";
export type MailboxOwner = { address: string; displayName: string };
export type OfficeStandIn = {
  /** Shows `message` as Outlook's selected item (null: nothing selected) and fires ItemChanged. */
  select(message: MailboxMessage | null): void;
};

type AsyncResult = {
  status: "succeeded" | "failed";
  value: unknown;
  error?: { code: number; name: string; message: string };
};
type Callback = (result: AsyncResult) => void;
type Handler = (event: { type: string }) => void;

const itemChanged = "olkItemSelectedChanged";

/** Outlook's officeTheme colours for its light and dark themes. */
const officeThemes = {
  light: {
    bodyBackgroundColor: "#ffffff",
    bodyForegroundColor: "#242424",
    controlBackgroundColor: "#ffffff",
    controlForegroundColor: "#242424",
  },
  dark: {
    bodyBackgroundColor: "#1f1f1f",
    bodyForegroundColor: "#ffffff",
    controlBackgroundColor: "#292929",
    controlForegroundColor: "#ffffff",
  },
};

/** The requirement sets the harness offers, at their highest version. */
const requirementSets: Record<string, string> = { Mailbox: "1.13", NestedAppAuth: "1.1" };

function versionAtMost(asked: string, offered: string): boolean {
  const [askedMajor = 0, askedMinor = 0] = asked.split(".").map(Number);
  const [offeredMajor = 0, offeredMinor = 0] = offered.split(".").map(Number);
  return askedMajor < offeredMajor || (askedMajor === offeredMajor && askedMinor <= offeredMinor);
}

function isSetSupported(name: string, minVersion?: string | number): boolean {
  const offered = requirementSets[name];
  return offered !== undefined && versionAtMost(String(minVersion ?? "1.1"), offered);
}

const asDetails = (person: MailboxPerson, recipientType: string) => ({
  displayName: person.name,
  emailAddress: person.address,
  recipientType,
});
const recipientDetails = (r: MailboxRecipient) => asDetails(r, r.kind);

/** Outlook's read item; in another person's mailbox it also offers the shared properties naming its owner. */
function toReadItem(message: MailboxMessage, sharedOwner: string | null) {
  const shared = sharedOwner
    ? {
        getSharedPropertiesAsync(options?: unknown, callback?: unknown) {
          callbackOf(
            options,
            callback
          )?.(succeeded({ owner: sharedOwner, targetMailbox: sharedOwner, delegatePermissions: 1 }));
        },
      }
    : {};
  return {
    ...shared,
    itemType: "message",
    // sim's ids are already REST ids; Outlook's would be EWS ids that convertToRestId turns into these.
    itemId: message.id,
    subject: message.subject,
    normalizedSubject: message.subject.replace(/^((re|fw|fwd):\s*)+/i, ""),
    from: message.from ? asDetails(message.from, "other") : undefined,
    sender: message.from ? asDetails(message.from, "other") : undefined,
    to: message.to.map(recipientDetails),
    cc: message.cc.map(recipientDetails),
    dateTimeCreated: new Date(message.receivedDateTime),
    internetMessageId: message.internetMessageId,
  };
}

/** Office's (…, options?, callback?) convention: the options may be left out. */
function callbackOf(optionsOrCallback: unknown, callback: unknown): Callback | undefined {
  if (typeof optionsOrCallback === "function") return optionsOrCallback as Callback;
  return typeof callback === "function" ? (callback as Callback) : undefined;
}

const succeeded = (value: unknown): AsyncResult => ({ status: "succeeded", value });

/**
 * Installs `window.Office` for `owner` (the signed-in user) showing `first` (or nothing) in Outlook's
 * `theme`; `sharedOwner` names the other person's mailbox the messages come from, if they do.
 */
export function installOfficeStandIn(
  owner: MailboxOwner,
  first: MailboxMessage | null,
  theme: Theme,
  sharedOwner: string | null = null
): OfficeStandIn {
  const handlers = new Set<Handler>();
  const mailbox = {
    item: first ? toReadItem(first, sharedOwner) : null,
    userProfile: {
      emailAddress: owner.address,
      displayName: owner.displayName,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      accountType: "enterprise",
    },
    diagnostics: { hostName: "OutlookWebApp", hostVersion: "harness", OWAView: "ThreeColumns" },
    convertToRestId: (itemId: string) => itemId,
    convertToEwsId: (itemId: string) => itemId,
    addHandlerAsync(eventType: string, handler: Handler, options?: unknown, callback?: unknown) {
      if (eventType === itemChanged) handlers.add(handler);
      callbackOf(options, callback)?.(succeeded(undefined));
    },
    removeHandlerAsync(eventType: string, options?: unknown, callback?: unknown) {
      if (eventType === itemChanged) handlers.clear();
      callbackOf(options, callback)?.(succeeded(undefined));
    },
  };
  const ui = {
    displayDialogAsync(_url: string, options?: unknown, callback?: unknown) {
      callbackOf(
        options,
        callback
      )?.({
        status: "failed",
        value: undefined,
        error: {
          code: 5001,
          name: "Not available in the harness",
          message: "The harness page opens no Office dialogs; it signs in with nested app authentication.",
        },
      });
    },
  };
  const hostInfo = { host: "Outlook", platform: "OfficeOnline" };
  const office = {
    HostType: { Outlook: "Outlook" },
    PlatformType: { OfficeOnline: "OfficeOnline" },
    EventType: {
      ItemChanged: itemChanged,
      DialogMessageReceived: "dialogMessageReceived",
      DialogEventReceived: "dialogEventReceived",
    },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    MailboxEnums: {
      RecipientType: {
        User: "user",
        ExternalUser: "externalUser",
        DistributionList: "distributionList",
        Other: "other",
      },
      RestVersion: { v1_0: "v1.0", v2_0: "v2.0", Beta: "beta" },
      ItemType: { Message: "message", Appointment: "appointment" },
    },
    context: {
      host: "Outlook",
      platform: "OfficeOnline",
      mailbox,
      officeTheme: officeThemes[theme],
      requirements: { isSetSupported },
      ui,
    },
    onReady(callback?: (info: typeof hostInfo) => void) {
      callback?.(hostInfo);
      return Promise.resolve(hostInfo);
    },
  };
  (globalThis as unknown as { Office: unknown }).Office = office;
  return {
    select(message) {
      mailbox.item = message ? toReadItem(message, sharedOwner) : null;
      handlers.forEach((handler) => handler({ type: itemChanged }));
    },
  };
}
