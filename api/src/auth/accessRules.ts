// The one declarative map of who may call what: each protected operation names the app roles that
// grant it, and whether the mailbox's owner may call it without a role.
import type { AppRole } from "./principal.js";

export type AccessRule = { roles: readonly AppRole[]; mailboxOwner?: boolean };

export const accessRules = {
  "items.status": { roles: ["Holds.Read", "Retract.Run"], mailboxOwner: true },
  "mailboxes.holds": { roles: ["Holds.Read", "Retract.Run"] },
  readiness: { roles: ["Retract.Run"] },
  "retractions.preview": { roles: ["Retract.Run"] },
  "retractions.submit": { roles: ["Retract.Run"] },
  // An approver must see what they are asked to approve, and follow it once approved.
  "retractions.read": { roles: ["Retract.Run", "Retract.Approve", "Audit.Read"] },
  "retractions.events": { roles: ["Retract.Run", "Retract.Approve"] },
  "retractions.approve": { roles: ["Retract.Approve"] },
  "retractions.undo": { roles: ["Retract.Run"] },
  "audit.read": { roles: ["Audit.Read"] },
  me: { roles: [], mailboxOwner: true },
} as const satisfies Record<string, AccessRule>;

export type Operation = keyof typeof accessRules;
