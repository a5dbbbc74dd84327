// The shapes the retraction store reads and writes: a job, its targets (one per mailbox) and their
// copies, as routes and the executor see them.
import type { JsonValue } from "../../audit/canonicalJson.js";
import type { Inclusion } from "../discovery/discoveryTypes.js";
import type { RetractionMode } from "../retractionRequest.js";
import type { CopyState, JobStatus, Phase, TargetCounts, TargetStatus } from "./jobStates.js";

/** A person named on a job (requester, approver, who asked for the undo). */
export type Person = { objectId: string; upn: string };

export type RetractionJob = {
  id: string;
  tenantId: string;
  requester: Person;
  idempotencyKey: string;
  /** SHA-256 (hex) of the canonical request, see requestHash. */
  requestHash: string;
  internetMessageId: string;
  /** Where the admin opened the message. */
  mailbox: string;
  mode: RetractionMode;
  conversationDepth: number;
  sweep: boolean;
  reason: string;
  status: JobStatus;
  targetCount: number;
  approval: {
    required: boolean;
    /** Null when no approval is required. */
    expiresAt: Date | null;
    decision: "approved" | "rejected" | null;
    decidedBy: Person | null;
    decidedAt: Date | null;
    comment: string | null;
  };
  createdAt: Date;
  /** When a worker first claimed a target. */
  startedAt: Date | null;
  /** When it became completed, completedWithFailures, failed, rejected or expired. */
  finishedAt: Date | null;
  undo: { requestedBy: Person; startedAt: Date; finishedAt: Date | null } | null;
  /** The check made once the retraction finished; null until then. */
  verification: Verification | null;
};

/** What searching the retracted mailboxes again found after a retraction finished. */
export type Verification = {
  /** ISO time of the check. */
  checkedAt: string;
  mailboxesChecked: number;
  /**
   * Copies of the message found again in a mailbox's visible folders: restored by its user, delivered
   * again, or missed. Each may be retracted with a new job.
   */
  reappeared: {
    mailbox: string;
    internetMessageId: string;
    copies: { id: string; parentFolderId: string | null; receivedDateTime: string | null }[];
  }[];
  /** Mailboxes that could not be searched, and why. */
  unchecked: { mailbox: string; error: string }[];
};

/** A job with how many of its targets are in each status: one row of a message's history. */
export type RetractionJobSummary = RetractionJob & { counts: TargetCounts };

export type RetractionCopy = {
  copyId: string;
  internetMessageId: string;
  originalFolderId: string;
  /** Its id in Recoverable Items after a soft retraction. */
  newId: string | null;
  /** Its id back in its original folder after undo. */
  restoredId: string | null;
  state: CopyState;
  /** True for a copy left in flight (acting/restoring): it may have been moved; check before acting. */
  needsRecheck: boolean;
  /** Graph request ids of every call made for this copy, oldest first. */
  requestIds: string[];
  lastError: string | null;
  updatedAt: Date;
};

export type RetractionTarget = {
  jobId: string;
  mailbox: string;
  objectId: string;
  displayName: string | null;
  why: Inclusion[];
  predicted: JsonValue;
  status: TargetStatus;
  outcome: string | null;
  requestIds: string[];
  undoOutcome: string | null;
  undoRequestIds: string[];
  /** Claims in the current phase. */
  attempts: number;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  nextAttemptAt: Date | null;
  lastError: string | null;
  finishedAt: Date | null;
  updatedAt: Date;
  copies: RetractionCopy[];
};

export type RetractionJobDetail = RetractionJobSummary & { targets: RetractionTarget[] };

/** What a worker gets when it claims a target: everything it needs to act without another read. */
export type ClaimedTarget = RetractionTarget & {
  phase: Phase;
  mode: RetractionMode;
  /** The job's message. */
  internetMessageId: string;
  /** Whose action the Graph calls carry out: the requester, or for undo whoever asked for it. */
  onBehalfOf: Person & { tenantId: string };
  leaseOwner: string;
  leaseUntil: Date;
};
