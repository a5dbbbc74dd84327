// The filters the audit view applies, as the person chose them, and the API's form of them. The person
// is kept whole (not just the object id) so the dropdown can still name them.
import type { AuditFilters } from "../../api/apiTypes";
import type { Person } from "./peopleOf";

export type ChosenFilters = { messageId: string | null; actor: Person | null };

export const noFilters: ChosenFilters = { messageId: null, actor: null };

/** @example toAuditFilters({ messageId: "<a@b>", actor: null }) // → { messageId: "<a@b>" } */
export function toAuditFilters(chosen: ChosenFilters): AuditFilters {
  const filters: AuditFilters = {};
  if (chosen.messageId) filters.messageId = chosen.messageId;
  if (chosen.actor) filters.actorObjectId = chosen.actor.objectId;
  return filters;
}
