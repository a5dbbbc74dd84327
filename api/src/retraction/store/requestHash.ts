// The fingerprint of a submitted retraction, compared when an Idempotency-Key comes back: equal
// requests give equal hashes however their JSON was written.
import { createHash } from "node:crypto";
import { canonicalJson } from "../../audit/canonicalJson.js";
import type { SubmitRequest } from "../retractionRequest.js";

/**
 * SHA-256 (hex) of the canonical JSON of the request, with the mailbox and the included addresses
 * lower-cased and the addresses sorted without duplicates: they name the same mailboxes in any case
 * and order.
 * @example requestHash({ ...request, include: ["B@contoso.com", "a@contoso.com"] })
 *   === requestHash({ ...request, include: ["a@contoso.com", "b@contoso.com"] }) // true
 */
export function requestHash(request: SubmitRequest): string {
  const include = [...new Set(request.include.map((address) => address.toLowerCase()))].sort();
  // Spread, so a field added to the request later is part of the fingerprint without a change here.
  const canonical = canonicalJson({ ...request, mailbox: request.mailbox.toLowerCase(), include });
  return createHash("sha256").update(canonical).digest("hex");
}
