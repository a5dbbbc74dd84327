// The HttpClient @azure/identity (and MSAL inside it) sends its sign-in requests through: the Azure SDK
// pipeline's last step, implemented on the API's outbound fetch so that token requests trust the same
// certificate authorities as every other outside call.
import { Readable } from "node:stream";
import type { TokenCredentialOptions } from "@azure/identity";
import type { OutboundFetch, OutboundInit } from "./outboundHttp.js";

// The pipeline's types, taken from the credential options so no transitive package is imported.
type HttpClient = NonNullable<TokenCredentialOptions["httpClient"]>;
type PipelineRequest = Parameters<HttpClient["sendRequest"]>[0];
type PipelineResponse = Awaited<ReturnType<HttpClient["sendRequest"]>>;
type HttpHeaders = PipelineResponse["headers"];

/** The pipeline's header collection: case-insensitive names, original case kept for toJSON. */
class Headers implements HttpHeaders {
  private readonly entries = new Map<string, { name: string; value: string }>();

  get(name: string): string | undefined {
    return this.entries.get(name.toLowerCase())?.value;
  }
  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }
  set(name: string, value: string | number | boolean): void {
    this.entries.set(name.toLowerCase(), { name, value: String(value) });
  }
  delete(name: string): void {
    this.entries.delete(name.toLowerCase());
  }
  toJSON(options: { preserveCase?: boolean } = {}): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, entry] of this.entries) out[options.preserveCase ? entry.name : key] = entry.value;
    return out;
  }
  *[Symbol.iterator](): Iterator<[string, string]> {
    for (const [key, entry] of this.entries) yield [key, entry.value];
  }
}

/** The pipeline's network failure: a RestError by name, which its retry policies recognise. */
function sendError(err: unknown, request: PipelineRequest): Error {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const error = new Error(
    `Could not reach ${new URL(request.url).host}: ${cause?.message ?? (err as Error).message}`,
    { cause: err }
  );
  return Object.assign(error, { name: "RestError", code: cause?.code ?? "REQUEST_SEND_ERROR", request });
}

/** The request's body as the outbound layer sends it: text and bytes as they are, streams as Node streams. */
async function bodyOf(request: PipelineRequest): Promise<OutboundInit["body"]> {
  const body = request.body;
  if (body === undefined || body === null) return null;
  if (typeof body === "string") return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof Blob) return new Uint8Array(await body.arrayBuffer());
  const stream = typeof body === "function" ? body() : body;
  if (stream instanceof Blob) return new Uint8Array(await stream.arrayBuffer());
  return stream instanceof Readable
    ? stream
    : Readable.fromWeb(stream as Parameters<typeof Readable.fromWeb>[0]);
}

/** An AbortSignal that fires on the pipeline's abort signal or after its timeout (0: none). */
function signalOf(request: PipelineRequest): AbortSignal | undefined {
  const signals: AbortSignal[] = [];
  if (request.timeout > 0) signals.push(AbortSignal.timeout(request.timeout));
  const outer = request.abortSignal;
  if (outer) {
    const controller = new AbortController();
    if (outer.aborted) controller.abort();
    else outer.addEventListener("abort", () => controller.abort(), { once: true });
    signals.push(controller.signal);
  }
  return signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals);
}

/**
 * An Azure SDK HttpClient over `fetch` (the API's outbound fetch). Redirects are left to the pipeline,
 * which has its own redirect policy; response bodies are text unless the request asked for a stream.
 * @example new ClientSecretCredential(tenant, app, secret, { httpClient: createIdentityHttpClient(fetch) })
 */
export function createIdentityHttpClient(fetch: OutboundFetch): HttpClient {
  return {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      if (request.multipartBody || request.formData)
        throw new Error("The outbound HttpClient sends only prepared bodies (no multipart or form maps).");
      let response;
      try {
        response = await fetch(request.url, {
          method: request.method,
          headers: request.headers.toJSON({ preserveCase: true }),
          signal: signalOf(request),
          body: await bodyOf(request),
        });
      } catch (err) {
        throw sendError(err, request);
      }
      const headers = new Headers();
      response.headers.forEach((value, name) => headers.set(name, value));
      const result: PipelineResponse = { request, status: response.status, headers };
      const streamed =
        request.streamResponseStatusCodes?.has(response.status) ||
        request.streamResponseStatusCodes?.has(Number.POSITIVE_INFINITY);
      // The outbound layer has received the whole body already; a stream asked for is made from it.
      if (streamed) result.readableStreamBody = Readable.from(Buffer.from(await response.arrayBuffer()));
      else result.bodyAsText = await response.text();
      return result;
    },
  };
}
