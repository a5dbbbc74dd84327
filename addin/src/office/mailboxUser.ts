// Who owns the mailbox the add-in runs in, as Outlook reports it (no sign-in needed to know this).

export type MailboxUser = {
  address: string;
  name: string;
  /** The user's time zone as Outlook names it (e.g. "Pacific Standard Time"); null when not given. */
  timeZone: string | null;
};

/** The signed-in mailbox's owner; throws a readable error when Outlook does not say. */
export function readMailboxUser(): MailboxUser {
  const profile = Office.context?.mailbox?.userProfile;
  if (!profile?.emailAddress)
    throw new Error("Outlook did not say whose mailbox this is (no user profile). Reopen the add-in.");
  return {
    address: profile.emailAddress,
    name: profile.displayName || profile.emailAddress,
    timeZone: profile.timeZone || null,
  };
}
