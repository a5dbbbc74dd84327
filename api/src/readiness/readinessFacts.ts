// What the readiness gatherer found out, before any judgement: each probe of Microsoft 365 either
// answered or failed with the API's error code and message, so one failing probe does not hide the others.

/** A probe's answer, or why there is none. */
export type Probe<T> = { ok: true; value: T } | { ok: false; code: string; problem: string };

export type DomainFact = {
  id: string;
  isVerified: boolean;
  isDefault: boolean;
  isInitial: boolean;
  supportedServices: string[];
};

/** One of the API app's ApplicationAccessPolicy entries (Get-ApplicationAccessPolicy). */
export type AccessPolicyFact = {
  accessRight: string;
  /** The scope group's (or mailbox's) display name. */
  scopeName: string;
  /** Its Exchange identity (alias). */
  scopeIdentity: string;
  /** Its Entra object id (the second half of ScopeIdentityRaw), when Exchange gave one. */
  scopeObjectId: string | null;
  description: string;
};

/**
 * One of the app's Exchange RBAC for Applications grants (Test-ServicePrincipalAuthorization without a
 * resource): the role, the permissions it grants and the scope they apply to.
 */
export type RbacGrantFact = {
  roleName: string;
  grantedPermissions: string[];
  /** "Organization", a management scope's name, or an administrative unit's id. */
  allowedResourceScope: string;
  /** "Organization", "CustomRecipientScope", "AdministrativeUnit"... */
  scopeType: string;
};

/**
 * Under a RestrictAccess policy, whether a mailbox of the domain is in the app's scope: the mailbox
 * tested (Test-ApplicationAccessPolicy) and Exchange's verdict, or null when no member of the scope
 * has an address in the domain.
 */
export type ScopeTestFact = {
  domain: string;
  test: Probe<{ mailbox: string; granted: boolean } | null>;
};

export type ReadinessFacts = {
  /** When the facts were gathered (ISO 8601). */
  checkedAt: string;
  tenantId: string;
  clientId: string;
  adminConsentUrl: string;
  /** Failed only when the API could get no token at all: its own credential or authority is wrong. */
  signIn: Probe<true>;
  /** The `roles` of the API's app-only tokens for Graph and for the Exchange admin API. */
  graphRoles: Probe<string[]>;
  exchangeRoles: Probe<string[]>;
  domains: Probe<DomainFact[]>;
  /** The API app's own policies (others' are left out). */
  accessPolicies: Probe<AccessPolicyFact[]>;
  /** The app's RBAC for Applications grants; empty when Exchange has no service principal for it. */
  rbacGrants: Probe<RbacGrantFact[]>;
  /** One per email domain when a RestrictAccess policy exists; empty otherwise. */
  scopeTests: ScopeTestFact[];
  /** How many retention labels Security & Compliance returned (Get-ComplianceTag). */
  retentionLabels: Probe<number>;
};
