// Plans and jobs shaped as the API sends them, for the retract view's helper tests: each builder gives a
// complete object and takes the fields a test cares about.
import type {
  JobDetailView,
  Plan,
  PlanTarget,
  PredictedOutcome,
  TargetView,
} from "../../../../addin/src/api/apiTypes.js";

const destroyed: PredictedOutcome = {
  fate: "destroyed",
  userCanRecoverUntil: "2026-12-05T09:00:00.000Z",
  destroyedAt: "2026-12-05T09:00:00.000Z",
  keptBy: [],
  text: "Removed from the mailbox; the user can recover it until 2026-12-05, then it is destroyed.",
};

export function planTarget(mailbox: string, fields: Partial<PlanTarget> = {}): PlanTarget {
  const retractable = (fields.status ?? "retractable") === "retractable";
  const copy = {
    id: `id-${mailbox}`,
    internetMessageId: "<demo@fabrikam.com>",
    parentFolderId: "inbox-id",
    folder: "inbox",
    isRead: false,
    receivedDateTime: "2026-11-20T08:00:00Z",
    subject: "Action required",
    predictedOutcome: destroyed,
  };
  return {
    mailbox,
    objectId: retractable ? `oid-${mailbox}` : null,
    displayName: null,
    status: "retractable",
    statusText: null,
    copies: retractable ? [copy] : [],
    predictedOutcome: retractable ? destroyed : null,
    why: [{ depth: 0, internetMessageId: "<demo@fabrikam.com>", text: "To recipient" }],
    problems: [],
    ...fields,
  };
}

export function plan(targets: PlanTarget[], fields: Partial<Plan> = {}): Plan {
  const retractable = targets.filter((t) => t.status === "retractable");
  return {
    asOf: "2026-11-21T08:49:38.744Z",
    internetMessageId: "<demo@fabrikam.com>",
    mode: "soft",
    conversationDepth: 0,
    messages: [],
    targets,
    totals: {
      retractableMailboxes: retractable.length,
      copies: retractable.reduce((n, t) => n + t.copies.length, 0),
      notRetractable: targets.length - retractable.length,
      destroyed: 0,
      keptByHold: 0,
    },
    approval: { required: false, reasons: [] },
    ...fields,
  };
}

export function targetView(mailbox: string, fields: Partial<TargetView> = {}): TargetView {
  return {
    mailbox,
    displayName: null,
    status: "pending",
    outcome: null,
    undoOutcome: null,
    lastError: null,
    attempts: 0,
    nextAttemptAt: null,
    finishedAt: null,
    why: [],
    predicted: null,
    requestIds: [],
    undoRequestIds: [],
    copies: [],
    ...fields,
  };
}

const noCounts = {
  pending: 0,
  running: 0,
  done: 0,
  failed: 0,
  skipped: 0,
  restoring: 0,
  restored: 0,
  restoreFailed: 0,
};

export function job(fields: Partial<JobDetailView> = {}): JobDetailView {
  return {
    id: "job-1",
    requester: { objectId: "oid-admin", upn: "admin@contoso.com" },
    internetMessageId: "<demo@fabrikam.com>",
    mailbox: "admin@contoso.com",
    mode: "soft",
    conversationDepth: 0,
    reason: "Phishing",
    status: "running",
    statusText: "Retracting.",
    targetCount: 2,
    counts: { ...noCounts, pending: 2 },
    approval: {
      required: false,
      expiresAt: null,
      decision: null,
      decidedBy: null,
      decidedAt: null,
      comment: null,
    },
    createdAt: "2026-11-21T08:50:00.000Z",
    startedAt: "2026-11-21T08:50:01.000Z",
    finishedAt: null,
    undo: null,
    undoable: { possible: false, text: "Only a finished soft retraction can be undone." },
    verification: null,
    progress: { phase: "retracting", total: 2, finished: 0, percent: 0, etaSeconds: null },
    targets: [targetView("adele.vance@contoso.com"), targetView("lee.gu@contoso.com")],
    ...fields,
  };
}

export { noCounts };
