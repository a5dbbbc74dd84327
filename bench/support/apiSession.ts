// Talks to a benchmark's API as the demo tenant's people do: signed in through sim's authority (code +
// PKCE, like the add-in), then JSON calls (lib/callApi) that must succeed.
import { randomUUID } from "node:crypto";
import { callApi, type ApiCallInit } from "../../lib/callApi.js";
import { devCaAgent } from "../../lib/devCaAgent.js";
import { loadApiConfig } from "../../api/src/config.js";
import { signInUser } from "../../api/src/cli/signIn.js";
import type { BenchSim } from "./benchStack.js";

/** An API token for `upn`, signed in through `sim`'s authority. */
export async function signIn(sim: BenchSim, upn: string): Promise<string> {
  const dispatcher = devCaAgent();
  try {
    return await signInUser(loadApiConfig({ SIM_PORT: String(sim.port) }), dispatcher, upn);
  } finally {
    await dispatcher.close();
  }
}

/** Like callApi, but anything other than `expected` (200 by default) is an error naming the reply. */
export async function expectApi<T = unknown>(
  base: string,
  path: string,
  token: string,
  init: ApiCallInit = {},
  expected = [200]
): Promise<T> {
  const reply = await callApi<T>(base, path, token, init);
  if (!expected.includes(reply.status))
    throw new Error(
      `${init.method ?? (init.body === undefined ? "GET" : "POST")} ${path}: ${reply.status} ${reply.text.slice(0, 500)}`
    );
  return reply.body;
}

/** The demo tenant's admin (requests retractions) and approver (approves them), signed in at once. */
export async function signInAdminAndApprover(sim: BenchSim): Promise<{ admin: string; approver: string }> {
  const [admin, approver] = await Promise.all([
    signIn(sim, "admin@contoso.com"),
    signIn(sim, "approver@contoso.com"),
  ]);
  return { admin, approver };
}

/** Submits a retraction (`body`: the request with its include and reason) under a fresh Idempotency-Key; 202 expected. */
export function submitRetraction(base: string, token: string, body: object): Promise<{ id: string }> {
  return expectApi<{ id: string }>(
    base,
    "/api/retractions",
    token,
    { body, headers: { "Idempotency-Key": randomUUID() } },
    [202]
  );
}
