// Reads the demo tenant from sim's own inspection endpoints (not Microsoft's), over HTTP only: the harness
// must not import sim's code, so the shapes of its answers are written out here.

export type DemoUser = { userPrincipalName: string; displayName: string; appRoles: string[] };

/** Outlook's recipient kinds that sim can tell apart from its directory. */
export type RecipientKind = "user" | "externalUser" | "distributionList" | "other";
export type MailboxPerson = { name: string; address: string };
export type MailboxRecipient = MailboxPerson & { kind: RecipientKind };

/** One copy in the user's mailbox, as GET /_sim/mailboxes/{upn}/messages lists it. */
export type MailboxMessage = {
  /** The copy's Graph (REST) id. */
  id: string;
  subject: string;
  from: MailboxPerson | null;
  to: MailboxRecipient[];
  cc: MailboxRecipient[];
  receivedDateTime: string;
  internetMessageId: string;
  bodyPreview: string;
  folder: string;
};

async function getJson<T>(simOrigin: string, path: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${simOrigin}${path}`, { headers: { accept: "application/json" } });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error(`Could not reach sim at ${simOrigin} (${detail}). Is npm start running?`, { cause: err });
  }
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!response.ok)
    throw new Error(`sim answered ${response.status}: ${body?.error?.message ?? response.statusText}`);
  return body as T;
}

/** The demo tenant's mailbox users, with their app roles. */
export async function fetchDemoUsers(simOrigin: string): Promise<DemoUser[]> {
  const body = await getJson<{ value: DemoUser[] }>(simOrigin, "/_sim/mailboxes");
  return body.value.map(({ userPrincipalName, displayName, appRoles }) => ({
    userPrincipalName,
    displayName,
    appRoles,
  }));
}

/** The user's messages, newest first; rejects with sim's own words for an unknown user. */
export async function fetchMessages(simOrigin: string, upn: string): Promise<MailboxMessage[]> {
  const body = await getJson<{ value: MailboxMessage[] }>(
    simOrigin,
    `/_sim/mailboxes/${encodeURIComponent(upn)}/messages`
  );
  return body.value;
}
