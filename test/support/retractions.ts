// Retraction helpers for API tests: preview and submit the demo tenant's headline message, and follow a
// job through its Server-Sent Events until it ends (no polling loops in the tests themselves).
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { callApi as callApiAt, type ApiCallInit, type ApiReply } from "../../lib/callApi.js";
import { readEvents, type StreamEvent } from "../../lib/serverSentEvents.js";
import type { JobDetailView } from "../../api/src/retraction/jobView.js";
import type { Plan } from "../../api/src/retraction/plan/buildPlan.js";
import { demo, type RunningSim } from "./simServer.js";

/** What startApi returns, or a server in another process: its base URL is enough. */
export type ApiBase = { base: string };

export type SubmitBody = {
  internetMessageId?: string;
  mailbox?: string;
  conversationDepth?: number;
  mode: "soft" | "hard";
  reason?: string;
  include?: string[];
};

export const headline = { internetMessageId: demo.phishId, mailbox: "adele.vance@contoso.com" };

/** lib/callApi against a running API (startApi's, or a process's). */
export function callApi(
  api: ApiBase,
  path: string,
  token: string,
  init: ApiCallInit = {}
): Promise<ApiReply> {
  return callApiAt(api.base, path, token, init);
}

/** The retractable mailboxes of the headline message's preview at `depth`. */
export async function retractableMailboxes(
  api: ApiBase,
  token: string,
  depth: number,
  mode: "soft" | "hard"
): Promise<string[]> {
  const reply = await callApi(api, "/api/retractions/preview", token, {
    body: { ...headline, conversationDepth: depth, mode },
  });
  assert.equal(reply.status, 200, reply.text);
  return (reply.body as Plan).targets
    .filter((t) => t.status === "retractable")
    .map((t) => t.mailbox)
    .sort();
}

/** POST /api/retractions with a fresh Idempotency-Key unless one is given; returns the reply. */
export function submit(
  api: ApiBase,
  token: string,
  body: SubmitBody,
  idempotencyKey: string | null = randomUUID()
): Promise<{ status: number; body: unknown; text: string }> {
  return callApi(api, "/api/retractions", token, {
    body: { ...headline, reason: "Phishing reported by the security team", ...body },
    headers: idempotencyKey === null ? {} : { "Idempotency-Key": idempotencyKey },
  });
}

export type JobEvent = StreamEvent;

/** Reads the job's event stream until "end" (or `until` says stop); returns every event. */
export async function followJob(
  api: ApiBase,
  token: string,
  jobId: string,
  until: (event: JobEvent) => boolean = (e) => e.event === "end"
): Promise<JobEvent[]> {
  const controller = new AbortController();
  const response = await fetch(`${api.base}/api/retractions/${jobId}/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  // Read the body only on failure: a stream's body ends with the job.
  if (response.status !== 200) assert.fail(`events of ${jobId}: ${response.status} ${await response.text()}`);
  const events: JobEvent[] = [];
  const decoder = new TextDecoder();
  let buffered = "";
  const reader = response.body!.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return events;
    const read = readEvents(buffered + decoder.decode(value, { stream: true }));
    buffered = read.rest;
    for (const parsed of read.events) {
      events.push(parsed);
      if (until(parsed)) {
        controller.abort();
        return events;
      }
    }
  }
}

/** Follows the job to its end and returns it in full. */
export async function finishedJob(api: ApiBase, token: string, jobId: string): Promise<JobDetailView> {
  const events = await followJob(api, token, jobId);
  assert.equal(events.at(-1)?.event, "end", `the stream of ${jobId} ended without an end event`);
  const reply = await callApi(api, `/api/retractions/${jobId}`, token);
  assert.equal(reply.status, 200, reply.text);
  return reply.body as JobDetailView;
}

/** Where sim holds each copy of the message now: mailbox → folder names (Recoverable Items\\... when hidden). */
export async function copyFolders(
  sim: RunningSim,
  internetMessageId: string
): Promise<Map<string, string[]>> {
  const reply = await sim.call(`/_sim/copies?internetMessageId=${encodeURIComponent(internetMessageId)}`);
  assert.equal(reply.status, 200);
  const folders = new Map<string, string[]>();
  for (const copy of (reply.body as { value: { mailbox: string; folder: string }[] }).value) {
    const mailbox = copy.mailbox.toLowerCase();
    folders.set(mailbox, [...(folders.get(mailbox) ?? []), copy.folder].sort());
  }
  return folders;
}
