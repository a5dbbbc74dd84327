// Which views a user sees: each only for the roles that can use it (the API checks again on every call).
import type { AppRole } from "../api/apiTypes";

export type ViewName = "item" | "holds" | "retract" | "audit";

const needs: Record<ViewName, AppRole[] | "everyone"> = {
  item: "everyone",
  holds: ["Holds.Read", "Retract.Run"],
  retract: ["Retract.Run", "Retract.Approve"],
  audit: ["Audit.Read"],
};

export function visibleViews(roles: readonly AppRole[]): ViewName[] {
  return (Object.keys(needs) as ViewName[]).filter((view) => {
    const required = needs[view];
    return required === "everyone" || required.some((role) => roles.includes(role));
  });
}

/** Whether the item view shows the message's retraction history (GET /api/retractions). */
export function seesRetractionHistory(roles: readonly AppRole[]): boolean {
  return roles.includes("Retract.Run") || roles.includes("Audit.Read");
}
