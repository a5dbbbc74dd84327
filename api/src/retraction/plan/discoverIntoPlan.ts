// The first half of building a plan: recipient discovery with its findings staged in the database as
// they are found, then given their places in the plan. The second half (buildPlan) reads them back.
import { groupedWriter } from "../../groupedWriter.js";
import type { Services } from "../../services.js";
import { discoverRecipients } from "../discovery/discoverRecipients.js";
import type { PlanMessage } from "../discovery/discoveryTypes.js";
import type { Finding } from "../discovery/mergeFindings.js";
import type { PreviewRequest } from "../retractionRequest.js";
import { placeFindings, stageFindings } from "../store/planFindings.js";

/** Findings staged per write. */
const findingsPerStage = 500;

/**
 * Discovers the recipients of `request` into plan `planId`, gives the findings their places, and returns
 * the plan's messages. Errors as discoverRecipients.
 * @example const { messages } = await discoverIntoPlan(services, request, planId);
 */
export async function discoverIntoPlan(
  services: Pick<Services, "db" | "graph" | "config" | "now">,
  request: PreviewRequest,
  planId: string
): Promise<{ messages: PlanMessage[] }> {
  const now = new Date(services.now());
  let seq = 0;
  const staged = groupedWriter<Finding>((findings) => {
    const first = seq;
    seq += findings.length;
    return stageFindings(services.db, planId, findings, first, now);
  }, findingsPerStage);
  const { messages } = await discoverRecipients(
    { graph: services.graph, concurrency: services.config.MAILBOXES_AT_ONCE },
    request,
    (findings) => staged.add(findings)
  );
  await staged.flush();
  await placeFindings(services.db, planId);
  return { messages };
}
