// The cmdlets sim's Exchange admin API runs, with the property names and value formats Exchange Online
// prints (TimeSpans "14.00:00:00", quotas "30 GB (32,212,254,720 bytes)", dates with an offset).
// Hold details (Get-MailboxSearch, Get-CaseHold*, Get-RetentionCompliance*) come from the fixture's
// holdPolicies and retention labels (Get-ComplianceTag) from its retentionLabels; in Microsoft 365 those
// are Security & Compliance cmdlets on another host. The application access policy cmdlets read the
// fixture's applicationAccessPolicies and decide with the same rule Graph enforces; RBAC for Applications
// is not modelled, so Test-ServicePrincipalAuthorization finds no service principal.
import type { AccessPolicyFixture, RetentionLabelFixture } from "../fixtures/schema.js";
import { mailboxInScope } from "../tenant/applicationAccess.js";
import type { Mailbox, StoredMessage } from "../tenant/mailbox.js";
import type { Tenant, User } from "../tenant/tenant.js";
import { exchangeInstant, quota, timeSpanDays } from "../tenant/exchangeValues.js";
import { guidFrom } from "../ids.js";
import { invalidParameter, objectNotFound } from "./exchangeError.js";

export type Parameters = Record<string, unknown>;
type Cmdlet = (tenant: Tenant, parameters: Parameters) => Record<string, unknown>[];

function text(parameters: Parameters, name: string): string | undefined {
  const entry = Object.entries(parameters).find(([key]) => key.toLowerCase() === name.toLowerCase());
  return entry === undefined || entry[1] === null ? undefined : String(entry[1]);
}

function mailboxUsers(tenant: Tenant): User[] {
  return tenant.users.filter((u) => u.mailbox);
}

/** Get-Mailbox -Identity accepts a UPN, an SMTP address, the alias or either GUID. */
function findMailboxUser(tenant: Tenant, identity: string): User {
  const key = identity.toLowerCase();
  const user =
    tenant.user(identity) ??
    (tenant.resolveAddress(identity)?.kind === "user"
      ? (tenant.resolveAddress(identity) as User)
      : undefined) ??
    mailboxUsers(tenant).find(
      (u) => u.userPrincipalName.split("@")[0]!.toLowerCase() === key || u.mailbox!.exchangeGuid === key
    );
  if (!user?.mailbox) throw objectNotFound(identity);
  return user;
}

/**
 * Whether the mailbox is on hold: Litigation Hold, an In-Place or eDiscovery hold, a retention policy
 * that retains (:2, :3) on the mailbox or org-wide and not excluded (-mbx), a retention label hold or a
 * delay hold. Exclusions and delete-only (:1) policies keep nothing.
 */
function onHold(tenant: Tenant, s: Mailbox["settings"]): boolean {
  const retains = (entry: string) =>
    /^(unih|cld)/i.test(entry) ||
    /^[0-9a-f]{32}$/i.test(entry) ||
    /^(mbx|skp)[0-9a-f]{32}:[23]$/i.test(entry);
  const excluded = new Set(s.InPlaceHolds.filter((e) => e.startsWith("-")).map(holdGuid));
  const orgWide = tenant.fixture.organizationConfig.InPlaceHolds.some(
    (e) => /^mbx[0-9a-f]{32}:[23]$/i.test(e) && !excluded.has(holdGuid(e))
  );
  return (
    s.LitigationHoldEnabled ||
    s.InPlaceHolds.some(retains) ||
    orgWide ||
    s.ComplianceTagHoldApplied ||
    s.DelayHoldApplied ||
    s.DelayReleaseHoldApplied
  );
}

