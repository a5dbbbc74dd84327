// The simulated tenant in memory: directory (domains, users, groups, applications), Exchange settings
// (retention tags and policies, holds) and mailboxes. Built once from a fixture; mailboxes change as
// clients move and delete messages.
import type { ApplicationFixture, TenantFixture, RetentionTagFixture } from "../fixtures/schema.js";
import type { Mailbox, MessageDefinition } from "./mailbox.js";

export type User = {
  kind: "user";
  id: string;
  userPrincipalName: string;
  displayName: string;
  mail: string;
  proxyAddresses: string[];
  givenName: string | undefined;
  surname: string | undefined;
  jobTitle: string | undefined;
  department: string | undefined;
  appRoles: string[];
  mailbox: Mailbox | undefined;
};

export type Group = {
  kind: "group";
  id: string;
  displayName: string;
  mail: string;
  groupKind: "distribution" | "security" | "unified";
  proxyAddresses: string[];
  members: (User | Group)[];
};

export type DirectoryObject = User | Group;

export type ActivityEntry = {
  at: string;
  appId: string;
  mailbox: string;
  operation: string;
  internetMessageId: string;
  from: string;
  to: string;
};

const activityLimit = 500;

export class Tenant {
  readonly usersById = new Map<string, User>();
  readonly groupsById = new Map<string, Group>();
  readonly byAddress = new Map<string, DirectoryObject>();
  readonly byUpn = new Map<string, User>();
  readonly definitions = new Map<string, MessageDefinition>();
  readonly applications = new Map<string, ApplicationFixture>();
  /** The most recent changes to mailboxes, newest last, for the inspection view. */
  readonly activity: ActivityEntry[] = [];
  private readonly memberIdCache = new Map<string, ReadonlySet<string>>();

  constructor(
    readonly fixture: Pick<
      TenantFixture,
      | "tenant"
      | "domains"
      | "applicationAccessPolicies"
      | "organizationConfig"
      | "retentionPolicies"
      | "holdPolicies"
      | "retentionLabels"
    >,
    readonly retentionTags: (RetentionTagFixture & { RetentionId: string })[],
    readonly loadedAt: number
  ) {}

  get id(): string {
    return this.fixture.tenant.id;
  }

  get users(): User[] {
    return [...this.usersById.values()];
  }

  get groups(): Group[] {
    return [...this.groupsById.values()];
  }

  addUser(user: User): void {
    this.usersById.set(user.id.toLowerCase(), user);
    this.byUpn.set(user.userPrincipalName.toLowerCase(), user);
    this.indexAddresses(user);
  }

  addGroup(group: Group): void {
    this.groupsById.set(group.id.toLowerCase(), group);
    this.indexAddresses(group);
  }

  /** A user by object id or user principal name, as Graph's `/users/{id | userPrincipalName}`. */
  user(reference: string): User | undefined {
    const key = reference.toLowerCase();
    return this.usersById.get(key) ?? this.byUpn.get(key);
  }

  /** The user or group an SMTP address (primary or proxy) belongs to. */
  resolveAddress(address: string): DirectoryObject | undefined {
    return this.byAddress.get(address.toLowerCase());
  }

  /** Ids of every nested member of a group, computed once (the tenant's groups do not change). */
  memberIds(group: Group): ReadonlySet<string> {
    let ids = this.memberIdCache.get(group.id);
    if (!ids) {
      ids = new Set(this.transitiveMembers(group).map((m) => m.id));
      this.memberIdCache.set(group.id, ids);
    }
    return ids;
  }

  /** Every nested member of a group, each once, groups included (Graph's transitiveMembers). */
  transitiveMembers(group: Group): DirectoryObject[] {
    const seen = new Set<string>([group.id]);
    const found: DirectoryObject[] = [];
    const visit = (g: Group) => {
      for (const member of g.members) {
        if (seen.has(member.id)) continue;
        seen.add(member.id);
        found.push(member);
        if (member.kind === "group") visit(member);
      }
    };
    visit(group);
    return found;
  }

  /** Writes (moves, deletions) per mailbox and Internet Message-ID, for every write ever made. */
  readonly writesPerCopy = new Map<string, number>();

  record(entry: Omit<ActivityEntry, "at">, now: number): void {
    const key = `${entry.mailbox.toLowerCase()} ${entry.internetMessageId}`;
    this.writesPerCopy.set(key, (this.writesPerCopy.get(key) ?? 0) + 1);
    this.activity.push({ at: new Date(now).toISOString(), ...entry });
    if (this.activity.length > activityLimit) this.activity.splice(0, this.activity.length - activityLimit);
  }

  private indexAddresses(object: DirectoryObject): void {
    for (const proxy of object.proxyAddresses) {
      const address = proxy.replace(/^smtp:/i, "").toLowerCase();
      if (this.byAddress.has(address)) throw new Error(`the address ${address} belongs to two objects`);
      this.byAddress.set(address, object);
    }
  }
}

/** The retention tag a folder or item names, if the tenant has it. */
export function findTag(
  tenant: Tenant,
  name: string | undefined
): Tenant["retentionTags"][number] | undefined {
  return name === undefined ? undefined : tenant.retentionTags.find((t) => t.Name === name);
}
