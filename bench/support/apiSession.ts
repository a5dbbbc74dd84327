// Talks to a benchmark's API as the demo tenant's people do: signed in through sim's authority (code +
// PKCE, like the add-in), then plain JSON calls with the bearer token.
import { devCaAgent } from "../../lib/devCaAgent.js";
import { loadApiConfig } from "../../api/src/config.js";
import { signInUser } from "../../api/src/cli/signIn.js";
import type { BenchSim } from "./benchStack.js";

export type ApiReply<T = unknown> = { status: number; body: T; text: string };

/** An API token for `upn`, signed in through `sim`'s authority. */
export async function signIn(sim: BenchSim, upn: string): Promise<string> {
  const dispatcher = devCaAgent();
  try {
    return await signInUser(loadApiConfig({ SIM_PORT: String(sim.port) }), dispatcher, upn);
  } finally {
    await dispatcher.close();
  }
}

export async function callApi<T = unknown>(
  base: string,
  path: string,
  token: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}
): Promise<ApiReply<T>> {
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  const json = response.headers.get("content-type")?.includes("json");
  return { status: response.status, body: (json ? JSON.parse(text) : text) as T, text };
}

/** Like callApi, but anything other than `expected` (200 by default) is an error naming the reply. */
export async function expectApi<T = unknown>(
  base: string,
  path: string,
  token: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  expected = [200]
): Promise<T> {
  const reply = await callApi<T>(base, path, token, init);
  if (!expected.includes(reply.status))
    throw new Error(
      `${init.method ?? (init.body === undefined ? "GET" : "POST")} ${path}: ${reply.status} ${reply.text.slice(0, 500)}`
    );
  return reply.body;
}