function mailboxObject(tenant: Tenant, user: User): Record<string, unknown> {
  const mailbox = user.mailbox!;
  const s = mailbox.settings;
  const held = onHold(tenant, s);
  const alias = user.userPrincipalName.split("@")[0]!;
  return {
    Name: alias,
    DisplayName: user.displayName,
    Alias: alias,
    Identity: alias,
    Guid: guidFrom(`mailbox-object:${user.id}`),
    UserPrincipalName: user.userPrincipalName,
    PrimarySmtpAddress: user.mail,
    EmailAddresses: [...user.proxyAddresses.slice(1), user.proxyAddresses[0]],
    ExchangeGuid: mailbox.exchangeGuid,
    ExternalDirectoryObjectId: user.id,
    RecipientTypeDetails: s.RecipientTypeDetails,
    WhenMailboxCreated: exchangeInstant(mailbox.createdAt - 400 * 86_400_000),
    LitigationHoldEnabled: s.LitigationHoldEnabled,
    LitigationHoldDate: exchangeInstant(s.LitigationHoldDate),
    LitigationHoldOwner: s.LitigationHoldOwner,
    LitigationHoldDuration: s.LitigationHoldDuration,
    InPlaceHolds: s.InPlaceHolds,
    RetentionHoldEnabled: s.RetentionHoldEnabled,
    StartDateForRetentionHold: exchangeInstant(s.StartDateForRetentionHold),
    EndDateForRetentionHold: exchangeInstant(s.EndDateForRetentionHold),
    RetentionComment: s.RetentionComment,
    RetentionUrl: "",
    SingleItemRecoveryEnabled: s.SingleItemRecoveryEnabled,
    RetainDeletedItemsFor: s.RetainDeletedItemsFor,
    ElcProcessingDisabled: s.ElcProcessingDisabled,
    ComplianceTagHoldApplied: s.ComplianceTagHoldApplied,
    DelayHoldApplied: s.DelayHoldApplied,
    DelayReleaseHoldApplied: s.DelayReleaseHoldApplied,
    WasInactiveMailbox: false,
    RetentionPolicy: s.RetentionPolicy,
    // Exchange raises the Recoverable Items quota for mailboxes on hold.
    RecoverableItemsQuota: quota(held ? 100 : 30),
    RecoverableItemsWarningQuota: quota(held ? 90 : 20),
  };
}

function tagObject(tag: Tenant["retentionTags"][number]): Record<string, unknown> {
  return {
    Name: tag.Name,
    Identity: tag.Name,
    Guid: guidFrom(`tag-object:${tag.Name}`),
    RetentionId: tag.RetentionId,
    Type: tag.Type,
    AgeLimitForRetention: tag.AgeLimitForRetention,
    RetentionAction: tag.RetentionAction,
    RetentionEnabled: tag.RetentionEnabled,
    Comment: tag.Comment,
    IsDefaultAutoGroupPolicyTag: false,
    SystemTag: false,
  };
}

const recoverableFolderTypes: Record<string, string> = {
  recoverableitemsroot: "RecoverableItemsRoot",
  recoverableitemsdeletions: "RecoverableItemsDeletions",
  recoverableitemspurges: "RecoverableItemsPurges",
  recoverableitemsversions: "RecoverableItemsVersions",
  recoverableitemsdiscoveryholds: "RecoverableItemsDiscoveryHolds",
};

function size(bytes: number): string {
  const kb = bytes / 1024;
  const shown = kb < 1024 ? `${kb.toFixed(1)} KB` : `${(kb / 1024).toFixed(1)} MB`;
  return `${shown} (${bytes.toLocaleString("en-US")} bytes)`;
}

/** Whether folder `id` is `ancestor` or lies below it. */
function isWithin(mailbox: Mailbox, id: string | null, ancestor: string): boolean {
  for (
    let f = id ? mailbox.folders.get(id) : undefined;
    f;
    f = f.parentId ? mailbox.folders.get(f.parentId) : undefined
  )
    if (f.id === ancestor) return true;
  return false;
}

