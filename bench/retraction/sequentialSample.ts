// The naive way, timed on a sample: one recipient after another, one request at a time (find the copy
// by Internet Message-ID, then purge it), through the API's own Graph client against a small sim with
// the same latency and limits. Its time per recipient, times N, is the benchmark's `sequential`.
import { loadApiConfig } from "../../api/src/config.js";
import { createGraph } from "../../api/src/graph/graphClient.js";
import { createAppCredential } from "../../api/src/outbound/credential.js";
import { createOutboundFetch, createOutboundDispatcher } from "../../api/src/outbound/outboundHttp.js";
import { targetMessageId } from "../../sim/src/generator/generateTenant.js";
import { startBenchSim } from "../support/benchStack.js";
import { writeTenant } from "../support/benchTenant.js";

/** Seconds per recipient done the naive way, measured over `sample` recipients. */
export async function sequentialSecondsPerRecipient(
  sample: number,
  simEnv: Record<string, string>
): Promise<number> {
  const tenant = writeTenant({ mailboxes: sample, outOfScopeShare: 0 });
  const sim = await startBenchSim(tenant.path, simEnv);
  const dispatcher = createOutboundDispatcher();
  try {
    const config = loadApiConfig({ SIM_PORT: String(sim.port), LOG_LEVEL: "silent" });
    const fetch = createOutboundFetch(dispatcher);
    const graph = createGraph(config, createAppCredential(config, { fetch }), { fetch });
    const mailboxes = Array.from(
      { length: sample },
      (_, i) => `user${String(i + 1).padStart(String(sample).length, "0")}@bench.contoso.com`
    );
    await graph.getUser(mailboxes[0]!); // the token and the connection, outside the timing
    const started = performance.now();
    for (const mailbox of mailboxes) {
      const { value: copies } = await graph.findCopies(mailbox, targetMessageId);
      for (const copy of copies) await graph.permanentDelete(mailbox, copy.id);
    }
    return (performance.now() - started) / 1000 / sample;
  } finally {
    await dispatcher.close();
    await sim.stop();
    tenant.remove();
  }
}
