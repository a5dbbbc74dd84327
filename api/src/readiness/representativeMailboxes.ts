// Chooses which mailboxes to test, per domain, when an application access policy restricts the app:
// a few members of the restricting groups whose address is in the domain.

/**
 * Up to `perDomain` addresses for each domain, taken in order from `addresses` (duplicates dropped);
 * a domain none of them is in maps to an empty list. Domains match exactly, ignoring case: a verified
 * parent domain does not cover its subdomains.
 * @example representativeMailboxes(["contoso.com", "fabrikam.com"], ["a@contoso.com", "b@Contoso.com"], 1)
 *          // → Map { "contoso.com" => ["a@contoso.com"], "fabrikam.com" => [] }
 */
export function representativeMailboxes(
  domains: readonly string[],
  addresses: readonly string[],
  perDomain = 3
): Map<string, string[]> {
  const picks = new Map<string, string[]>(domains.map((domain) => [domain, []]));
  const seen = new Set<string>();
  for (const address of addresses) {
    const key = address.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const domain = domains.find((d) => key.endsWith(`@${d.toLowerCase()}`));
    const chosen = domain === undefined ? undefined : picks.get(domain);
    if (chosen && chosen.length < perDomain) chosen.push(address);
  }
  return picks;
}
