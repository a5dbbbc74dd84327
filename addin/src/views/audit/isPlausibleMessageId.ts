// Whether text looks like an Internet Message-ID, checked before filtering so a stray paste gets an
// answer at once. The API accepts it with or without angle brackets and adds them itself.

/**
 * @example isPlausibleMessageId("<demo-phish-0001@fabrikam.com>") // → true
 * @example isPlausibleMessageId("demo phish") // → false
 */
export function isPlausibleMessageId(text: string): boolean {
  const id = text.trim();
  const bracketed = id.startsWith("<") ? id : `<${id}>`;
  return id.length > 0 && id.length <= 998 && /^<[^<>\s]+>$/.test(bracketed);
}
