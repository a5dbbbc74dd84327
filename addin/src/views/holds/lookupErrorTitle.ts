// The title of a failed holds lookup, from the API's stable error code: "not found" and "outside the
// app's scope" need different next steps, so they are named apart.
import { ApiError } from "../../api/apiError";

const titles: Record<string, string> = {
  MAILBOX_NOT_FOUND: "No such mailbox",
  EXCHANGE_OBJECT_NOT_FOUND: "No such mailbox",
  NO_MAILBOX: "No Exchange Online mailbox",
  MAILBOX_OUT_OF_SCOPE: "Mailbox outside the app's scope",
  INVALID_INPUT: "Not a mailbox address",
};

/**
 * @example lookupErrorTitle(new ApiError("…", "request", "MAILBOX_NOT_FOUND", 404)) // → "No such mailbox"
 */
export function lookupErrorTitle(error: unknown): string {
  if (error instanceof ApiError) {
    const title = error.code ? titles[error.code] : undefined;
    if (title) return title;
    if (error.kind === "forbidden") return "Not allowed to read this mailbox's holds";
  }
  return "Could not read the holds";
}
