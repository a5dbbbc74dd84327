// Decodes the entries of Get-Mailbox / Get-OrganizationConfig `InPlaceHolds` into what each one is.
import { unexpectedValue } from "./exchangeValues.js";

export type HoldKind =
  | "InPlaceHold" // legacy In-Place Hold: a bare GUID or `cld<guid>`
  | "eDiscoveryHold" // eDiscovery case hold: `UniH<guid>`
  | "RetentionPolicy" // Purview retention policy: `mbx<guid>:n` (mailbox), `skp<guid>:n` (Skype), `grp<guid>:n` (groups)
  | "RetentionPolicyExclusion"; // `-mbx<guid>`: this mailbox is excluded from that org-wide policy

/** What a Purview retention policy does, from its `:n` suffix. */
export type PolicyAction = "deleteOnly" | "retainOnly" | "retainThenDelete";

export type PolicyWorkload = "exchange" | "skype" | "groups";

export type DecodedHold = {
  raw: string;
  kind: HoldKind;
  /** The GUID as Exchange's lookup cmdlets want it (`cld` kept for Get-MailboxSearch, prefix/suffix dropped otherwise). */
  id: string;
  /** The bare GUID, for matching details and exclusions. */
  guid: string;
  workload?: PolicyWorkload;
  action?: PolicyAction;
};

const hex32 = "[0-9a-f]{32}";
const dashed = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const actions: Record<string, PolicyAction> = {
  "1": "deleteOnly",
  "2": "retainOnly",
  "3": "retainThenDelete",
};
const workloads: Record<string, PolicyWorkload> = { mbx: "exchange", skp: "skype", grp: "groups" };

const patterns: { pattern: RegExp; decode: (m: RegExpExecArray, raw: string) => DecodedHold }[] = [
  {
    pattern: new RegExp(`^UniH(${dashed}|${hex32})$`, "i"),
    decode: (m, raw) => ({ raw, kind: "eDiscoveryHold", id: m[1]!, guid: bare(m[1]!) }),
  },
  {
    pattern: new RegExp(`^-mbx(${hex32})$`, "i"),
    decode: (m, raw) => ({
      raw,
      kind: "RetentionPolicyExclusion",
      id: m[1]!,
      guid: bare(m[1]!),
      workload: "exchange",
    }),
  },
  {
    pattern: new RegExp(`^(mbx|skp|grp)(${hex32})(?::([123]))?$`, "i"),
    decode: (m, raw) => ({
      raw,
      kind: "RetentionPolicy",
      id: m[2]!,
      guid: bare(m[2]!),
      workload: workloads[m[1]!.toLowerCase()]!,
      // Without a suffix Exchange has not said; treat it as retaining (the safe reading for a hold).
      action: actions[m[3] ?? "2"]!,
    }),
  },
  {
    pattern: new RegExp(`^(cld)?(${hex32}|${dashed})$`, "i"),
    decode: (m, raw) => ({ raw, kind: "InPlaceHold", id: raw, guid: bare(m[2]!) }),
  },
];

function bare(guid: string): string {
  return guid.replace(/-/g, "").toLowerCase();
}

/**
 * Decodes one InPlaceHolds entry; rejects values that are none of Exchange's formats.
 * @example decodeInPlaceHold("mbxcdbbb86ce60342489bff371876e7f224:1", "mailbox.InPlaceHolds[0]")
 * // → { kind: "RetentionPolicy", workload: "exchange", action: "deleteOnly", guid: "cdbbb86c…", … }
 * @example decodeInPlaceHold("UniH7d895d48-7e23-4a8d-8346-533c3beac15d", "mailbox.InPlaceHolds[1]")
 * // → { kind: "eDiscoveryHold", id: "7d895d48-7e23-4a8d-8346-533c3beac15d", … }
 */
export function decodeInPlaceHold(value: string, field: string): DecodedHold {
  const text = value.trim();
  for (const { pattern, decode } of patterns) {
    const match = pattern.exec(text);
    if (match) return decode(match, text);
  }
  throw unexpectedValue(
    field,
    "an InPlaceHolds entry (a GUID, cld<guid>, UniH<guid>, mbx/skp/grp<guid>[:1|2|3] or -mbx<guid>)",
    value
  );
}

/**
 * Whether a policy of this action keeps items (a `:1` policy only deletes).
 * @example policyRetains(decodeInPlaceHold("mbxcdbbb86ce60342489bff371876e7f224:1", "f")) // → false
 */
export function policyRetains(hold: DecodedHold): boolean {
  return hold.action !== "deleteOnly";
}
