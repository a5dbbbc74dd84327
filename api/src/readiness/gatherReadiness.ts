// Gathers what readiness judges, from Microsoft 365 itself: the application permissions in the API's
// own tokens, the tenant's domains, how Exchange limits the app's mailbox access (and, when a policy
// restricts it, a tested mailbox per domain) and whether retention labels can be read. A probe that
// fails becomes a fact with the API's error code and message.
import type { TokenCredential } from "@azure/identity";
import { AppError } from "../errors.js";
import type { GraphDomain } from "../graph/graphTypes.js";
import { appAccessToken } from "../outbound/credential.js";
import type { Services } from "../services.js";
import { adminConsentUrl } from "./adminConsentUrl.js";
import { probe } from "./probe.js";
import { readPolicies, readRbacGrants } from "./readAppScope.js";
import type { DomainFact, ReadinessFacts } from "./readinessFacts.js";
import { readinessText } from "./readinessText.js";
import { testRestrictedScope } from "./testRestrictedScope.js";
import { tokenRoles } from "./tokenRoles.js";

async function ownRoles(credential: TokenCredential, scope: string, service: string): Promise<string[]> {
  const token = await appAccessToken(credential, scope, service);
  try {
    return tokenRoles(token);
  } catch (err) {
    throw new AppError(502, "UPSTREAM_AUTH", `The authority's token for ${service} could not be read.`, {
      cause: err,
    });
  }
}

function domainFact(domain: GraphDomain): DomainFact {
  return {
    id: domain.id,
    isVerified: domain.isVerified ?? false,
    isDefault: domain.isDefault ?? false,
    isInitial: domain.isInitial ?? false,
    supportedServices: domain.supportedServices ?? [],
  };
}

/**
 * Asks Microsoft 365 everything the readiness report needs. Probes run side by side; when the API can
 * get no token at all, the others are not tried (they would fail the same way).
 * @example const report = assessReadiness(await gatherReadiness(services));
 */
export async function gatherReadiness(services: Services): Promise<ReadinessFacts> {
  const { config } = services;
  const base = {
    checkedAt: new Date(services.now()).toISOString(),
    tenantId: config.TENANT_ID,
    clientId: config.API_CLIENT_ID,
    adminConsentUrl: adminConsentUrl(config),
  };
  const [graphRoles, exchangeRoles] = await Promise.all([
    probe(() => ownRoles(services.credential, config.GRAPH_SCOPE, "Microsoft Graph")),
    probe(() => ownRoles(services.credential, config.EXCHANGE_SCOPE, "the Exchange admin API")),
  ]);
  if (!graphRoles.ok && !exchangeRoles.ok) {
    const notChecked = { ok: false as const, code: "NOT_CHECKED", problem: readinessText.notChecked };
    return {
      ...base,
      signIn: graphRoles,
      graphRoles,
      exchangeRoles,
      domains: notChecked,
      accessPolicies: notChecked,
      rbacGrants: notChecked,
      scopeTests: [],
      retentionLabels: notChecked,
    };
  }
  const [domains, accessPolicies, rbacGrants, retentionLabels] = await Promise.all([
    probe(async () => (await services.graph.listDomains()).value.map(domainFact)),
    probe(() => readPolicies(services.exchange, config.API_CLIENT_ID)),
    probe(() => readRbacGrants(services.exchange, config.API_CLIENT_ID)),
    probe(
      async () =>
        (await services.compliance.invokeCommand("Get-ComplianceTag", {}, { select: ["Name"] })).value.length
    ),
  ]);
  return {
    ...base,
    signIn: { ok: true, value: true },
    graphRoles,
    exchangeRoles,
    domains,
    accessPolicies,
    rbacGrants,
    scopeTests: await testRestrictedScope(services, domains, accessPolicies),
    retentionLabels,
  };
}
