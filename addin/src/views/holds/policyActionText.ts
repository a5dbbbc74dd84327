// What a Purview retention policy does with items, from the :1 / :2 / :3 suffix Exchange shows after its
// GUID: the suffix decides whether the policy is a hold at all, so it is spelled out.
import type { MailboxHold } from "../../api/apiTypes";

const actions: Record<NonNullable<MailboxHold["policyAction"]>, string> = {
  deleteOnly: "deletes only, keeps nothing (:1)",
  retainOnly: "keeps only, deletes nothing (:2)",
  retainThenDelete: "keeps, then deletes (:3)",
};

/** @example policyActionText("retainThenDelete") // → "keeps, then deletes (:3)" */
export function policyActionText(action: MailboxHold["policyAction"]): string | null {
  return action === null ? null : (actions[action] ?? action);
}
