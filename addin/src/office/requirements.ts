// Which optional Office.js features the host offers, asked through requirement sets rather than by
// guessing from the host's name or platform.

/** True when the host can sign the user in with nested app authentication (NestedAppAuth 1.1). */
export function supportsNestedAppAuth(): boolean {
  try {
    return Office.context?.requirements?.isSetSupported?.("NestedAppAuth", "1.1") === true;
  } catch {
    // Older hosts throw for requirement sets they have never heard of: that means unsupported.
    return false;
  }
}
