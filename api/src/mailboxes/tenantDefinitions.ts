// The tenant's retention definitions, which change rarely and are shared by every mailbox: the
// organization's holds, retention policies and their tags, hold definitions (In-Place holds, eDiscovery
// case holds, Purview retention policies) and retention labels. Each is cached for a few minutes, so a
// burst of status requests costs Exchange one call per definition.
import type { ExchangeClient } from "../exchange/exchangeClient.js";
import type {
  ExchangeRetentionComplianceRule,
  ExchangeRetentionPolicy,
  ExchangeRetentionPolicyTag,
} from "../exchange/exchangeTypes.js";
import type { DecodedHold } from "../rules/inPlaceHolds.js";
import { AppError } from "../errors.js";
import { createTtlCache } from "./ttlCache.js";

/** A hold's definition in the rules' scenario format (inPlaceHoldDetails). */
export type HoldDefinition = {
  Identity: string;
  Name?: string | null;
  Query?: string | null;
  ItemHoldPeriod?: string | number | null;
  RetentionDuration?: string | number | null;
};

/** A retention label in the rules' scenario format (retentionLabels). */
export type LabelDefinition = {
  Name: string;
  RetentionDuration?: string | number | null;
  RetentionAction?: string | null;
};

/** A definition, or why it could not be read (the rules then assume the safe reading). */
export type Lookup<T> = { value: T | null; problem?: string };

export type TenantDefinitions = {
  /** Get-OrganizationConfig's InPlaceHolds: org-wide Purview policies and their exclusions. */
  organizationHolds(): Promise<string[]>;
  /** The tags linked to a retention policy (the tenant's default policy when `policyName` is empty). */
  retentionPolicyTags(
    policyName: string | null | undefined
  ): Promise<{ policy: string | null; tags: ExchangeRetentionPolicyTag[] }>;
  /** What a hold is (name, query, period), from the cmdlet that owns that kind of hold. */
  holdDefinition(hold: DecodedHold): Promise<Lookup<HoldDefinition>>;
  /** The tenant's retention labels (Get-ComplianceTag). */
  retentionLabels(): Promise<Lookup<LabelDefinition[]>>;
};

const definitionTtlMs = 10 * 60_000;

/** Holds of one definition (an org policy and a mailbox's exclusion from it) share a key, so it is read once. */
export function definitionKey(hold: DecodedHold): string {
  return `${hold.kind === "RetentionPolicyExclusion" ? "RetentionPolicy" : hold.kind}:${hold.guid}`;
}

/** Problems that leave one definition unknown without failing the whole answer. */
function unreadable(err: unknown): string | undefined {
  if (!(err instanceof AppError)) return undefined;
  if (err.code === "EXCHANGE_OBJECT_NOT_FOUND") return "its definition no longer exists";
  if (err.code === "EXCHANGE_FORBIDDEN") return "the API may not read its definition (see readiness)";
  if (err.code === "UPSTREAM_REJECTED") return `its definition could not be read: ${err.message}`;
  return undefined;
}

async function lookup<T>(read: () => Promise<T>): Promise<Lookup<T>> {
  try {
    return { value: await read() };
  } catch (err) {
    const problem = unreadable(err);
    if (problem === undefined) throw err;
    return { value: null, problem };
  }
}

/** "Unlimited", or days as Exchange's rules print them (a number or a numeric string). */
function ruleDuration(rules: ExchangeRetentionComplianceRule[]): string | number | null {
  const durations = rules.map((rule) => rule.RetentionDuration).filter((d) => d != null && d !== "");
  if (durations.some((d) => /^unlimited$/i.test(String(d)))) return "Unlimited";
  const days = durations.map(Number).filter(Number.isFinite);
  return days.length ? Math.max(...days) : null;
}

/** Several rules' queries as one: any rule without a query makes the hold cover everything. */
function combinedQuery(queries: (string | null | undefined)[]): string | null {
  if (queries.length === 0 || queries.some((q) => !q?.trim())) return null;
  return queries.length === 1 ? queries[0]! : queries.map((q) => `(${q})`).join(" OR ");
}

export function createTenantDefinitions(deps: {
  exchange: ExchangeClient;
  compliance: ExchangeClient;
  now: () => number;
}): TenantDefinitions {
  const { exchange, compliance, now } = deps;
  const cache = <V>() => createTtlCache<V>({ ttlMs: definitionTtlMs, now });
  const orgHolds = cache<string[]>();
  const policies = cache<ExchangeRetentionPolicy[]>();
  const tags = cache<ExchangeRetentionPolicyTag[]>();
  const holds = cache<Lookup<HoldDefinition>>();
  const labels = cache<Lookup<LabelDefinition[]>>();

  const allPolicies = () =>
    policies.get(
      "all",
      async () => (await exchange.invokeCommand<ExchangeRetentionPolicy>("Get-RetentionPolicy")).value
    );
  const allTags = () => tags.get("all", () => exchange.getRetentionPolicyTags());

  async function readHold(hold: DecodedHold): Promise<HoldDefinition> {
    switch (hold.kind) {
      case "InPlaceHold": {
        const search = await exchange.getMailboxSearch(hold.id);
        return {
          Identity: hold.raw,
          Name: search.Name ?? null,
          Query: search.SearchQuery ?? null,
          ItemHoldPeriod: search.ItemHoldPeriod ?? null,
        };
      }
      case "eDiscoveryHold": {
        const [policy, rules] = await Promise.all([
          compliance.getCaseHoldPolicy(hold.id),
          compliance.getCaseHoldRule(hold.id),
        ]);
        return {
          Identity: hold.raw,
          Name: policy.Name ?? null,
          Query: combinedQuery(rules.map((rule) => rule.ContentMatchQuery)),
        };
      }
      case "RetentionPolicy":
      case "RetentionPolicyExclusion": {
        const [policy, rules] = await Promise.all([
          compliance.getRetentionCompliancePolicy(hold.id),
          compliance.getRetentionComplianceRule(hold.id),
        ]);
        return {
          Identity: hold.raw,
          Name: policy.Name ?? null,
          Query: combinedQuery(rules.map((rule) => rule.ContentMatchQuery)),
          RetentionDuration: ruleDuration(rules),
        };
      }
    }
  }

  return {
    organizationHolds: () =>
      orgHolds.get("org", async () => (await exchange.getOrganizationConfig()).InPlaceHolds ?? []),

    async retentionPolicyTags(policyName) {
      const [known, tagList] = await Promise.all([allPolicies(), allTags()]);
      const wanted = policyName?.trim().toLowerCase();
      const policy = wanted
        ? known.find(
            (p) => p.Name?.toLowerCase() === wanted || String(p.Identity ?? "").toLowerCase() === wanted
          )
        : known.find((p) => p.IsDefault);
      if (!policy) return { policy: policyName?.trim() || null, tags: [] };
      const links = new Set((policy.RetentionPolicyTagLinks ?? []).map((link) => link.toLowerCase()));
      return {
        policy: policy.Name ?? null,
        tags: tagList.filter((tag) => links.has(String(tag.Name).toLowerCase())),
      };
    },

    holdDefinition: (hold) => holds.get(definitionKey(hold), () => lookup(() => readHold(hold))),

    retentionLabels: () =>
      labels.get("all", () =>
        lookup(async () =>
          (await compliance.invokeCommand<LabelDefinition>("Get-ComplianceTag")).value.map((label) => ({
            Name: label.Name,
            RetentionDuration: label.RetentionDuration ?? null,
            RetentionAction: label.RetentionAction ?? null,
          }))
        )
      ),
  };
}
