// A Graph request as the route handlers see it, whether it came over HTTP or inside a $batch.
import type { Caller } from "../authority/verifyServiceToken.js";
import type { SimSettings } from "../settings.js";
import type { Tenant, User } from "../tenant/tenant.js";

export type GraphRequest = {
  method: string;
  /** The path after /v1.0, still percent-encoded (for nextLinks). */
  rawPath: string;
  /** Path segments, each percent-decoded on its own (ids may contain an encoded "/"). */
  segments: string[];
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: unknown;
};

export type GraphResult = { status: number; body?: unknown; headers?: Record<string, string> };

export type GraphContext = {
  tenant: Tenant;
  settings: SimSettings;
  caller: Caller;
  origin: string;
  now: number;
};

/** Each route needs one of these, granted by any of the application permissions listed. */
export const permissionGrants = {
  directoryRead: [
    "User.Read.All",
    "User.ReadWrite.All",
    "User.ReadBasic.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
  ],
  groupRead: [
    "GroupMember.Read.All",
    "Group.Read.All",
    "Group.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
  ],
  domainRead: ["Domain.Read.All", "Domain.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"],
  mailRead: ["Mail.Read", "Mail.ReadWrite", "Mail.ReadBasic.All", "Mail.ReadBasic"],
  mailWrite: ["Mail.ReadWrite"],
} as const;

export type Permission = keyof typeof permissionGrants;

export type Route = {
  method: "GET" | "POST" | "DELETE";
  /** Segments; ":name" captures one. */
  pattern: string[];
  permission: Permission;
  /** The ":user" segment names a mailbox: Outlook's errors, scope check and per-mailbox limits apply. */
  mailbox?: boolean;
  handle(
    ctx: GraphContext,
    req: GraphRequest,
    params: Record<string, string>,
    owner: User | undefined
  ): GraphResult;
};

export function route(
  method: Route["method"],
  path: string,
  permission: Permission,
  handle: Route["handle"],
  mailbox = false
): Route {
  return { method, pattern: path.split("/").filter(Boolean), permission, handle, mailbox };
}