function folderStatistics(user: User, scope: string | undefined): Record<string, unknown>[] {
  const mailbox: Mailbox = user.mailbox!;
  const folders = [...mailbox.folders.values()].filter((f) =>
    scope?.toLowerCase() === "recoverableitems"
      ? f.kind === "recoverable"
      : scope === undefined || scope.toLowerCase() === "all"
  );
  const pathOf = (id: string | null): string => {
    const folder = id ? mailbox.folders.get(id) : undefined;
    if (!folder) return "";
    if (folder.wellKnownName === "msgfolderroot") return "";
    return `${pathOf(folder.parentId)}/${folder.displayName}`;
  };
  return folders
    .filter((f) => f.wellKnownName !== "msgfolderroot")
    .map((folder) => {
      const bytesOf = (list: StoredMessage[]) =>
        list.reduce((sum, m) => sum + 2048 + m.definition.body.length, 0);
      const items = [...mailbox.messages.values()].filter((m) => m.folderId === folder.id);
      const subtree = [...mailbox.messages.values()].filter((m) => isWithin(mailbox, m.folderId, folder.id));
      const bytes = bytesOf(items);
      return {
        Name: folder.displayName,
        FolderPath: pathOf(folder.id),
        FolderType:
          (folder.wellKnownName && recoverableFolderTypes[folder.wellKnownName]) ??
          (folder.wellKnownName ? folder.displayName.replace(/ /g, "") : "User Created"),
        Identity: `${user.userPrincipalName.split("@")[0]}\\${folder.displayName}`,
        ItemsInFolder: items.length,
        FolderSize: size(bytes),
        ItemsInFolderAndSubfolders: subtree.length,
        FolderAndSubfolderSize: size(bytesOf(subtree)),
      };
    });
}

/** A hold's GUID as the S&C cmdlets take it: without its UniH/cld/mbx prefix and :n suffix. */
function holdGuid(identity: string): string {
  return identity
    .replace(/^-?(unih|cld|mbx|skp|grp)/i, "")
    .replace(/:\d$/, "")
    .replace(/-/g, "")
    .toLowerCase();
}

function findHold(tenant: Tenant, identity: string, kinds: RegExp) {
  const wanted = holdGuid(identity);
  const hold = tenant.fixture.holdPolicies.find(
    (h) => kinds.test(h.Identity) && holdGuid(h.Identity) === wanted
  );
  if (!hold) throw objectNotFound(identity);
  return hold;
}

/**
 * A Windows SID as Exchange shows a recipient's: the tenant's domain SID (one per tenant, as in the
 * samples Microsoft's cmdlets print) and a relative id derived from the object's id.
 */
function securityIdentifier(tenant: Tenant, objectId: string): string {
  const domain = guidFrom(`domain-sid:${tenant.id}`).replace(/-/g, "");
  const part = (i: number) => parseInt(domain.slice(i * 8, i * 8 + 8), 16);
  const rid = parseInt(guidFrom(`rid:${objectId}`).replace(/-/g, "").slice(0, 7), 16);
  return `S-1-5-21-${part(0)}-${part(1)}-${part(2)}-${rid}`;
}

/** Get-ApplicationAccessPolicy's object: the scope is named by display name, alias, and SID;object id. */
function accessPolicyObject(tenant: Tenant, policy: AccessPolicyFixture): Record<string, unknown> {
  // buildTenant refuses a fixture whose policy names no group or mailbox.
  const scope = tenant.resolveAddress(policy.policyScopeGroupId)!;
  const sid = securityIdentifier(tenant, scope.id);
  const raw = `${sid};${scope.id}`;
  return {
    ScopeName: scope.displayName,
    ScopeIdentity: scope.mail.split("@")[0],
    Identity: `${tenant.id}\\${policy.appId}:${raw}`,
    AppId: policy.appId,
    ScopeIdentityRaw: raw,
    Description:
      policy.description ??
      `AppId: ${policy.appId};\nScopeIdentitySid: ${sid};\nScopeIdentityOid: ${scope.id};\nAccessRight: ${policy.accessRight}; ShardType: All`,
    AccessRight: policy.accessRight,
    ShardType: "All",
    IsValid: true,
    ObjectState: "Unchanged",
  };
}

