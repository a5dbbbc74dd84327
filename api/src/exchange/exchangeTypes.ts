// The objects the Exchange admin API's cmdlets return, with the properties the API reads typed as
// Exchange prints them (TimeSpans "14.00:00:00", dates with an offset, quotas as text); any other
// property is kept as it came. Annotations such as "@odata.type" are removed before they get here.

export type ExchangeObject = Record<string, unknown>;

export type ExchangeMailbox = ExchangeObject & {
  Identity?: string;
  UserPrincipalName?: string;
  PrimarySmtpAddress?: string;
  ExchangeGuid?: string;
  ExternalDirectoryObjectId?: string;
  RecipientTypeDetails?: string;
  LitigationHoldEnabled?: boolean;
  LitigationHoldDate?: string | null;
  LitigationHoldOwner?: string | null;
  /** "Unlimited" or a TimeSpan such as "2555.00:00:00". */
  LitigationHoldDuration?: string | null;
  InPlaceHolds?: string[];
  RetentionHoldEnabled?: boolean;
  StartDateForRetentionHold?: string | null;
  EndDateForRetentionHold?: string | null;
  SingleItemRecoveryEnabled?: boolean;
  RetainDeletedItemsFor?: string | null;
  ElcProcessingDisabled?: boolean;
  ComplianceTagHoldApplied?: boolean;
  DelayHoldApplied?: boolean;
  DelayReleaseHoldApplied?: boolean;
  RetentionPolicy?: string | null;
  RecoverableItemsQuota?: string | null;
  RecoverableItemsWarningQuota?: string | null;
};

export type ExchangeOrganizationConfig = ExchangeObject & { InPlaceHolds?: string[] };

export type ExchangeRetentionPolicy = ExchangeObject & {
  Name?: string;
  IsDefault?: boolean;
  RetentionPolicyTagLinks?: string[];
};

export type ExchangeRetentionPolicyTag = ExchangeObject & {
  Name?: string;
  RetentionId?: string;
  Type?: string;
  AgeLimitForRetention?: string | null;
  RetentionAction?: string;
  RetentionEnabled?: boolean;
};

export type ExchangeFolderStatistics = ExchangeObject & {
  Name?: string;
  FolderPath?: string;
  FolderType?: string;
  ItemsInFolder?: number;
  FolderSize?: string;
  ItemsInFolderAndSubfolders?: number;
  FolderAndSubfolderSize?: string;
};

/** Get-MailboxSearch -InPlaceHoldIdentity: a legacy In-Place hold. */
export type ExchangeMailboxSearch = ExchangeObject & {
  Name?: string;
  InPlaceHoldIdentity?: string;
  InPlaceHoldEnabled?: boolean;
  SearchQuery?: string;
  ItemHoldPeriod?: string | null;
};

export type ExchangeCaseHoldPolicy = ExchangeObject & { Name?: string; Guid?: string; Enabled?: boolean };
export type ExchangeCaseHoldRule = ExchangeObject & {
  Name?: string;
  Policy?: string;
  ContentMatchQuery?: string;
};

export type ExchangeRetentionCompliancePolicy = ExchangeObject & {
  Name?: string;
  Guid?: string;
  Enabled?: boolean;
};
export type ExchangeRetentionComplianceRule = ExchangeObject & {
  Name?: string;
  Policy?: string;
  /** "Delete", "Keep" or "KeepAndDelete". */
  RetentionComplianceAction?: string;
  /** Days, or "Unlimited". */
  RetentionDuration?: number | string | null;
  ContentMatchQuery?: string;
};

/** An InvokeCommand result: every row of every page, the warnings and the request ids. */
export type ExchangeReply<T> = { value: T[]; warnings: string[]; requestIds: string[] };
