// A hand-written Graph gateway for the executor tests: only the methods a test gives are answered, every
// call is recorded (method and arguments), and any other call rejects with "unexpected Graph call".
import type { GraphGateway } from "../../../../api/src/graph/graphClient.js";
import type { MessageCopy } from "../../../../api/src/graph/graphTypes.js";
import { UpstreamError } from "../../../../api/src/outbound/upstreamError.js";

export type GraphCall = { method: keyof GraphGateway; args: unknown[] };

const methods: (keyof GraphGateway)[] = [
  "getUser",
  "listUsers",
  "findRecipientByAddress",
  "listDomains",
  "transitiveMembers",
  "findCopies",
  "getCopy",
  "getMessageText",
  "getMailFolder",
  "listConversation",
  "moveMessage",
  "permanentDelete",
  "batch",
];

/**
 * A gateway answering with `answers`; `calls` lists every call made, in order, and `unexpected` the
 * names of the calls that had no answer.
 */
export function fakeGraph(answers: Partial<GraphGateway>): {
  graph: GraphGateway;
  calls: GraphCall[];
  unexpected: string[];
} {
  const calls: GraphCall[] = [];
  const unexpected: string[] = [];
  const graph = Object.fromEntries(
    methods.map((method) => [
      method,
      (...args: unknown[]) => {
        calls.push({ method, args });
        const answer = answers[method] as ((...a: unknown[]) => Promise<unknown>) | undefined;
        if (!answer) {
          unexpected.push(method);
          return Promise.reject(new Error(`unexpected Graph call: ${method}`));
        }
        return answer(...args);
      },
    ])
  ) as unknown as GraphGateway;
  return { graph, calls, unexpected };
}

/** The calls' methods and arguments, as [method, ...args] rows, for one deepEqual. */
export const callRows = (calls: GraphCall[]) => calls.map((c) => [c.method, ...c.args]);

/** A copy as Graph's getCopy/findCopies return it. */
export function graphCopy(id: string, internetMessageId: string, parentFolderId = "inbox-1"): MessageCopy {
  return { id, internetMessageId, parentFolderId, receivedDateTime: "2025-06-01T08:00:00Z" };
}

export const graphError = {
  throttled: (requestId: string, retryAfterSeconds?: number) =>
    new UpstreamError(503, "UPSTREAM_THROTTLED", "Microsoft Graph is throttling the API's requests.", {
      service: "graph",
      requestId,
      retryAfterSeconds,
    }),
  unavailable: (requestId: string) =>
    new UpstreamError(502, "UPSTREAM_UNAVAILABLE", "Microsoft Graph could not move the message (HTTP 500).", {
      service: "graph",
      requestId,
    }),
  notFound: (requestId: string) =>
    new UpstreamError(
      404,
      "ITEM_NOT_FOUND",
      "The message was not found; it may have been moved or deleted.",
      {
        service: "graph",
        requestId,
      }
    ),
  outOfScope: (requestId: string) =>
    new UpstreamError(403, "MAILBOX_OUT_OF_SCOPE", "The API app may not open the mailbox.", {
      service: "graph",
      requestId,
    }),
  notDeletable: (requestId: string) =>
    new UpstreamError(409, "ITEM_NOT_DELETABLE", "The message cannot be deleted from where it is.", {
      service: "graph",
      requestId,
    }),
};
