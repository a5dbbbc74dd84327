// The rules engine's entry point: a scenario in, the item's explanation out. Pure: the time is the
// scenario's `asOf`, never the clock.
import { dayMs, formatEnd, formatInstant, laterEnd, type End } from "./exchangeValues.js";
import { explanationSchema, type Explanation } from "./explanation.js";
import { evaluateHolds, type HoldState } from "./holds.js";
import { actionWindow, suspensionAt } from "./mrm.js";
import { parseScenario, type Scenario } from "./scenario.js";
import { expiryOf } from "./tags.js";
import { playLife, type Snapshot } from "./timeline.js";

function retentionAt(scenario: Scenario, state: Snapshot): Explanation["retention"] {
  const resolved = state.tag;
  const none = { tag: null, startsAt: null, expiresAt: null, actionWindow: null, suspendedUntil: null };
  if (!resolved) return none;
  const { tag, source } = resolved;
  const age = tag.AgeLimitForRetention;
  const summary = {
    name: tag.Name,
    source,
    action: tag.RetentionAction,
    ageLimitDays: age?.kind === "finite" ? Math.round(age.ms / dayMs) : null,
  };
  const { stampedAt } = state;
  const expiresAt = stampedAt === null ? null : expiryOf(tag, stampedAt);
  if (stampedAt === null || expiresAt === null) return { ...none, tag: summary };
  const window = actionWindow(scenario.mailbox, expiresAt);
  const suspended =
    suspensionAt(scenario.mailbox, scenario.asOf) ?? suspensionAt(scenario.mailbox, expiresAt);
  return {
    tag: summary,
    startsAt: formatInstant(stampedAt),
    expiresAt: formatInstant(expiresAt),
    actionWindow: window && { from: formatInstant(window.from), to: formatInstant(window.to) },
    suspendedUntil: typeof suspended === "number" ? formatInstant(suspended) : suspended,
  };
}

function overallProtection(holds: HoldState[]): End | null {
  const ends = holds.filter((hold) => hold.coversItem && hold.end !== null).map((hold) => hold.end!);
  return ends.length ? ends.reduce(laterEnd) : null;
}

/**
 * Explains a validated scenario.
 * @example explainScenario(parseScenario(seed3a)).permanentRemovalAt // → "2015-03-02T15:37:16.714Z"
 */
export function explainScenario(scenario: Scenario): Explanation {
  const holds = evaluateHolds(scenario);
  const life = playLife(scenario, holds);
  const protectedUntil = overallProtection(holds);
  const removed = life.steps.find((step) => step.location === "removed");
  const explanation: Explanation = {
    retention: retentionAt(scenario, life.asOf),
    holds: holds.map((hold) => ({
      kind: hold.kind,
      id: hold.id,
      coversItem: hold.coversItem,
      protectedUntil: hold.end === null ? null : formatEnd(hold.end),
      detail: hold.detail,
    })),
    protectedUntil: protectedUntil === null ? null : formatEnd(protectedUntil),
    timeline: life.steps.map((step) => ({
      at: formatInstant(step.at),
      location: step.location,
      why: step.why,
    })),
    locationAsOf: life.asOf.location,
    permanentRemovalAt: removed
      ? formatInstant(removed.at)
      : life.pendingRemoval === null
        ? null
        : formatEnd(life.pendingRemoval),
  };
  return explanationSchema.parse(explanation);
}

/**
 * Validates raw scenario input (as read from JSON) and explains it.
 * @example explain(JSON.parse(readFileSync("examples/scenarios/seed-2.json", "utf8"))).permanentRemovalAt
 * // → "2012-04-17T20:05:52.574Z"
 * @throws RulesInputError naming the first invalid field
 */
export function explain(input: unknown): Explanation {
  return explainScenario(parseScenario(input));
}
