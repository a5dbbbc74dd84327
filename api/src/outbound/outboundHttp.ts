// The one HTTP stack for every call the API makes to its outside services (the sign-in authority,
// Microsoft Graph, the Exchange admin API): an undici Agent whose TLS trust is Node's bundled root
// certificates plus, when present, the project's development CA and the file NODE_EXTRA_CA_CERTS names.
// Certificate checks always stay on, and nothing global (no setGlobalDispatcher) is touched.
// Requests go out through undici's `request`, not its `fetch`: at a thousand Graph requests a second,
// fetch's WHATWG machinery (Request and Headers objects, web streams, abort signals) cost the API about
// a fifth of its CPU, for features these clients do not use.
import { existsSync, readFileSync } from "node:fs";
import { createSecureContext, rootCertificates } from "node:tls";
import type { Readable } from "node:stream";
import { Agent, request, type Dispatcher } from "undici";
import { devCertPaths } from "../../../lib/devCerts.js";

/** What an outside client sends. Redirects are never followed: a 3xx comes back as the answer. */
export type OutboundInit = {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | Readable | null;
  signal?: AbortSignal | null;
};

/** An answer's headers, looked up by name in any case. */
export type OutboundHeaders = {
  get(name: string): string | null;
  has(name: string): boolean;
  forEach(callback: (value: string, name: string) => void): void;
};

/**
 * The part of a WHATWG Response the API's outside clients (and the Graph SDK, and jose) read. The
 * whole body has been received when the answer is given: the answers are small JSON documents, and a
 * body no one reads cannot hold its connection.
 */
export type OutboundResponse = {
  readonly status: number;
  readonly ok: boolean;
  readonly statusText: string;
  readonly headers: OutboundHeaders;
  text(): Promise<string>;
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
};

/**
 * A request as every outside client makes it; tests may wrap it to watch the traffic or answer it. It
 * fails with an Error naming the host, whose `cause` is the network's own error (with its `code`).
 */
export type OutboundFetch = (url: string, init?: OutboundInit) => Promise<OutboundResponse>;

/**
 * CA files trusted on top of Node's roots: an operator's NODE_EXTRA_CA_CERTS (Node ignores it once a
 * `ca` list is given explicitly, so it is read here), then the development CA if it exists.
 */
export function extraCaFiles(env: NodeJS.ProcessEnv = process.env): string[] {
  return [env.NODE_EXTRA_CA_CERTS, devCertPaths().caCert].filter(
    (file): file is string => typeof file === "string" && file !== "" && existsSync(file)
  );
}

/** The certificates an outbound TLS connection accepts as trust anchors (PEM). */
export function trustedCertificates(files: string[] = extraCaFiles()): string[] {
  return [...rootCertificates, ...files.map((file) => readFileSync(file, "utf8"))];
}

/**
 * A fresh Agent with the outbound trust; `caFiles` replaces the default extra CA files. The trust is
 * built once into a secure context: given as a `ca` list, Node would parse every root certificate
 * again for each new connection, which under load costs more CPU than the requests themselves.
 */
export function createOutboundDispatcher(caFiles?: string[]): Agent {
  return new Agent({ connect: { secureContext: createSecureContext({ ca: trustedCertificates(caFiles) }) } });
}

let shared: Agent | undefined;

/** The process-wide outbound Agent, created on first use (after the development CA exists). */
export function outboundDispatcher(): Dispatcher {
  shared ??= createOutboundDispatcher();
  return shared;
}

/** The outbound request over a dispatcher (the shared one, resolved at the first call, by default). */
export function createOutboundFetch(dispatcher?: Dispatcher): OutboundFetch {
  return async (url, init = {}) => {
    try {
      const answer = await request(url, {
        dispatcher: dispatcher ?? outboundDispatcher(),
        method: (init.method ?? "GET") as Dispatcher.HttpMethod,
        headers: init.headers,
        body: init.body ?? null,
        signal: init.signal ?? undefined,
      });
      const body = Buffer.from(await answer.body.arrayBuffer());
      return receivedAnswer(answer.statusCode, answer.headers, body);
    } catch (err) {
      throw new Error(`Could not reach ${hostOf(url)}: ${(err as Error).message}`, { cause: err });
    }
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** An answer whose body is in memory; undici gives header names in lower case. */
function receivedAnswer(
  status: number,
  rawHeaders: Record<string, string | string[] | undefined>,
  body: Buffer
): OutboundResponse {
  const valueOf = (name: string): string | null => {
    const value = rawHeaders[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  };
  const headers: OutboundHeaders = {
    get: valueOf,
    has: (name) => rawHeaders[name.toLowerCase()] !== undefined,
    forEach: (callback) => {
      for (const name of Object.keys(rawHeaders)) {
        const value = valueOf(name);
        if (value !== null) callback(value, name);
      }
    },
  };
  const text = () => body.toString("utf8");
  return {
    status,
    ok: status >= 200 && status < 300,
    statusText: "",
    headers,
    text: async () => text(),
    json: async () => JSON.parse(text()) as unknown,
    arrayBuffer: async () =>
      body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
  };
}
