// Installs office-addin-mock's Outlook object as the global `Office`, with the enums Office.js defines at
// run time (the mock has only what it is given), for the adapter tests in this folder.
import { OfficeMockObject } from "office-addin-mock";

type Global = { Office?: unknown };

/** Office.js's run-time enum values, as Outlook defines them. */
const officeEnums = {
  EventType: {
    ItemChanged: "olkItemSelectedChanged",
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
  },
};

export function installOffice(context: Record<string, unknown>): void {
  (globalThis as Global).Office = new OfficeMockObject({ host: "outlook", ...officeEnums, context });
}

export function removeOffice(): void {
  delete (globalThis as Global).Office;
}

/** An AsyncResult as Office passes it to callbacks (status is a string at run time, not the typings' number). */
export function succeeded<T>(value: T): Office.AsyncResult<T> {
  return { status: "succeeded", value, asyncContext: undefined } as unknown as Office.AsyncResult<T>;
}

export function failed<T = never>(code: number, message: string): Office.AsyncResult<T> {
  const error = { code, message, name: "Error" };
  return {
    status: "failed",
    value: undefined,
    error,
    asyncContext: undefined,
  } as unknown as Office.AsyncResult<T>;
}
