// A mailbox as discovery knows it: the directory user it belongs to and the SMTP addresses that are its
// owner's, used to tell the owner's own sent messages from the ones they received.
import type { GraphUser, GroupMember } from "../../graph/graphTypes.js";

export type MailboxRef = {
  objectId: string;
  /** The user principal name in lower case: what Graph's /users/{upn} takes and what the plan shows. */
  upn: string;
  displayName: string | null;
  /** The owner's addresses in lower case: mail, UPN and, when known, every SMTP proxy address. */
  addresses: string[];
  /** False when the proxy addresses were not read (a group member comes with mail and UPN only). */
  addressesComplete: boolean;
};

const lower = (values: (string | null | undefined)[]) => [
  ...new Set(values.filter((v): v is string => !!v).map((v) => v.trim().toLowerCase())),
];

/** SMTP proxy addresses without their `SMTP:`/`smtp:` prefix; X500 and other kinds left out. */
function smtpProxies(proxyAddresses: readonly string[] | null | undefined): string[] {
  return (proxyAddresses ?? []).filter((p) => /^smtp:/i.test(p)).map((p) => p.slice(5));
}

/**
 * A mailbox reference for a directory user (findRecipientByAddress, getUser).
 * @example mailboxOfUser({ id: "1", userPrincipalName: "Adele.Vance@contoso.com", mail: "adele.vance@contoso.com",
 *          displayName: "Adele Vance", proxyAddresses: ["SMTP:adele.vance@contoso.com", "smtp:adele@contoso.com"] }).addresses
 *          // → ["adele.vance@contoso.com", "adele@contoso.com"]
 */
export function mailboxOfUser(user: GraphUser): MailboxRef {
  const upn = (user.userPrincipalName ?? user.mail ?? user.id).toLowerCase();
  return {
    objectId: user.id,
    upn,
    displayName: user.displayName ?? null,
    addresses: lower([user.mail, upn, ...smtpProxies(user.proxyAddresses)]),
    addressesComplete: true,
  };
}

/**
 * A mailbox reference for a user found among a group's transitive members.
 * @example mailboxOfMember({ kind: "user", odataType: "#microsoft.graph.user", id: "2", mail: "megan.bowen@contoso.com",
 *          userPrincipalName: "megan.bowen@contoso.com" }).addressesComplete // → false
 */
export function mailboxOfMember(member: GroupMember): MailboxRef {
  const upn = (member.userPrincipalName ?? member.mail ?? member.id).toLowerCase();
  return {
    objectId: member.id,
    upn,
    displayName: member.displayName ?? null,
    addresses: lower([member.mail, upn]),
    addressesComplete: false,
  };
}

/**
 * Whether an address is one of the mailbox owner's own.
 * @example ownsAddress(adele, "Adele@Contoso.com") // → true when adele@contoso.com is a proxy address
 */
export function ownsAddress(
  mailbox: Pick<MailboxRef, "addresses">,
  address: string | null | undefined
): boolean {
  return !!address && mailbox.addresses.includes(address.trim().toLowerCase());
}
