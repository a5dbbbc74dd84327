// One benchmark's or proof's parts, started together and always taken down together: a tenant (a
// generated one, or a fixture file), a throwaway PostgreSQL schema, sim with that tenant and the API on
// that schema. Plus the generated tenant's one retraction, as the admin previews it.
import type { GeneratorOptions } from "../../sim/src/generator/generateTenant.js";
import { targetMessageId } from "../../sim/src/generator/generateTenant.js";
import { expectApi } from "./apiSession.js";
import { throwawaySchema, type ThrowawaySchema } from "./benchDatabase.js";
import { startBenchApi, startBenchSim, type BenchApi, type BenchSim } from "./benchStack.js";
import { writeTenant } from "./benchTenant.js";

export type BenchRun = { sim: BenchSim; api: BenchApi; schema: ThrowawaySchema };

export type BenchSetup = {
  /** What to generate (sim's generator), or a fixture file to load. */
  tenant: GeneratorOptions | { fixtureFile: string };
  /** sim's settings as environment variables (SIM_LATENCY_MS...). */
  sim?: Record<string, string>;
  /** The API's settings beyond DATABASE_URL (RETRACTION_WORKERS...). */
  api?: Record<string, string>;
};

/** Runs `work` with a fresh stack; whatever happens, the processes stop and the schema and tenant go. */
export async function withBenchRun<T>(setup: BenchSetup, work: (run: BenchRun) => Promise<T>): Promise<T> {
  const generated = "fixtureFile" in setup.tenant ? undefined : writeTenant(setup.tenant);
  const fixtureFile = "fixtureFile" in setup.tenant ? setup.tenant.fixtureFile : generated!.path;
  let schema: ThrowawaySchema | undefined;
  let sim: BenchSim | undefined;
  let api: BenchApi | undefined;
  try {
    schema = await throwawaySchema();
    sim = await startBenchSim(fixtureFile, setup.sim);
    api = await startBenchApi(sim, { ...setup.api, DATABASE_URL: schema.url });
    return await work({ sim, api, schema });
  } finally {
    await api?.stop();
    await sim?.stop();
    await schema?.drop();
    generated?.remove();
  }
}

export type RetractionRequest = {
  internetMessageId: string;
  mailbox: string;
  conversationDepth: number;
  mode: "soft" | "hard";
};

/** The retraction of a generated tenant's message, opened in its first mailbox (user1, user01...). */
export function generatedRetraction(mailboxes: number, mode: "soft" | "hard"): RetractionRequest {
  return {
    internetMessageId: targetMessageId,
    mailbox: `user${"1".padStart(String(mailboxes).length, "0")}@bench.contoso.com`,
    conversationDepth: 0,
    mode,
  };
}

/** Previews `request` as the holder of `token` and returns the retractable mailboxes. */
export async function retractableMailboxes(
  api: BenchApi,
  token: string,
  request: RetractionRequest
): Promise<string[]> {
  const plan = await expectApi<{ targets: { mailbox: string; status: string }[] }>(
    api.base,
    "/api/retractions/preview",
    token,
    { body: request }
  );
  return plan.targets.filter((t) => t.status === "retractable").map((t) => t.mailbox);
}
