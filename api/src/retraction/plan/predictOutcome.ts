// What a retraction will really do to one copy, in words an admin can trust: the rules engine plays the
// copy's life with the retraction in it, and this reads the result. A hold that covers the copy keeps
// it in Recoverable Items (out of the user's reach, found by eDiscovery) for as long as it protects it.
import { z } from "zod";
import type { Explanation } from "../../rules/explanation.js";
import { holdName } from "../../rules/holds.js";
import type { RetractionMode } from "../retractionRequest.js";

const end = z.union([z.iso.datetime(), z.literal("indefinitely"), z.literal("unknown")]);

export const predictedOutcomeSchema = z.object({
  /** destroyed: gone for good by `destroyedAt`; keptByHold: a hold keeps it in Recoverable Items. */
  fate: z.enum(["destroyed", "keptByHold"]),
  /** Soft retraction: until when the user can still recover it themselves (Recover Deleted Items). */
  userCanRecoverUntil: z.iso.datetime().nullable(),
  /** When it is permanently removed: an instant, "indefinitely" (a hold without end) or "unknown". */
  destroyedAt: end.nullable(),
  /** The holds that keep it, by name. */
  keptBy: z.array(z.string()),
  /** One sentence for the preview. */
  text: z.string(),
});
export type PredictedOutcome = z.infer<typeof predictedOutcomeSchema>;

/** The day of an instant; null for "indefinitely", "unknown" or nothing. */
const dateOf = (value: string | null) => (value && /^\d{4}-/.test(value) ? value.slice(0, 10) : null);

function untilText(value: string | null): string {
  if (value === "indefinitely") return "indefinitely";
  const date = dateOf(value);
  return date ? `until ${date}` : "for a period that is not known here";
}

/**
 * Reads the explanation of a copy whose scenario ends with the retraction (event at `asOf`).
 * @example predictOutcome(explain({ …, events: [{ at: asOf, action: "retractHard" }] }), "hard").text
 * // → "Purged: the user cannot get it back; it is destroyed by 2026-12-05 (until then only eDiscovery finds it)."
 */
export function predictOutcome(explanation: Explanation, mode: RetractionMode): PredictedOutcome {
  const steps = explanation.timeline;
  const retracted = steps.findIndex((step) => step.why.startsWith("retracted"));
  const afterRetraction = retracted >= 0 ? steps[retracted + 1] : undefined;
  const keptBy = explanation.holds
    .filter((hold) => hold.coversItem && hold.protectedUntil !== null)
    .map((hold) => holdName(hold.kind));
  const destroyedAt = explanation.permanentRemovalAt;
  // A hold decides the copy's end when the copy outlives deleted-item retention because of it: the
  // removal is then the end of the protection (or never).
  const protectedUntil = explanation.protectedUntil;
  const heldPastRetention =
    keptBy.length > 0 &&
    protectedUntil !== null &&
    (dateOf(protectedUntil) === null ||
      dateOf(destroyedAt) === null ||
      Date.parse(protectedUntil) >= Date.parse(destroyedAt!));
  const fate = heldPastRetention ? "keptByHold" : "destroyed";
  const userCanRecoverUntil =
    mode === "soft" && afterRetraction && steps[retracted]?.location === "recoverableitemsdeletions"
      ? afterRetraction.at
      : null;
  const holds = keptBy.join(" and ");
  const destroyedOn = dateOf(destroyedAt);
  const recover = userCanRecoverUntil
    ? `the user can recover it until ${dateOf(userCanRecoverUntil)}`
    : "the user can recover it";
  const text =
    mode === "soft"
      ? fate === "keptByHold"
        ? `Removed from the mailbox; ${recover}; after that ${holds} keeps it in Recoverable Items (eDiscovery only) ${untilText(destroyedAt)}.`
        : `Removed from the mailbox; ${recover}, then it is destroyed.`
      : fate === "keptByHold"
        ? `Purged from the user's reach, but ${holds} keeps it in Recoverable Items (eDiscovery only) ${untilText(destroyedAt)}.`
        : `Purged: the user cannot get it back; it is destroyed ${destroyedOn ? `by ${destroyedOn}` : "at the mailbox's next clean-up"} (until then only eDiscovery finds it).`;
  return predictedOutcomeSchema.parse({
    fate,
    userCanRecoverUntil,
    destroyedAt,
    keptBy: fate === "keptByHold" ? keptBy : [],
    text,
  });
}
