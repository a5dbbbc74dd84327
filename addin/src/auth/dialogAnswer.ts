// What the sign-in dialog sends back to the task pane: a token with its expiry, or why there is none.

export type DialogAnswer = { accessToken: string; expiresOn: string } | { error: string };

/** Parses the dialog's message; anything unexpected becomes an error answer. */
export function readDialogAnswer(message: string): DialogAnswer {
  try {
    const value = JSON.parse(message) as Record<string, unknown>;
    if (typeof value.accessToken === "string" && typeof value.expiresOn === "string")
      return { accessToken: value.accessToken, expiresOn: value.expiresOn };
    if (typeof value.error === "string") return { error: value.error };
  } catch {
    // not JSON: reported below
  }
  return { error: "the sign-in window sent an answer the add-in does not understand." };
}
