// Under a RestrictAccess application access policy, asks Exchange whether the app may open a mailbox of
// each email domain: a few members of the restricting groups per domain, tested with
// Test-ApplicationAccessPolicy (which also applies the app's DenyAccess policies).
import { AppError } from "../errors.js";
import type { ExchangeClient } from "../exchange/exchangeClient.js";
import type { GraphGateway } from "../graph/graphClient.js";
import type { Services } from "../services.js";
import { probe } from "./probe.js";
import type { AccessPolicyFact, DomainFact, Probe, ScopeTestFact } from "./readinessFacts.js";
import { representativeMailboxes } from "./representativeMailboxes.js";

/** Addresses of the users a RestrictAccess policy covers: a group's nested members, or the one mailbox it names. */
async function scopeMembers(graph: GraphGateway, policies: readonly AccessPolicyFact[]): Promise<string[]> {
  const addresses: string[] = [];
  for (const policy of policies) {
    if (!policy.scopeObjectId)
      throw new AppError(
        502,
        "UPSTREAM_REJECTED",
        `Exchange Online did not say which object the policy for ${policy.scopeName} covers.`
      );
    try {
      for await (const { value } of graph.transitiveMembers(policy.scopeObjectId))
        for (const member of value)
          if (member.kind === "user" && (member.mail ?? member.userPrincipalName))
            addresses.push((member.mail ?? member.userPrincipalName)!);
    } catch (err) {
      if (!(err instanceof AppError && err.code === "GROUP_NOT_FOUND")) throw err;
      const { value: user } = await graph.getUser(policy.scopeObjectId);
      if (user.mail ?? user.userPrincipalName) addresses.push((user.mail ?? user.userPrincipalName)!);
    }
  }
  return addresses;
}

/** Exchange's own verdict (Test-ApplicationAccessPolicy) for the first candidate it grants, else the last. */
async function testCandidates(
  exchange: ExchangeClient,
  candidates: readonly string[],
  clientId: string
): Promise<{ mailbox: string; granted: boolean } | null> {
  let last: { mailbox: string; granted: boolean } | null = null;
  for (const mailbox of candidates) {
    const { value } = await exchange.invokeCommand(
      "Test-ApplicationAccessPolicy",
      { Identity: mailbox, AppId: clientId },
      { idempotent: true }
    );
    last = {
      mailbox,
      granted: value.some((row) => String(row.AccessCheckResult).toLowerCase() === "granted"),
    };
    if (last.granted) return last;
  }
  return last;
}

/**
 * One test per email domain when a RestrictAccess policy exists; nothing to test otherwise.
 * @example await testRestrictedScope(services, domains, policies) // → [{ domain: "contoso.com", test: { ok: true, value: { mailbox: "emily.braun@contoso.com", granted: true } } }]
 */
export async function testRestrictedScope(
  services: Services,
  domains: Probe<DomainFact[]>,
  policies: Probe<AccessPolicyFact[]>
): Promise<ScopeTestFact[]> {
  if (!domains.ok || !policies.ok) return [];
  const restricting = policies.value.filter((p) => p.accessRight.toLowerCase() === "restrictaccess");
  if (restricting.length === 0) return [];
  const emailDomains = domains.value
    .filter((d) => d.isVerified && d.supportedServices.some((s) => s.toLowerCase() === "email"))
    .map((d) => d.id);
  const members = await probe(() => scopeMembers(services.graph, restricting));
  if (!members.ok) return emailDomains.map((domain) => ({ domain, test: members }));
  const picks = representativeMailboxes(emailDomains, members.value);
  return Promise.all(
    emailDomains.map(async (domain) => ({
      domain,
      test: await probe(() =>
        testCandidates(services.exchange, picks.get(domain) ?? [], services.config.API_CLIENT_ID)
      ),
    }))
  );
}
