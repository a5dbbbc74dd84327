// Builds rules-engine scenarios for tests: seed 002's mailbox and item, overridable field by field.
export type ScenarioInput = {
  asOf?: string;
  mailbox?: Record<string, unknown>;
  organization?: Record<string, unknown>;
  retentionTags?: Record<string, unknown>[];
  inPlaceHoldDetails?: Record<string, unknown>[];
  retentionLabels?: Record<string, unknown>[];
  item?: Record<string, unknown>;
  events?: { at: string; action: string }[];
};

export const received = "2012-03-01T15:37:16.714Z";

export function scenario(overrides: ScenarioInput = {}): ScenarioInput {
  return {
    asOf: overrides.asOf ?? "2012-04-20T00:00:00Z",
    mailbox: { SingleItemRecoveryEnabled: true, RetainDeletedItemsFor: "14.00:00:00", ...overrides.mailbox },
    organization: overrides.organization,
    retentionTags: overrides.retentionTags ?? [],
    inPlaceHoldDetails: overrides.inPlaceHoldDetails ?? [],
    retentionLabels: overrides.retentionLabels ?? [],
    item: { receivedDateTime: received, folder: "inbox", subject: "Invoice 42", ...overrides.item },
    events: overrides.events ?? [],
  };
}

export const litigationHold = (duration: string | number = "1096.00:00:00") => ({
  LitigationHoldEnabled: true,
  LitigationHoldDate: "2012-01-01T00:00:00Z",
  LitigationHoldDuration: duration,
  LitigationHoldOwner: "admin@contoso.com",
});

export const tag = (name: string, type: string, days: number | null, action: string, enabled = true) => ({
  Name: name,
  RetentionId: `${name.toLowerCase().replace(/\W+/g, "-")}-id`,
  Type: type,
  AgeLimitForRetention: days === null ? null : `${days}.00:00:00`,
  RetentionAction: action,
  RetentionEnabled: enabled,
});

export const shiftDelete2012 = { at: "2012-04-03T20:05:52.574Z", action: "hardDelete" };
