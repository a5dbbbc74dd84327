// The API's gateway to Microsoft Graph: the few calls the product makes (directory lookups, finding
// every copy of a message, folders, threads, and the retraction's move and permanent delete), each
// returning Graph's request ids, with paging followed and failures mapped to the API's errors.
import type { TokenCredential } from "@azure/identity";
import { ResponseType, RetryHandlerOptions, type Client } from "@microsoft/microsoft-graph-client";
import { graphFailure, graphTransportFailure, type GraphFailureContext } from "./graphErrors.js";
import { createGraphSdkClient, type GraphConfig, type GraphTransportOptions } from "./graphTransport.js";
import type {
  BatchRequest,
  BatchResponse,
  BatchResult,
  ConversationMessage,
  DirectoryRecipient,
  GraphDomain,
  GraphGroup,
  GraphMailFolder,
  GraphReply,
  GraphUser,
  GroupMember,
  MessageCopy,
  MoveResult,
  PermanentDeleteResult,
} from "./graphTypes.js";
import { anyEq, eq, graphQuery, or, pathSegment } from "./odataFilter.js";
import { decodeRetentionProperties, retentionExpand } from "./retentionProperties.js";
import { AppError } from "../errors.js";
import { UpstreamError } from "../outbound/upstreamError.js";

export type GraphOptions = GraphTransportOptions & {
  /** $top for message lists (default 100) and directory lists (default 999). */
  pageSize?: number;
  /** A list longer than this many pages is refused rather than read forever (default 1000). */
  maxPages?: number;
};

export interface GraphGateway {
  getUser(idOrUpn: string): Promise<GraphReply<GraphUser>>;
  /** Every user of the directory (for a tenant-wide sweep), page after page. */
  listUsers(): Promise<GraphReply<(GraphUser & { id: string })[]>>;
  findRecipientByAddress(address: string): Promise<GraphReply<DirectoryRecipient | null>>;
  listDomains(): Promise<GraphReply<GraphDomain[]>>;
  /**
   * A group's members, nested groups flattened, a page at a time: a list of 100,000 members is never
   * held whole, and its first members can be acted on while the rest are read.
   */
  transitiveMembers(groupId: string): AsyncIterable<GraphReply<GroupMember[]>>;
  /** Copies with exactly this Internet Message-ID, in the whole mailbox or in one folder (id or well-known name). */
  findCopies(
    mailbox: string,
    internetMessageId: string,
    options?: { retentionProperties?: boolean; folder?: string }
  ): Promise<GraphReply<MessageCopy[]>>;
  /** One copy by its id, or null when Graph no longer finds it there (moved, deleted or purged). */
  getCopy(mailbox: string, messageId: string): Promise<GraphReply<MessageCopy | null>>;
  /** The message's body as plain text (for matching hold queries). */
  getMessageText(mailbox: string, messageId: string): Promise<GraphReply<string>>;
  getMailFolder(mailbox: string, folderIdOrWellKnownName: string): Promise<GraphReply<GraphMailFolder>>;
  listConversation(mailbox: string, conversationId: string): Promise<GraphReply<ConversationMessage[]>>;
  moveMessage(mailbox: string, messageId: string, destination: string): Promise<MoveResult>;
  permanentDelete(mailbox: string, messageId: string): Promise<PermanentDeleteResult>;
  batch(requests: BatchRequest[]): Promise<BatchResult>;
}

type Answer = { status: number; body: unknown; headers: Headers; requestId: string };
type SendExtras = { body?: unknown; retry?: RetryHandlerOptions; headers?: Record<string, string> };
type Page<T> = { value?: T[]; "@odata.nextLink"?: string };

const userFields = ["id", "displayName", "mail", "userPrincipalName", "proxyAddresses"];
const groupFields = [
  "id",
  "displayName",
  "mail",
  "proxyAddresses",
  "groupTypes",
  "mailEnabled",
  "securityEnabled",
];
const memberFields = ["id", "displayName", "mail", "userPrincipalName"];
const domainFields = [
  "id",
  "isVerified",
  "isDefault",
  "isInitial",
  "isRoot",
  "supportedServices",
  "authenticationType",
];
const copyFields = [
  "id",
  "parentFolderId",
  "receivedDateTime",
  "isRead",
  "subject",
  "from",
  "toRecipients",
  "ccRecipients",
  // Only the sender's own copy lists Bcc recipients; everyone else's is empty.
  "bccRecipients",
  "sentDateTime",
  "conversationId",
  "internetMessageId",
];
const conversationFields = [...copyFields, "conversationIndex", "isDraft", "internetMessageHeaders"];
export const maxBatchRequests = 20;

