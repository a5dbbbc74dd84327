// Shared by the outside-client tests: the API's configuration pointed at an in-process sim, and an
// outbound fetch that records every request's timing, status and headers.
import { loadApiConfig, type ApiConfig } from "../../../api/src/config.js";
import { createOutboundFetch, type OutboundFetch } from "../../../api/src/outbound/outboundHttp.js";
import type { RunningSim } from "../../support/simServer.js";

/** The API configuration loadApiConfig gives for sim on its port (every URL points at it). */
export function simConfig(s: RunningSim, env: NodeJS.ProcessEnv = {}): ApiConfig {
  return loadApiConfig({ SIM_PORT: new URL(s.origin).port, ...env });
}

export type Exchange = {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** The request body when it was text. */
  body?: string;
  startedAt: number;
  endedAt: number;
  status?: number;
  retryAfter?: string;
  error?: string;
};

/** An outbound fetch that records each exchange; `after` may react to one (e.g. change sim's settings). */
export function recordingFetch(after?: (exchange: Exchange) => void): {
  fetch: OutboundFetch;
  log: Exchange[];
} {
  const inner = createOutboundFetch();
  const log: Exchange[] = [];
  const fetch: OutboundFetch = async (url, init) => {
    const headers = Object.fromEntries(
      Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [
        k.toLowerCase(),
        String(v),
      ])
    );
    const entry: Exchange = {
      url,
      method: init?.method ?? "GET",
      headers,
      body: typeof init?.body === "string" ? init.body : undefined,
      startedAt: Date.now(),
      endedAt: 0,
    };
    try {
      const response = await inner(url, init);
      Object.assign(entry, {
        endedAt: Date.now(),
        status: response.status,
        retryAfter: response.headers.get("retry-after") ?? undefined,
      });
      return response;
    } catch (err) {
      Object.assign(entry, { endedAt: Date.now(), error: String(err) });
      throw err;
    } finally {
      log.push(entry);
      after?.(entry);
    }
  };
  return { fetch, log };
}

/** Milliseconds between the end of each answer and the start of the next request, per request chain. */
export function waitsBetween(log: Exchange[]): number[] {
  return log.slice(1).map((entry, i) => entry.startedAt - log[i]!.endedAt);
}
