// The resources an app can ask the authority for tokens to: Microsoft Graph, the Exchange Online admin
// API, or an API app registered in the tenant (the companion API).
import type { ApplicationFixture } from "../fixtures/schema.js";
import type { Tenant } from "../tenant/tenant.js";

export type Resource =
  | { kind: "graph"; audience: string }
  | { kind: "exchange"; audience: string }
  | { kind: "app"; audience: string; app: ApplicationFixture };

export const graphAudience = "https://graph.microsoft.com";
export const exchangeAudience = "https://outlook.office365.com";

const wellKnown: Record<string, Resource> = {
  "https://graph.microsoft.com": { kind: "graph", audience: graphAudience },
  "00000003-0000-0000-c000-000000000000": { kind: "graph", audience: graphAudience },
  "https://outlook.office365.com": { kind: "exchange", audience: exchangeAudience },
  "https://outlook.office.com": { kind: "exchange", audience: exchangeAudience },
  "00000002-0000-0ff1-ce00-000000000000": { kind: "exchange", audience: exchangeAudience },
};

/** The resource an identifier (App ID URI or app id) names, if it exists in the tenant. */
export function findResource(tenant: Tenant, identifier: string): Resource | undefined {
  const key = identifier.replace(/\/+$/, "");
  const known = wellKnown[key.toLowerCase()];
  if (known) return known;
  for (const app of tenant.applications.values()) {
    if (app.identifierUri === key || app.appId.toLowerCase() === key.toLowerCase())
      return { kind: "app", audience: app.appId, app };
  }
  return undefined;
}

/** Splits "api://x/access_as_user" or "https://graph.microsoft.com/.default" into resource and scope. */
export function splitScope(scope: string): { resource: string; name: string } {
  const slash = scope.lastIndexOf("/");
  if (slash < 0) return { resource: graphAudience, name: scope };
  return { resource: scope.slice(0, slash), name: scope.slice(slash + 1) };
}

/** OpenID Connect scopes, which name no resource. */
export const oidcScopes = new Set(["openid", "profile", "email", "offline_access"]);
