// One JSON call to the companion API with a bearer token, for the scripts that drive it (benchmarks,
// proofs, tests): the reply's status, its body (parsed when it is JSON), its text and its headers.

import { Agent, fetch } from "undici";
import { longAnswerMs } from "./devCaAgent.js";

export type ApiReply<T = unknown> = { status: number; body: T; text: string; headers: Headers };

export type ApiCallInit = { method?: string; body?: unknown; headers?: Record<string, string> };

/** Waits as long as a large preview or submit may take to answer (see longAnswerMs). */
const patientAgent = new Agent({ headersTimeout: longAnswerMs, bodyTimeout: longAnswerMs });

/**
 * GET, or POST when there is a body, unless `init.method` says otherwise.
 * @example const reply = await callApi("http://localhost:4000", "/api/me", token);
 */
export async function callApi<T = unknown>(
  base: string,
  path: string,
  token: string,
  init: ApiCallInit = {}
): Promise<ApiReply<T>> {
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    dispatcher: patientAgent,
  });
  const text = await response.text();
  const json = response.headers.get("content-type")?.includes("json");
  return {
    status: response.status,
    body: (json ? JSON.parse(text) : text) as T,
    text,
    headers: response.headers,
  };
}
