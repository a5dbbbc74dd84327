// The shape of GET /api/readiness: what the API holds and can reach in Microsoft 365, per domain whether
// retraction can work (the product's "Granted" column), and what an admin must do about the rest.
import { z } from "zod";

const check = z.object({
  ok: z.boolean(),
  /** Why not, in words; absent when ok. */
  problem: z.string().optional(),
});

const permissionSchema = z.object({
  api: z.enum(["Microsoft Graph", "Office 365 Exchange Online"]),
  name: z.string(),
  status: z
    .enum(["held", "missing", "unknown"])
    .describe(
      "unknown: what would show it (the API's token, or Exchange RBAC for Applications) could not be read"
    ),
  /** Where the grant comes from: an Entra ID application permission, or an Exchange RBAC for Applications role. */
  via: z.enum(["Entra ID", "Exchange RBAC for Applications"]).optional(),
  /** What was granted when it is not the permission itself: a broader permission, or the RBAC role. */
  heldAs: z.string().optional(),
  usedFor: z.string(),
  neededForRetraction: z.boolean(),
});

const domainSchema = z.object({
  id: z.string(),
  isVerified: z.boolean(),
  isDefault: z.boolean(),
  isInitial: z.boolean(),
  supportsEmail: z.boolean(),
  retraction: z.object({
    ready: z.boolean(),
    status: z.enum(["Granted", "Not ready"]),
    /** Which of the domain's mailboxes the app may open. */
    mailboxes: z.string(),
    /** Why it is not ready; empty when it is. */
    reasons: z.array(z.string()),
  }),
});

const rbacGrantSchema = z.object({
  roleName: z.string(),
  grantedPermissions: z.array(z.string()),
  allowedResourceScope: z.string(),
  scopeType: z.string(),
});

const policySchema = z.object({
  accessRight: z.string(),
  scopeName: z.string(),
  scopeIdentity: z.string(),
  description: z.string(),
});

export const readinessSchema = z.object({
  ready: z
    .boolean()
    .describe(
      "Retraction can work: the API signs in, holds every permission retraction needs, and at least one domain is ready"
    ),
  checkedAt: z.string(),
  application: z.object({ tenantId: z.string(), clientId: z.string(), adminConsentUrl: z.string() }),
  /** Each probe of Microsoft 365 and whether it answered. */
  checks: z.object({
    signIn: check,
    graphToken: check,
    exchangeToken: check,
    domains: check,
    mailboxScope: check,
    rbacForApplications: check,
    retentionLabels: check,
  }),
  /** The application permissions in the API's own app-only tokens (null: no token). */
  tokenRoles: z.object({ graph: z.array(z.string()).nullable(), exchange: z.array(z.string()).nullable() }),
  permissions: z.array(permissionSchema),
  domains: z.array(domainSchema),
  mailboxScope: z.object({
    checked: z.boolean(),
    /** Whether the mailboxes the app may open through Graph are limited (null: unknown). */
    restricted: z.boolean().nullable(),
    /** What decides the app's mailbox access: RBAC for Applications when it grants it, else application access policies. */
    mechanism: z.enum(["ApplicationAccessPolicy", "RBAC for Applications"]),
    /** The app's Exchange RBAC for Applications grants. */
    rbacGrants: z.array(rbacGrantSchema),
    policies: z.array(policySchema),
    /** Groups (or mailboxes) the app is restricted to (RestrictAccess). */
    restrictedTo: z.array(z.string()),
    /** Groups (or mailboxes) the app may not open (DenyAccess). */
    excluded: z.array(z.string()),
    summary: z.string(),
  }),
  retentionLabels: z.number().int().nullable(),
  /** What is missing or wrong, each as a sentence an admin can act on. */
  missing: z.array(z.string()),
});

export type Readiness = z.infer<typeof readinessSchema>;
export type DomainReadiness = z.infer<typeof domainSchema>;
export type PermissionReadiness = z.infer<typeof permissionSchema>;
export type MailboxScope = Readiness["mailboxScope"];