/** Retries for writes: a 504 may come after the work was done, so only refusals (429, 503) are retried. */
function refusalsOnly(delaySeconds: number, maxRetries: number): RetryHandlerOptions {
  return new RetryHandlerOptions(delaySeconds, maxRetries, (_delay, _attempt, _request, _options, response) =>
    [429, 503].includes(response.status)
  );
}

function checkBatch(requests: BatchRequest[]): void {
  // A malformed batch is the caller's bug, found before anything is sent.
  const problem = (text: string) => new AppError(500, "INVALID_BATCH", `A Graph batch was not sent: ${text}`);
  if (requests.length === 0) throw problem("it has no requests.");
  if (requests.length > maxBatchRequests)
    throw problem(`it has ${requests.length} requests; Graph takes at most ${maxBatchRequests}.`);
  const seen = new Set<string>();
  for (const r of requests) {
    if (!r.id || seen.has(r.id)) throw problem(`the request id '${r.id}' is empty or used twice.`);
    if (!r.url.startsWith("/")) throw problem(`request '${r.id}' needs a relative url such as /users/...`);
    for (const d of r.dependsOn ?? [])
      if (!seen.has(d)) throw problem(`request '${r.id}' depends on '${d}', which does not come before it.`);
    seen.add(r.id);
  }
}

function errorCode(body: unknown): string | undefined {
  return (body as { error?: { code?: string } } | undefined)?.error?.code;
}

