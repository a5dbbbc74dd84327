// One copy's predicted fate: its scenario (as the item status builds it) with the retraction added at
// `asOf`, explained by the rules engine, then read as an outcome.
import { buildItemScenario, type ItemFacts } from "../../items/itemScenario.js";
import { explainRulesInput } from "../../mailboxes/rulesInput.js";
import type { RetractionMode } from "../retractionRequest.js";
import { predictOutcome, type PredictedOutcome } from "./predictOutcome.js";

/**
 * @example predictCopy({ asOf, state, copy, folder: "inbox", body: "", labels: [] }, "hard").outcome.fate // → "keptByHold"
 */
export function predictCopy(
  facts: ItemFacts,
  mode: RetractionMode
): { outcome: PredictedOutcome; problems: string[] } {
  const { scenario, problems } = buildItemScenario(facts);
  const explanation = explainRulesInput({
    ...scenario,
    events: [{ at: facts.asOf, action: mode === "soft" ? "retractSoft" : "retractHard" }],
  });
  return { outcome: predictOutcome(explanation, mode), problems };
}
