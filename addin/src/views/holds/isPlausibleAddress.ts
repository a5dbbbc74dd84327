// Whether text looks like a mailbox address, checked before a lookup so a typo gets an answer at once
// instead of a round trip. The same shape the API accepts: one @, a dot in the domain, no spaces.

const addressShape = /^[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+$/;

/**
 * @example isPlausibleAddress(" adele.vance@contoso.com ") // → true
 * @example isPlausibleAddress("adele.vance") // → false
 */
export function isPlausibleAddress(text: string): boolean {
  const address = text.trim();
  return address.length <= 320 && addressShape.test(address);
}
