// Whether an address belongs to the tenant: its domain is one of the tenant's verified domains, a domain
// added but not verified, or outside the tenant. Only an exact domain counts: a subdomain of a verified
// domain is a different domain unless the tenant lists it too.

/** A domain of the tenant as GET /domains gives it (GraphDomain fits). */
export type TenantDomain = { id: string; isVerified?: boolean | null };

export type AddressClass =
  { kind: "verified" | "unverified" | "external"; domain: string } | { kind: "malformed"; domain: null };

/**
 * The address's domain in lower case, without a trailing dot; null when the text is not name@domain.
 * @example domainOf("Adele.Vance@Contoso.COM") // → "contoso.com"
 */
export function domainOf(address: string): string | null {
  const at = address.lastIndexOf("@");
  if (at <= 0) return null;
  const domain = address
    .slice(at + 1)
    .trim()
    .toLowerCase()
    .replace(/\.$/, "");
  return /^[^\s@.]+(\.[^\s@.]+)+$/u.test(domain) ? domain : null;
}

/**
 * Where an address stands against the tenant's domains (from Graph's GET /domains). A domain whose
 * verification is unknown counts as unverified, the side on which nothing is retracted.
 * @example classifyAddress("paul.rivera@contoso-europe.com", [{ id: "contoso-europe.com", isVerified: false }])
 *          // → { kind: "unverified", domain: "contoso-europe.com" }
 * @example classifyAddress("a@eu.contoso.com", [{ id: "contoso.com", isVerified: true }])
 *          // → { kind: "external", domain: "eu.contoso.com" }
 */
export function classifyAddress(address: string, domains: readonly TenantDomain[]): AddressClass {
  const domain = domainOf(address);
  if (domain === null) return { kind: "malformed", domain: null };
  const match = domains.find((d) => d.id.toLowerCase().replace(/\.$/, "") === domain);
  if (!match) return { kind: "external", domain };
  return { kind: match.isVerified === true ? "verified" : "unverified", domain };
}
