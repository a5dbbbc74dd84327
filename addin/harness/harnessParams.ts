// What the harness page's address asks for: ?user=UPN&mailbox=UPN&internetMessageId=ID&theme=dark.
import type { Theme } from "./officeStandIn";

export type HarnessParams = {
  /** The demo user whose mailbox is shown; null: the default user. */
  user: string | null;
  /** Another person's mailbox the user has opened (shared, or as their delegate); null: their own. */
  mailbox: string | null;
  /** The message to open; null: the newest one. */
  internetMessageId: string | null;
  theme: Theme;
};

export function readHarnessParams(search: string): HarnessParams {
  const query = new URLSearchParams(search);
  return {
    user: query.get("user") || null,
    mailbox: query.get("mailbox") || null,
    internetMessageId: query.get("internetMessageId") || null,
    theme: query.get("theme") === "dark" ? "dark" : "light",
  };
}

/** The address of the page for these parameters (only those set, the light theme being the default). */
export function harnessSearch(params: HarnessParams): string {
  const query = new URLSearchParams();
  if (params.user) query.set("user", params.user);
  if (params.mailbox) query.set("mailbox", params.mailbox);
  if (params.internetMessageId) query.set("internetMessageId", params.internetMessageId);
  if (params.theme === "dark") query.set("theme", "dark");
  return `?${query}`;
}
