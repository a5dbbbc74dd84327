// A hold's kind as a helpdesk person says it. A retention policy reads differently when it is set for
// the whole organization, and an exclusion is named as one so nobody mistakes it for a hold.
import type { MailboxHold } from "../../api/apiTypes";

const kindNames: Record<MailboxHold["kind"], string> = {
  LitigationHold: "Litigation Hold",
  InPlaceHold: "In-Place hold",
  eDiscoveryHold: "eDiscovery case hold",
  RetentionPolicy: "Purview retention policy",
  RetentionPolicyExclusion: "Excluded from a retention policy",
  RetentionLabel: "Retention label",
  DelayHold: "Delay hold",
};

/**
 * @example holdKindText({ kind: "RetentionPolicy", scope: "organization" }) // → "Purview retention policy (organization-wide)"
 */
export function holdKindText(hold: Pick<MailboxHold, "kind" | "scope">): string {
  const name = kindNames[hold.kind] ?? hold.kind;
  return hold.kind === "RetentionPolicy" && hold.scope === "organization"
    ? `${name} (organization-wide)`
    : name;
}
