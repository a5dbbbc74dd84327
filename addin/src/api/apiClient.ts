// The task pane's one way to call the companion API: a bearer token on every request (a fresh one once
// if the API refuses it), a request id the API logs, JSON in and out, and ApiError for every failure.
import { readEvents, type StreamEvent } from "../../../lib/serverSentEvents";
import type { TokenSource } from "../auth/tokenSource";
import { ApiError, apiErrorFrom, networkError } from "./apiError";
import type {
  Accepted,
  AuditFilters,
  AuditPage,
  AuditVerification,
  ItemStatus,
  JobDetailView,
  JobSummaryView,
  MailboxHoldsResponse,
  Me,
  Plan,
  PreviewRequest,
  SubmitRequest,
} from "./apiTypes";

export type ApiClient = ReturnType<typeof createApiClient>;

type Call = {
  method?: "GET" | "POST";
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

function query(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values))
    if (value !== undefined && value !== "") params.set(name, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function createApiClient(
  baseUrl: string,
  tokens: TokenSource,
  fetchImpl: typeof fetch = fetch.bind(globalThis)
) {
  async function send(path: string, call: Call, fresh = false): Promise<Response> {
    const token = await tokens.getToken({ fresh });
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}${path}`, {
        method: call.method ?? "GET",
        headers: {
          authorization: `Bearer ${token}`,
          "x-request-id": crypto.randomUUID(),
          ...(call.body === undefined ? {} : { "content-type": "application/json" }),
          ...call.headers,
        },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: call.signal,
      });
    } catch (err) {
      if (call.signal?.aborted) throw err;
      throw networkError(err);
    }
    // A token can be refused after the add-in cached it (keys rolled, consent changed): one fresh try.
    if (response.status === 401 && !fresh) return send(path, call, true);
    if (!response.ok)
      throw apiErrorFrom(response.status, response.headers, await response.text().catch(() => ""));
    return response;
  }

  async function json<T>(path: string, call: Call = {}): Promise<T> {
    const response = await send(path, call);
    try {
      return (await response.json()) as T;
    } catch {
      throw new ApiError(
        "The API sent an answer the add-in could not read.",
        "server",
        null,
        response.status
      );
    }
  }

  const job = (id: string) => `/api/retractions/${encodeURIComponent(id)}`;

  return {
    me: () => json<Me>("/api/me"),
    itemStatus: (mailbox: string, internetMessageId: string) =>
      json<ItemStatus>(`/api/items/status${query({ mailbox, internetMessageId })}`),
    holds: (mailbox: string) =>
      json<MailboxHoldsResponse>(`/api/mailboxes/${encodeURIComponent(mailbox)}/holds`),
    preview: (request: PreviewRequest) =>
      json<Plan>("/api/retractions/preview", { method: "POST", body: request }),
    submit: (request: SubmitRequest, idempotencyKey: string) =>
      json<Accepted>("/api/retractions", {
        method: "POST",
        body: request,
        headers: { "idempotency-key": idempotencyKey },
      }),
    retractions: async (internetMessageId: string) =>
      (await json<{ value: JobSummaryView[] }>(`/api/retractions${query({ internetMessageId })}`)).value,
    retraction: (id: string) => json<JobDetailView>(job(id)),
    approve: (id: string, comment?: string) =>
      json<JobSummaryView>(`${job(id)}/approve`, { method: "POST", body: comment ? { comment } : {} }),
    reject: (id: string, comment?: string) =>
      json<JobSummaryView>(`${job(id)}/reject`, { method: "POST", body: comment ? { comment } : {} }),
    undo: (id: string) => json<Accepted>(`${job(id)}/undo`, { method: "POST" }),
    audit: (filters: AuditFilters & { limit?: number; beforeSeq?: number }) =>
      json<AuditPage>(`/api/audit${query(filters)}`),
    verifyAudit: () => json<AuditVerification>("/api/audit/verify"),
    exportAudit: async (format: "csv" | "json", filters: AuditFilters) =>
      (await send(`/api/audit/export${query({ format, ...filters })}`, {})).blob(),
    /** Reads the job's progress stream until it ends or `signal` aborts; calls `onEvent` for each event. */
    async followJob(id: string, onEvent: (event: StreamEvent) => void, signal: AbortSignal): Promise<void> {
      const response = await send(`${job(id)}/events`, { headers: { accept: "text/event-stream" }, signal });
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = "";
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          const { events, rest } = readEvents(buffered + value);
          buffered = rest;
          events.forEach(onEvent);
        }
      } catch (err) {
        if (signal.aborted) return;
        throw networkError(err);
      }
    },
  };
}
