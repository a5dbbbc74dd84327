// What the signed-in user may do in the retract view, from the operations the API says they may use
// (GET /api/me), so the view and the API never disagree about roles.
import type { JobSummaryView, Me } from "../../api/apiTypes";

export type RetractPermissions = {
  /** Preview and submit (Retract.Run). */
  retract: boolean;
  /** Read jobs and the message's list (Retract.Run or Audit.Read). */
  read: boolean;
  /** Follow a job's live progress (Retract.Run). */
  follow: boolean;
  /** Undo a soft retraction (Retract.Run). */
  undo: boolean;
  /** Approve or reject someone else's request (Retract.Approve). */
  approve: boolean;
};

export function retractPermissions(me: Me): RetractPermissions {
  const may = (operation: string) => me.allowed.includes(operation);
  return {
    retract: may("retractions.submit"),
    read: may("retractions.read"),
    follow: may("retractions.events"),
    undo: may("retractions.undo"),
    approve: may("retractions.approve"),
  };
}

/** A request is decided by a second person: never by the one who asked for it. */
export function isRequester(me: Me, job: Pick<JobSummaryView, "requester">): boolean {
  return me.objectId === job.requester.objectId;
}
