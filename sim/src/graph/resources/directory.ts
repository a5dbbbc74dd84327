// Graph's directory resources (user, group, domain) and what each supports in queries.
import type { Group, Tenant, User } from "../../tenant/tenant.js";
import type { ResourceSpec } from "../odata/queryOptions.js";

const userDefaults = [
  "businessPhones",
  "displayName",
  "givenName",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
];

export const userSpec: ResourceSpec = {
  typeName: "microsoft.graph.user",
  defaults: userDefaults,
  selectable: new Set([
    "id",
    ...userDefaults,
    "proxyAddresses",
    "department",
    "accountEnabled",
    "userType",
    "mailNickname",
  ]),
  filterable: new Set([
    "id",
    "mail",
    "userPrincipalName",
    "proxyAddresses",
    "displayName",
    "department",
    "accountEnabled",
  ]),
  expandable: new Set(),
  defaultPageSize: 100,
  maxTop: 999,
};

export const groupSpec: ResourceSpec = {
  typeName: "microsoft.graph.group",
  defaults: [
    "displayName",
    "mail",
    "mailEnabled",
    "mailNickname",
    "securityEnabled",
    "groupTypes",
    "description",
  ],
  selectable: new Set([
    "id",
    "displayName",
    "mail",
    "mailEnabled",
    "mailNickname",
    "securityEnabled",
    "groupTypes",
    "description",
    "proxyAddresses",
  ]),
  filterable: new Set(["id", "mail", "displayName", "proxyAddresses", "mailEnabled", "securityEnabled"]),
  expandable: new Set(),
  defaultPageSize: 100,
  maxTop: 999,
};

/** transitiveMembers mixes users and groups; both kinds' properties may be selected. */
export const memberSpec: ResourceSpec = {
  ...userSpec,
  typeName: "microsoft.graph.directoryObject",
  selectable: new Set([...userSpec.selectable, ...groupSpec.selectable]),
  filterable: new Set([...userSpec.filterable, ...groupSpec.filterable]),
};

const domainDefaults = [
  "authenticationType",
  "availabilityStatus",
  "isAdminManaged",
  "isDefault",
  "isInitial",
  "isRoot",
  "isVerified",
  "supportedServices",
  "passwordValidityPeriodInDays",
  "passwordNotificationWindowInDays",
  "state",
];

export const domainSpec: ResourceSpec = {
  typeName: "microsoft.graph.domain",
  defaults: domainDefaults,
  selectable: new Set(["id", ...domainDefaults]),
  filterable: new Set(["id", "isVerified", "isDefault"]),
  expandable: new Set(),
  defaultPageSize: 100,
  maxTop: 999,
};

export function userResource(user: User): Record<string, unknown> {
  return {
    id: user.id,
    businessPhones: [],
    displayName: user.displayName,
    givenName: user.givenName ?? null,
    jobTitle: user.jobTitle ?? null,
    mail: user.mail,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: "en-US",
    surname: user.surname ?? null,
    userPrincipalName: user.userPrincipalName,
    proxyAddresses: user.proxyAddresses,
    department: user.department ?? null,
    accountEnabled: true,
    userType: "Member",
    mailNickname: user.userPrincipalName.split("@")[0],
  };
}

export function groupResource(group: Group): Record<string, unknown> {
  return {
    id: group.id,
    displayName: group.displayName,
    description: null,
    mail: group.mail,
    mailEnabled: true,
    mailNickname: group.mail.split("@")[0],
    securityEnabled: group.groupKind === "security",
    groupTypes: group.groupKind === "unified" ? ["Unified"] : [],
    proxyAddresses: group.proxyAddresses,
  };
}

export function domainResources(tenant: Tenant): Record<string, unknown>[] {
  const ids = tenant.fixture.domains.map((d) => d.id.toLowerCase());
  return tenant.fixture.domains.map((domain) => ({
    id: domain.id,
    authenticationType: domain.authenticationType,
    availabilityStatus: null,
    isAdminManaged: true,
    isDefault: domain.isDefault,
    isInitial: domain.isInitial,
    // A subdomain of another domain in the tenant is not a root domain.
    isRoot: !ids.some((other) => domain.id.toLowerCase().endsWith(`.${other}`)),
    isVerified: domain.isVerified,
    supportedServices: domain.supportedServices,
    passwordValidityPeriodInDays: 2147483647,
    passwordNotificationWindowInDays: 14,
    state: null,
  }));
}
