// Every hold on the mailbox, whether it covers the item, and until when it protects it.
import { addDuration, dayMs, earlierEnd, formatInstant, type End } from "./exchangeValues.js";
import { matchesHoldQuery } from "./holdQuery.js";
import { policyRetains, type DecodedHold } from "./inPlaceHolds.js";
import type { HoldDetail, Scenario } from "./scenario.js";
import type { HoldExplanation } from "./explanation.js";

/** A hold as the rules use it: `end` is when its protection of this item ends (null when it does not cover it). */
export type HoldState = {
  kind: HoldExplanation["kind"];
  id: string | null;
  coversItem: boolean;
  end: End | null;
  detail: string;
  /** When the hold was placed, where Exchange records it; a hold cannot keep what was gone before it. */
  placedAt: number | null;
};

const holdNames: Record<HoldState["kind"], string> = {
  LitigationHold: "Litigation Hold",
  InPlaceHold: "In-Place Hold",
  eDiscoveryHold: "eDiscovery case hold",
  RetentionPolicy: "retention policy",
  RetentionPolicyExclusion: "retention policy exclusion",
  RetentionLabel: "retention label",
  DelayHold: "delay hold",
};

/**
 * A hold kind in words, for timelines and summaries.
 * @example holdName("LitigationHold") // → "Litigation Hold"
 */
export function holdName(kind: HoldState["kind"]): string {
  return holdNames[kind];
}

/** A delay hold keeps everything for 30 days after the last hold is removed. */
export const delayHoldMs = 30 * dayMs;

const day = (ms: number) => formatInstant(ms).slice(0, 10);
const periodText = (end: End, from: number) =>
  typeof end === "number" ? `${Math.round((end - from) / dayMs)} days from receipt` : "unlimited";

/**
 * The details (Get-MailboxSearch, Get-CaseHoldPolicy, Get-RetentionCompliancePolicy) of an InPlaceHolds
 * entry, matched by the entry as printed, its lookup id or its bare GUID, whatever prefix the details carry.
 * @example findDetail([{ Identity: "mbx7cfb…:1", … }], decodeInPlaceHold("-mbx7cfb…", "f")) // → that detail
 */
export function findDetail(details: HoldDetail[], hold: DecodedHold): HoldDetail | undefined {
  const wanted = [hold.raw.toLowerCase(), hold.id.toLowerCase(), hold.guid];
  return details.find((detail) => {
    const identity = detail.Identity.toLowerCase();
    return (
      wanted.includes(identity) ||
      wanted.includes(
        identity
          .replace(/-/g, "")
          .replace(/^(cld|unih|mbx|skp|grp)/, "")
          .replace(/:\d$/, "")
      )
    );
  });
}

function litigationHold(scenario: Scenario): HoldState[] {
  const { mailbox, item } = scenario;
  if (!mailbox.LitigationHoldEnabled) return [];
  const end = addDuration(item.receivedAt, mailbox.LitigationHoldDuration);
  const parts = [
    mailbox.LitigationHoldOwner ? `owner ${mailbox.LitigationHoldOwner}` : null,
    mailbox.LitigationHoldDate != null ? `since ${day(mailbox.LitigationHoldDate)}` : null,
    `duration ${periodText(end, item.receivedAt)}`,
  ];
  return [
    {
      kind: "LitigationHold",
      id: null,
      coversItem: true,
      end,
      detail: parts.filter(Boolean).join(", "),
      placedAt: mailbox.LitigationHoldDate ?? null,
    },
  ];
}

function queryHold(scenario: Scenario, hold: DecodedHold, detail: HoldDetail | undefined): HoldState {
  const { item } = scenario;
  const match = matchesHoldQuery(detail?.Query, item.subject, item.body);
  const label = hold.kind === "eDiscoveryHold" ? "eDiscovery case hold" : "In-Place Hold";
  const name = detail?.Name ? `${label} "${detail.Name}"` : label;
  const coversItem = detail ? match !== false : true;
  const period = detail?.ItemHoldPeriod;
  // A case hold keeps items for as long as it is in place; an In-Place hold may set a period per item.
  const end: End = period
    ? addDuration(item.receivedAt, period)
    : hold.kind === "eDiscoveryHold"
      ? "indefinitely"
      : "unknown";
  const scope = !detail
    ? "its query is not known here, so it is assumed to cover the item"
    : !detail.Query?.trim()
      ? "no query: covers every item"
      : match === "unknown"
        ? `query "${detail.Query}" cannot be evaluated here, so it is assumed to cover the item`
        : `query "${detail.Query}" ${match ? "matches" : "does not match"} this item`;
  return {
    kind: hold.kind,
    id: hold.id,
    coversItem,
    end: coversItem ? end : null,
    detail: `${name}; ${scope}`,
    placedAt: null,
  };
}

const actionText = {
  deleteOnly: "delete only",
  retainOnly: "retain only",
  retainThenDelete: "retain, then delete",
};

