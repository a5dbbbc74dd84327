// JSON batching (POST /$batch): up to 20 requests, each run and counted on its own; unordered ones at
// most 4 at a time (what Graph sends Outlook at once), dependent ones one after another, with 424 for
// a request whose dependency failed. The batch itself answers 200 unless it is malformed.
import type { Caller } from "../authority/verifyServiceToken.js";
import { badRequest, GraphError, graphErrorBody } from "./graphError.js";
import type { GraphService } from "./graphService.js";
import { parseTarget } from "./parseTarget.js";
import type { GraphResult } from "./request.js";

export const maxBatchRequests = 20;
const parallelism = 4;

type SubRequest = {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
};

type SubResponse = { id: string; status: number; headers: Record<string, string>; body?: unknown };

function parseBatch(body: unknown): SubRequest[] {
  const requests = (body as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests))
    throw badRequest("Invalid batch payload format: a 'requests' array is required.");
  if (requests.length === 0)
    throw badRequest("Invalid batch payload format: the batch contains no requests.");
  if (requests.length > maxBatchRequests)
    throw badRequest(
      `Invalid batch payload format: the number of requests (${requests.length}) exceeds the maximum of ${maxBatchRequests}.`
    );
  const seen = new Set<string>();
  return requests.map((raw: unknown, index) => {
    const r = (raw ?? {}) as Record<string, unknown>;
    const id = typeof r.id === "string" ? r.id : typeof r.id === "number" ? String(r.id) : "";
    if (!id) throw badRequest(`Invalid batch payload format: request ${index} has no id.`);
    if (seen.has(id)) throw badRequest(`Invalid batch payload format: the id '${id}' is used twice.`);
    if (typeof r.method !== "string" || typeof r.url !== "string")
      throw badRequest(`Invalid batch payload format: request '${id}' needs a method and a url.`);
    if (/^https?:/i.test(r.url))
      throw badRequest(
        `Invalid batch payload format: request '${id}' has an absolute url; batch urls are relative (/users/...).`
      );
    const dependsOn = Array.isArray(r.dependsOn) ? r.dependsOn.map(String) : [];
    for (const dependency of dependsOn)
      if (!seen.has(dependency))
        throw badRequest(
          `Invalid batch payload format: request '${id}' depends on '${dependency}', which does not come before it.`
        );
    seen.add(id);
    const headers = Object.fromEntries(
      Object.entries((r.headers ?? {}) as Record<string, unknown>).map(([k, v]) => [
        k.toLowerCase(),
        String(v),
      ])
    );
    return {
      id,
      method: r.method,
      url: r.url.replace(/^\/?(v1\.0|beta)(?=\/)/i, ""),
      headers,
      body: r.body,
      dependsOn,
    };
  });
}

function subResponse(id: string, result: GraphResult, requestId: string): SubResponse {
  const headers: Record<string, string> = { "request-id": requestId, ...(result.headers ?? {}) };
  if (result.body !== undefined) headers["Content-Type"] = "application/json";
  return result.body === undefined
    ? { id, status: result.status, headers }
    : { id, status: result.status, headers, body: result.body };
}

/** Runs a batch; `requestId` is the batch request's own id (its response header and error bodies). */
export async function runBatch(
  service: GraphService,
  caller: Caller,
  body: unknown,
  origin: string,
  now: () => number,
  requestId: string
): Promise<GraphResult> {
  let requests: SubRequest[];
  try {
    requests = parseBatch(body);
  } catch (err) {
    if (err instanceof GraphError) return { status: 400, body: graphErrorBody(err, requestId, now()) };
    throw err;
  }
  const responses: SubResponse[] = [];
  const statusOf = new Map<string, number>();
  const run = async (sub: SubRequest) => {
    const requestId = service.newRequestId();
    let result: GraphResult;
    if (sub.dependsOn.some((d) => (statusOf.get(d) ?? 0) >= 400)) {
      result = {
        status: 424,
        body: graphErrorBody(
          new GraphError(424, "FailedDependency", "A request this request depends on failed."),
          requestId,
          now()
        ),
      };
    } else if (sub.body !== undefined && !sub.headers["content-type"]) {
      result = {
        status: 400,
        body: graphErrorBody(
          badRequest("A request with a body must have a Content-Type header."),
          requestId,
          now()
        ),
      };
    } else {
      result = await service.execute(
        caller,
        parseTarget(sub.method, sub.url.startsWith("/") ? sub.url : `/${sub.url}`, sub.headers, sub.body),
        origin,
        requestId,
        true
      );
    }
    statusOf.set(sub.id, result.status);
    responses.push(subResponse(sub.id, result, requestId));
  };
  if (requests.some((r) => r.dependsOn.length > 0)) {
    for (const sub of requests) await run(sub);
  } else {
    const queue = [...requests];
    await Promise.all(
      Array.from({ length: Math.min(parallelism, queue.length) }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await run(next);
      })
    );
  }
  return { status: 200, body: { responses } };
}
