// Proof that the API process refuses every kind of bad token: the shared bad-token matrix sent to a real
// API process on PostgreSQL, against sim's authority, with good tokens as positive controls.
import { startSim, type RunningSim } from "../../test/support/simServer.js";
import { signIn } from "../support/apiSession.js";
import { throwawaySchema } from "../support/benchDatabase.js";
import { startBenchApi, type BenchApi, type BenchSim } from "../support/benchStack.js";
import { authorityOf, badTokenCases, simSigned, tokenContext } from "./badTokens.js";
import type { Proof } from "./proofTypes.js";

/**
 * sim in this process, as the API process sees any sim: by its port. In process because claim-only
 * cases are signed with sim's own key, which never leaves sim.
 */
function asBenchSim(sim: RunningSim): BenchSim {
  const call = async <T>(path: string, body?: unknown): Promise<T> => {
    const reply = await sim.call(path, body === undefined ? {} : { method: "PUT", body });
    if (reply.status !== 200) throw new Error(`sim answered ${path} with ${reply.status}: ${reply.text}`);
    return reply.body as T;
  };
  return {
    origin: sim.origin,
    port: Number(new URL(sim.origin).port),
    call,
    stats: () => call("/_sim/stats"),
    stop: () => sim.close(),
  };
}

/** GET /api/me with these Authorization header values; the status only. */
async function statusOfMe(base: string, authorization: string[]): Promise<number> {
  const headers = new Headers();
  for (const value of authorization) headers.append("authorization", value);
  const response = await fetch(`${base}/api/me`, { headers });
  await response.arrayBuffer();
  return response.status;
}

export const tokenMatrixProof: Proof = {
  name: "token-matrix",
  async run({ log }) {
    const problems: string[] = [];
    const schema = await throwawaySchema();
    let sim: RunningSim | undefined;
    let api: BenchApi | undefined;
    try {
      sim = await startSim();
      const benchSim = asBenchSim(sim);
      api = await startBenchApi(benchSim, { DATABASE_URL: schema.url });
      log(`token-matrix: API process at ${api.base} (PostgreSQL), sim's authority at ${sim.origin}`);
      const context = await tokenContext(authorityOf(sim), await signIn(benchSim, "admin@contoso.com"));

      // Positive controls: without them a broken API refusing everything would pass.
      const controls: [string, string[]][] = [
        ["the good token", [`Bearer ${context.good}`]],
        ["the good claims signed again by sim's key", await simSigned(context, {})],
      ];
      for (const [name, headers] of controls) {
        const status = await statusOfMe(api.base, headers);
        if (status !== 200) problems.push(`positive control "${name}" answered ${status}, not 200`);
      }

      let rejected = 0;
      let serverErrors = 0;
      for (const c of badTokenCases) {
        const status = await statusOfMe(api.base, await c.build(context));
        if (status === 401 || status === 403) rejected++;
        else problems.push(`"${c.name}" answered ${status}`);
        if (status >= 500) serverErrors++;
      }
      const cases = badTokenCases.length;
      log(`token-matrix: ${cases} bad tokens sent, ${rejected} refused, ${controls.length} controls`);
      if (cases < 25) problems.push(`only ${cases} cases (at least 25 wanted)`);
      return {
        line: `token-matrix cases=${cases} rejected=${rejected} server_errors=${serverErrors}`,
        ok: problems.length === 0 && rejected === cases && serverErrors === 0,
        problems,
      };
    } finally {
      await api?.stop();
      await sim?.close();
      await schema.drop();
    }
  },
};