function retentionPolicy(
  scenario: Scenario,
  hold: DecodedHold,
  detail: HoldDetail | undefined,
  orgWide: boolean
): HoldState {
  const { item } = scenario;
  const name = `${orgWide ? "organization-wide " : ""}retention policy${detail?.Name ? ` "${detail.Name}"` : ""} (${actionText[hold.action!]})`;
  const workloadCovers =
    hold.workload === "exchange" ||
    (hold.workload === "skype" && item.folder.toLowerCase() === "conversationhistory");
  if (!policyRetains(hold) || !workloadCovers) {
    const why = !policyRetains(hold)
      ? "it deletes after its period but keeps nothing"
      : hold.workload === "skype"
        ? "it covers Skype for Business conversations only"
        : "it covers Microsoft 365 Groups content, not this mailbox's mail";
    return {
      kind: "RetentionPolicy",
      id: hold.id,
      coversItem: false,
      end: null,
      detail: `${name}; ${why}`,
      placedAt: null,
    };
  }
  const period = detail?.RetentionDuration ?? detail?.ItemHoldPeriod;
  const end: End = period ? addDuration(item.receivedAt, period) : "unknown";
  const scope = period
    ? `keeps items ${periodText(end, item.receivedAt)}`
    : "its retention period is not known here";
  return {
    kind: "RetentionPolicy",
    id: hold.id,
    coversItem: true,
    end,
    detail: `${name}; ${scope}`,
    placedAt: null,
  };
}

function inPlaceHolds(scenario: Scenario): HoldState[] {
  const { mailbox, organization, inPlaceHoldDetails: details } = scenario;
  const excluded = new Set(
    mailbox.InPlaceHolds.filter((h) => h.kind === "RetentionPolicyExclusion").map((h) => h.guid)
  );
  const states: HoldState[] = [];
  for (const hold of mailbox.InPlaceHolds) {
    const detail = findDetail(details, hold);
    if (hold.kind === "RetentionPolicyExclusion") {
      const text = `excluded from organization-wide retention policy ${hold.id}${detail?.Name ? ` ("${detail.Name}")` : ""}`;
      states.push({
        kind: hold.kind,
        id: hold.id,
        coversItem: false,
        end: null,
        detail: text,
        placedAt: null,
      });
    } else if (hold.kind === "RetentionPolicy") states.push(retentionPolicy(scenario, hold, detail, false));
    else states.push(queryHold(scenario, hold, detail));
  }
  for (const hold of organization.InPlaceHolds) {
    if (hold.kind !== "RetentionPolicy" || hold.workload !== "exchange" || excluded.has(hold.guid)) continue;
    states.push(retentionPolicy(scenario, hold, findDetail(details, hold), true));
  }
  return states;
}

function retentionLabel(scenario: Scenario): HoldState[] {
  const { mailbox, item, retentionLabels } = scenario;
  if (!item.retentionLabel) {
    if (!mailbox.ComplianceTagHoldApplied) return [];
    const detail = "retention labels keep some items in this mailbox; this item has none";
    return [{ kind: "RetentionLabel", id: null, coversItem: false, end: null, detail, placedAt: null }];
  }
  const label = retentionLabels.find(
    (candidate) => candidate.Name.toLowerCase() === item.retentionLabel!.toLowerCase()
  );
  const end: End = label?.RetentionDuration
    ? addDuration(item.receivedAt, label.RetentionDuration)
    : "unknown";
  const detail = `label "${item.retentionLabel}"${label?.RetentionDuration ? `, keeps the item ${periodText(end, item.receivedAt)}` : "; its retention period is not known here"}`;
  return [{ kind: "RetentionLabel", id: item.retentionLabel, coversItem: true, end, detail, placedAt: null }];
}

function delayHoldFlag(scenario: Scenario): HoldState[] {
  if (!scenario.mailbox.DelayHoldApplied) return [];
  const detail = "a hold was removed within the last 30 days; when is not known here";
  return [{ kind: "DelayHold", id: null, coversItem: true, end: "unknown", detail, placedAt: null }];
}

/** Applies `holdRemoved` events: every hold's protection ends then, and a 30-day delay hold follows. */
function applyRemovals(scenario: Scenario, holds: HoldState[]): HoldState[] {
  let current = holds;
  for (const event of scenario.events.filter((e) => e.action === "holdRemoved")) {
    const cut = current
      .filter((hold) => hold.kind !== "DelayHold")
      .map((hold) => ({
        ...hold,
        end: hold.end === null ? null : earlierEnd(hold.end, event.at),
        detail: `${hold.detail}; removed ${day(event.at)}`,
      }));
    const delay: HoldState = {
      kind: "DelayHold",
      id: null,
      coversItem: true,
      end: event.at + delayHoldMs,
      detail: `delay hold after holds were removed on ${day(event.at)}`,
      placedAt: event.at,
    };
    current = [...cut, delay];
  }
  return current;
}

/**
 * Evaluates every hold of the scenario's mailbox (and its organization) for its item.
 * @example evaluateHolds(parseScenario(seedScenario3a)) // → [{ kind: "LitigationHold", coversItem: true, end: <2015-03-02…>, … }]
 */
export function evaluateHolds(scenario: Scenario): HoldState[] {
  const holds = [
    ...litigationHold(scenario),
    ...inPlaceHolds(scenario),
    ...retentionLabel(scenario),
    ...delayHoldFlag(scenario),
  ];
  return applyRemovals(scenario, holds);
}