function labelObject(label: RetentionLabelFixture, priority: number): Record<string, unknown> {
  const guid = label.Guid ?? guidFrom(`label:${label.Name}`);
  return {
    Name: label.Name,
    Identity: guid,
    Guid: guid,
    Priority: priority,
    Comment: label.Comment,
    IsRecordLabel: label.IsRecordLabel,
    Regulatory: label.Regulatory,
    RetentionAction: label.RetentionAction,
    RetentionDuration: label.RetentionDuration,
    RetentionType: label.RetentionType,
    Workload: "Exchange, SharePoint, OneDriveForBusiness, ModernGroup",
    Policy: "",
    Mode: "Enforce",
    Disabled: false,
  };
}

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const required = (parameters: Parameters, name: string, cmdlet: string): string => {
  const value = text(parameters, name);
  if (value === undefined) throw invalidParameter(`${cmdlet}: the parameter '${name}' is required.`);
  return value;
};

export const cmdlets: Record<string, Cmdlet> = {
  "get-mailbox": (tenant, p) => {
    const identity = text(p, "Identity");
    return identity
      ? [mailboxObject(tenant, findMailboxUser(tenant, identity))]
      : mailboxUsers(tenant).map((u) => mailboxObject(tenant, u));
  },
  "get-organizationconfig": (tenant) => [
    {
      Name: tenant.fixture.tenant.displayName,
      DisplayName: tenant.fixture.tenant.displayName,
      Identity: tenant.fixture.tenant.displayName,
      Guid: tenant.id,
      InPlaceHolds: tenant.fixture.organizationConfig.InPlaceHolds,
      ElcProcessingDisabled: false,
    },
  ],
  "get-retentionpolicy": (tenant, p) => {
    const identity = text(p, "Identity");
    const policies = tenant.fixture.retentionPolicies.filter(
      (r) => !identity || r.Name.toLowerCase() === identity.toLowerCase()
    );
    if (identity && policies.length === 0) throw objectNotFound(identity);
    return policies.map((r) => ({
      Name: r.Name,
      Identity: r.Name,
      Guid: guidFrom(`policy:${r.Name}`),
      IsDefault: r.IsDefault,
      RetentionPolicyTagLinks: r.RetentionPolicyTagLinks,
      RetentionId: guidFrom(`policy-retention:${r.Name}`),
    }));
  },
  "get-retentionpolicytag": (tenant, p) => {
    const identity = text(p, "Identity");
    const mailboxIdentity = text(p, "Mailbox");
    let tags = tenant.retentionTags;
    if (mailboxIdentity) {
      const policy = findMailboxUser(tenant, mailboxIdentity).mailbox!.settings.RetentionPolicy;
      const links =
        tenant.fixture.retentionPolicies.find((r) => r.Name === policy)?.RetentionPolicyTagLinks ?? [];
      tags = tags.filter((t) => links.includes(t.Name));
    }
    if (identity) {
      tags = tags.filter(
        (t) => t.Name.toLowerCase() === identity.toLowerCase() || t.RetentionId === identity.toLowerCase()
      );
      if (tags.length === 0) throw objectNotFound(identity);
    }
    return tags.map(tagObject);
  },
  "get-mailboxfolderstatistics": (tenant, p) =>
    folderStatistics(
      findMailboxUser(tenant, required(p, "Identity", "Get-MailboxFolderStatistics")),
      text(p, "FolderScope")
    ),
  "get-mailboxsearch": (tenant, p) => {
    const hold = findHold(
      tenant,
      required(p, "InPlaceHoldIdentity", "Get-MailboxSearch"),
      /^(cld)?[0-9a-f]{32}$/i
    );
    return [
      {
        Name: hold.Name,
        InPlaceHoldIdentity: hold.Identity,
        InPlaceHoldEnabled: true,
        SearchQuery: hold.Query,
        ItemHoldPeriod: hold.ItemHoldPeriod ?? "Unlimited",
      },
    ];
  },
  "get-caseholdpolicy": (tenant, p) => {
    const hold = findHold(tenant, required(p, "Identity", "Get-CaseHoldPolicy"), /^UniH/i);
    return [{ Name: hold.Name, Guid: hold.Identity.replace(/^UniH/i, ""), Enabled: true, Mode: "Enforce" }];
  },
  "get-caseholdrule": (tenant, p) => {
    const hold = findHold(tenant, required(p, "Policy", "Get-CaseHoldRule"), /^UniH/i);
    return [
      {
        Name: `${hold.Name} rule`,
        Policy: hold.Identity.replace(/^UniH/i, ""),
        ContentMatchQuery: hold.Query,
        Disabled: false,
      },
    ];
  },
  "get-retentioncompliancepolicy": (tenant, p) => {
    const hold = findHold(
      tenant,
      required(p, "Identity", "Get-RetentionCompliancePolicy"),
      /^(mbx|skp|grp)/i
    );
    return [{ Name: hold.Name, Guid: holdGuid(hold.Identity), Enabled: true, Mode: "Enforce" }];
  },
  "get-retentioncompliancerule": (tenant, p) => {
    const hold = findHold(tenant, required(p, "Policy", "Get-RetentionComplianceRule"), /^(mbx|skp|grp)/i);
    const action = { "1": "Delete", "2": "Keep", "3": "KeepAndDelete" }[hold.Identity.slice(-1)] ?? "Keep";
    const days = hold.RetentionDuration ? timeSpanDays(hold.RetentionDuration) : undefined;
    return [
      {
        Name: `${hold.Name} rule`,
        Policy: holdGuid(hold.Identity),
        RetentionComplianceAction: action,
        RetentionDuration: days ?? "Unlimited",
        ContentMatchQuery: hold.Query,
      },
    ];
  },
  "get-applicationaccesspolicy": (tenant, p) => {
    const identity = text(p, "Identity");
    const rows = tenant.fixture.applicationAccessPolicies.map((policy) => accessPolicyObject(tenant, policy));
    if (identity === undefined) return rows;
    const found = rows.filter((row) => String(row.Identity).toLowerCase() === identity.toLowerCase());
    if (found.length === 0) throw objectNotFound(identity);
    return found;
  },
  // Answers as Exchange decides for Graph (mailboxInScope: DenyAccess wins, then RestrictAccess).
  "test-applicationaccesspolicy": (tenant, p) => {
    const user = findMailboxUser(tenant, required(p, "Identity", "Test-ApplicationAccessPolicy"));
    const appIds = required(p, "AppId", "Test-ApplicationAccessPolicy")
      .split(",")
      .map((id) => id.trim())
      .filter(Boolean);
    const wrong = appIds.find((id) => !guidPattern.test(id));
    if (appIds.length === 0 || wrong !== undefined)
      throw invalidParameter(
        `Test-ApplicationAccessPolicy: the AppId '${wrong ?? ""}' is not an application's GUID.`
      );
    return appIds.map((appId) => ({
      AppId: appId,
      Mailbox: user.userPrincipalName.split("@")[0],
      MailboxId: guidFrom(`mailbox-object:${user.id}`),
      MailboxSid: securityIdentifier(tenant, user.id),
      AccessCheckResult: mailboxInScope(tenant, appId, user) ? "Granted" : "Denied",
    }));
  },
  // RBAC for Applications is not modelled (application access policies stand for it), so no app has an
  // Exchange service principal: Exchange answers for an unknown one.
  "test-serviceprincipalauthorization": (_tenant, p) => {
    throw objectNotFound(required(p, "Identity", "Test-ServicePrincipalAuthorization"));
  },
  "get-compliancetag": (tenant, p) => {
    const identity = text(p, "Identity")?.toLowerCase();
    const labels = tenant.fixture.retentionLabels
      .map(labelObject)
      .filter(
        (l) => identity === undefined || [l.Name, l.Guid].some((v) => String(v).toLowerCase() === identity)
      );
    if (identity !== undefined && labels.length === 0) throw objectNotFound(text(p, "Identity")!);
    return labels;
  },
};