function lowerCaseKeys(record: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(record ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

function memberOf(raw: Record<string, unknown>): GroupMember {
  const odataType = String(raw["@odata.type"] ?? "");
  const kind =
    odataType === "#microsoft.graph.user"
      ? "user"
      : odataType === "#microsoft.graph.group"
        ? "group"
        : "other";
  return {
    kind,
    odataType,
    id: String(raw.id),
    displayName: (raw.displayName as string | null | undefined) ?? null,
    mail: (raw.mail as string | null | undefined) ?? null,
    userPrincipalName: (raw.userPrincipalName as string | null | undefined) ?? null,
  };
}

/**
 * A Graph gateway for the API app. `config` gives GRAPH_BASE_URL (the client's base and the only host
 * besides Graph's own that gets tokens) and GRAPH_SCOPE; `credential` is the app's (createAppCredential).
 * @example const graph = createGraph(config, createAppCredential(config));
 *          const { value: copies } = await graph.findCopies("adele.vance@contoso.com", "<id@host>");
 */
export function createGraph(
  config: GraphConfig,
  credential: TokenCredential,
  options: GraphOptions = {}
): GraphGateway {
  const client: Client = createGraphSdkClient(config, credential, options);
  const base = config.GRAPH_BASE_URL.replace(/\/+$/, "");
  const maxRetries = options.maxRetries ?? 5;
  const retryDelay = options.retryDelaySeconds ?? 3;
  const messagePage = options.pageSize ?? 100;
  const directoryPage = Math.min(options.pageSize ?? 999, 999);
  const maxPages = options.maxPages ?? 1000;
  const user = (mailbox: string) => `/users/${pathSegment(mailbox)}`;

  async function send(
    method: "GET" | "POST" | "DELETE",
    path: string,
    context: GraphFailureContext,
    extra: SendExtras = {}
  ): Promise<Answer> {
    let request = client.api(path).responseType(ResponseType.RAW);
    if (extra.retry) request = request.middlewareOptions([extra.retry]);
    if (extra.headers) request = request.headers(extra.headers);
    let response: Response;
    let text: string;
    try {
      response =
        method === "GET"
          ? await request.get()
          : method === "POST"
            ? await request.post(extra.body)
            : await request.delete();
      text = await response.text();
    } catch (err) {
      throw graphTransportFailure(err, context);
    }
    let body: unknown;
    if (text && /json/i.test(response.headers.get("content-type") ?? "")) {
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    }
    return {
      status: response.status,
      body,
      headers: response.headers,
      requestId: response.headers.get("request-id") ?? "",
    };
  }

  async function expect(
    method: "GET" | "POST" | "DELETE",
    path: string,
    context: GraphFailureContext,
    extra: SendExtras = {}
  ): Promise<Answer> {
    const answer = await send(method, path, context, extra);
    if (answer.status >= 400) throw graphFailure(answer, context);
    return answer;
  }

  /** A next-page link as a path under GRAPH_BASE_URL; links elsewhere are not followed (nor sent a token). */
  function nextPath(link: string, context: GraphFailureContext): string {
    if (link.startsWith(`${base}/`)) return link.slice(base.length);
    throw new UpstreamError(
      502,
      "UPSTREAM_REJECTED",
      `Microsoft Graph answered "${context.operation}" with a next-page link outside GRAPH_BASE_URL; it was not followed.`,
      { service: "graph" }
    );
  }

  /** Each page of a listing, following its next-page links. */
  async function* pages<T>(first: string, context: GraphFailureContext): AsyncGenerator<GraphReply<T[]>> {
    let path: string | undefined = first;
    for (let read = 0; path !== undefined; read++) {
      if (read === maxPages)
        throw new UpstreamError(
          502,
          "UPSTREAM_REJECTED",
          `Microsoft Graph's answer to "${context.operation}" ran past ${maxPages} pages.`,
          { service: "graph" }
        );
      const answer = await expect("GET", path, context);
      const page = (answer.body ?? {}) as Page<T>;
      const link = page["@odata.nextLink"];
      path = link ? nextPath(link, context) : undefined;
      yield { value: page.value ?? [], requestIds: [answer.requestId] };
    }
  }

  async function allPages<T>(first: string, context: GraphFailureContext): Promise<GraphReply<T[]>> {
    const value: T[] = [];
    const requestIds: string[] = [];
    for await (const page of pages<T>(first, context)) {
      value.push(...page.value);
      requestIds.push(...page.requestIds);
    }
    return { value, requestIds };
  }

  return {
    async getUser(idOrUpn) {
      const context = { operation: "read the user", mailbox: idOrUpn };
      const answer = await expect("GET", `${user(idOrUpn)}${graphQuery({ select: userFields })}`, context);
      return { value: answer.body as GraphUser, requestIds: [answer.requestId] };
    },

    async listUsers() {
      const context = { operation: "list the directory's users" };
      return allPages<GraphUser & { id: string }>(
        `/users${graphQuery({ select: userFields, top: directoryPage })}`,
        context
      );
    },

    async findRecipientByAddress(address) {
      const context = { operation: "resolve an address", subject: `address ${address}` };
      const matches = or(
        eq("mail", address),
        anyEq("proxyAddresses", `SMTP:${address}`),
        anyEq("proxyAddresses", `smtp:${address}`)
      );
      const users = await expect(
        "GET",
        `/users${graphQuery({ filter: matches, select: userFields })}`,
        context
      );
      const foundUser = ((users.body as Page<GraphUser>).value ?? [])[0];
      if (foundUser) return { value: { kind: "user", ...foundUser }, requestIds: [users.requestId] };
      const groups = await expect(
        "GET",
        `/groups${graphQuery({ filter: matches, select: groupFields })}`,
        context
      );
      const foundGroup = ((groups.body as Page<GraphGroup>).value ?? [])[0];
      return {
        value: foundGroup ? { kind: "group", ...foundGroup } : null,
        requestIds: [users.requestId, groups.requestId],
      };
    },

    async listDomains() {
      return allPages<GraphDomain>(`/domains${graphQuery({ select: domainFields })}`, {
        operation: "list the tenant's domains",
      });
    },

    async *transitiveMembers(groupId) {
      const context = { operation: "expand the group's members", subject: `group ${groupId}` };
      const path = `/groups/${pathSegment(groupId)}/transitiveMembers${graphQuery({ select: memberFields, top: directoryPage })}`;
      for await (const page of pages<Record<string, unknown>>(path, context))
        yield { value: page.value.map(memberOf), requestIds: page.requestIds };
    },

    async findCopies(mailbox, internetMessageId, { retentionProperties = false, folder } = {}) {
      const context = { operation: "find copies of the message", mailbox };
      const query = graphQuery({
        filter: eq("internetMessageId", internetMessageId),
        select: copyFields,
        expand: retentionProperties ? [retentionExpand()] : undefined,
        top: messagePage,
      });
      const reply = await allPages<
        MessageCopy & { singleValueExtendedProperties?: { id?: string; value?: string }[] }
      >(`${user(mailbox)}${folder ? `/mailFolders/${pathSegment(folder)}` : ""}/messages${query}`, context);
      // Graph compares strings without regard to case; a Message-ID is matched exactly.
      const value = reply.value
        .filter((m) => m.internetMessageId === internetMessageId)
        .map(({ singleValueExtendedProperties, ...copy }) =>
          retentionProperties
            ? { ...copy, retention: decodeRetentionProperties(singleValueExtendedProperties) }
            : copy
        );
      return { value, requestIds: reply.requestIds };
    },

    async getCopy(mailbox, messageId) {
      const context = { operation: "read the message", mailbox };
      const answer = await send(
        "GET",
        `${user(mailbox)}/messages/${pathSegment(messageId)}${graphQuery({ select: copyFields })}`,
        context
      );
      if (answer.status === 404 && errorCode(answer.body) === "ErrorItemNotFound")
        return { value: null, requestIds: [answer.requestId] };
      if (answer.status >= 400) throw graphFailure(answer, context);
      return { value: answer.body as MessageCopy, requestIds: [answer.requestId] };
    },

    async getMessageText(mailbox, messageId) {
      const context = { operation: "read the message", mailbox };
      const answer = await expect(
        "GET",
        `${user(mailbox)}/messages/${pathSegment(messageId)}${graphQuery({ select: ["body"] })}`,
        context,
        { headers: { Prefer: 'outlook.body-content-type="text"' } }
      );
      const body = (answer.body as { body?: { contentType?: string; content?: string } }).body;
      // Graph may still answer with HTML (Prefer is advice); keep only the text for word matching.
      const content = body?.content ?? "";
      const text = body?.contentType?.toLowerCase() === "html" ? content.replace(/<[^>]*>/g, " ") : content;
      return { value: text, requestIds: [answer.requestId] };
    },

    async getMailFolder(mailbox, folder) {
      const context = { operation: "read the mail folder", mailbox };
      const answer = await expect("GET", `${user(mailbox)}/mailFolders/${pathSegment(folder)}`, context);
      return { value: answer.body as GraphMailFolder, requestIds: [answer.requestId] };
    },

    async listConversation(mailbox, conversationId) {
      const context = { operation: "list the conversation", mailbox };
      const query = graphQuery({
        filter: eq("conversationId", conversationId),
        select: conversationFields,
        top: messagePage,
      });
      const reply = await allPages<ConversationMessage>(`${user(mailbox)}/messages${query}`, context);
      return {
        value: reply.value.map((m) => ({ ...m, internetMessageHeaders: m.internetMessageHeaders ?? [] })),
        requestIds: reply.requestIds,
      };
    },

    async moveMessage(mailbox, messageId, destination) {
      const context = { operation: "move the message", mailbox };
      const answer = await expect(
        "POST",
        `${user(mailbox)}/messages/${pathSegment(messageId)}/move`,
        context,
        {
          body: { destinationId: destination },
          retry: refusalsOnly(retryDelay, maxRetries),
        }
      );
      const moved = answer.body as { id: string; parentFolderId?: string | null };
      return { id: moved.id, parentFolderId: moved.parentFolderId, requestId: answer.requestId };
    },

    async permanentDelete(mailbox, messageId) {
      const context = { operation: "permanently delete the message", mailbox };
      // A retry after a 504 whose delete went through answers 404, which is reported as gone.
      const answer = await send(
        "POST",
        `${user(mailbox)}/messages/${pathSegment(messageId)}/permanentDelete`,
        context
      );
      if (answer.status === 404 && errorCode(answer.body) === "ErrorItemNotFound")
        return { gone: true, requestId: answer.requestId };
      if (answer.status >= 400) throw graphFailure(answer, context);
      return { gone: false, requestId: answer.requestId };
    },

    async batch(requests) {
      checkBatch(requests);
      const context = { operation: "run a batch of requests" };
      const body = {
        requests: requests.map((r) => {
          const headers = { ...r.headers };
          if (r.body !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === "content-type"))
            headers["Content-Type"] = "application/json";
          return { ...r, headers };
        }),
      };
      // Sub-requests may be writes: an outer 504 is not retried, and sub-request 429s come back as they are.
      const answer = await expect("POST", "/$batch", context, {
        body,
        retry: refusalsOnly(retryDelay, maxRetries),
      });
      const raw = (
        (answer.body as { responses?: Record<string, unknown>[] } | undefined)?.responses ?? []
      ).map((r): BatchResponse => {
        const headers = lowerCaseKeys(r.headers as Record<string, unknown> | undefined);
        return {
          id: String(r.id),
          status: Number(r.status),
          headers,
          body: r.body,
          requestId: headers["request-id"],
        };
      });
      const byId = new Map(raw.map((r) => [r.id, r]));
      const responses = requests.map(
        (r) => byId.get(r.id) ?? { id: r.id, status: 0, headers: {}, body: undefined, requestId: undefined }
      );
      return { responses, requestId: answer.requestId };
    },
  };
}
