// The people seen in audit records, for the person filter. Those met before are kept: once the list is
// filtered to one person the others must still be there to switch to.
import type { AuditRecord } from "../../api/apiTypes";

export type Person = { objectId: string; upn: string };

/**
 * @example peopleOf([recordBy("b@contoso.com"), recordBy("a@contoso.com")]) // → [a@…, b@…] sorted by UPN
 */
export function peopleOf(
  records: readonly Pick<AuditRecord, "actor">[],
  known: readonly Person[] = []
): Person[] {
  const byId = new Map<string, Person>();
  for (const person of known) byId.set(person.objectId.toLowerCase(), person);
  for (const { actor } of records) {
    const id = actor.objectId.toLowerCase();
    if (!byId.has(id)) byId.set(id, { objectId: actor.objectId, upn: actor.upn });
  }
  return [...byId.values()].sort((a, b) => a.upn.localeCompare(b.upn));
}
