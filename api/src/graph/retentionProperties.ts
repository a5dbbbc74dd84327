// The MRM and Purview properties Exchange stamps on an item, as Graph returns them through
// singleValueExtendedProperties, decoded: the policy tag GUID (PR_POLICY_TAG, .NET little-endian
// bytes in base64), the retention period in days, the retention date, the flags and the label name.
import { eq, expandFiltered, or, type ODataExpand } from "./odataFilter.js";

export const retentionPropertyIds = {
  policyTag: "Binary 0x3019",
  retentionPeriod: "Integer 0x301A",
  retentionDate: "SystemTime 0x301C",
  retentionFlags: "Integer 0x301D",
  complianceTag: "String {403FC56B-CD30-47C5-86F8-EDE9E35A022B} Name ComplianceTag",
} as const;

export type RetentionProperties = {
  /** The retention tag's RetentionId (compare with Get-RetentionPolicyTag), lower-case. */
  policyTagId?: string;
  /** Days the item is kept; 0 means never expires. Present when a tag was applied to the item itself. */
  retentionPeriodDays?: number;
  /** ISO 8601 instant after which Exchange expires the item; absent: it never expires. */
  retentionDate?: string;
  /** PR_RETENTION_FLAGS bits (0x1 explicit tag, 0x8 personal tag, 0x20 keep in place...). */
  retentionFlags?: number;
  /** The Purview retention label's name. */
  complianceTag?: string;
};

/** The $expand that asks Graph for exactly these properties. */
export function retentionExpand(): ODataExpand {
  return expandFiltered(
    "singleValueExtendedProperties",
    or(...Object.values(retentionPropertyIds).map((id) => eq("id", id)))
  );
}

/**
 * A GUID from its 16 bytes in .NET's layout (first three groups little-endian), lower-case.
 * @example guidFromLittleEndian(Buffer.from("vOeWT7/5bUeFcqsS6j8h7g==", "base64")) // → "4f96e7bc-f9bf-476d-8572-ab12ea3f21ee"
 */
export function guidFromLittleEndian(bytes: Uint8Array): string | undefined {
  if (bytes.length < 16) return undefined;
  const hex = (indexes: number[]) => indexes.map((i) => bytes[i]!.toString(16).padStart(2, "0")).join("");
  return [hex([3, 2, 1, 0]), hex([5, 4]), hex([7, 6]), hex([8, 9]), hex([10, 11, 12, 13, 14, 15])].join("-");
}

const integer = (value: string): number | undefined => {
  const n = Number(value);
  return Number.isInteger(n) ? n : undefined;
};

/**
 * Decodes the properties Graph returned; ids are compared without regard to case (Graph answers with
 * lower-case hex, "Integer 0x301a"). Unknown or unreadable values are left out.
 * @example decodeRetentionProperties([{ id: "Integer 0x301a", value: "7" }]) // → { retentionPeriodDays: 7 }
 */
export function decodeRetentionProperties(
  properties: readonly { id?: string; value?: string | null }[] | undefined
): RetentionProperties {
  const out: RetentionProperties = {};
  const wanted = new Map(Object.entries(retentionPropertyIds).map(([name, id]) => [id.toLowerCase(), name]));
  for (const { id, value } of properties ?? []) {
    const name = id ? wanted.get(id.toLowerCase()) : undefined;
    if (!name || typeof value !== "string") continue;
    if (name === "policyTag") {
      const guid = guidFromLittleEndian(Buffer.from(value, "base64"));
      if (guid) out.policyTagId = guid;
    } else if (name === "retentionPeriod") {
      const days = integer(value);
      if (days !== undefined) out.retentionPeriodDays = days;
    } else if (name === "retentionFlags") {
      const flags = integer(value);
      if (flags !== undefined) out.retentionFlags = flags;
    } else if (name === "retentionDate") {
      const at = Date.parse(value);
      if (!Number.isNaN(at)) out.retentionDate = new Date(at).toISOString();
    } else if (name === "complianceTag") {
      out.complianceTag = value;
    }
  }
  return out;
}
