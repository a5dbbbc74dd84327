// The "Signed in as" picker (the demo users with their app roles; choosing one reloads the page as them)
// and the "Mailbox" picker (the user's own, or another person's opened as a shared mailbox).
import type { DemoUser } from "./simMailbox";

function describeUser(user: DemoUser): string {
  const roles = user.appRoles.length ? user.appRoles.join(", ") : "no app roles";
  return `${user.displayName} (${user.userPrincipalName}): ${roles}`;
}

export function renderUserPicker(
  select: HTMLSelectElement,
  users: DemoUser[],
  current: string,
  onChange: (upn: string) => void
): void {
  const known = users.some((u) => u.userPrincipalName.toLowerCase() === current.toLowerCase());
  const entries: [string, string][] = users.map((u) => [u.userPrincipalName, describeUser(u)]);
  if (!known) entries.unshift([current, `${current} (not a mailbox in sim)`]);
  select.replaceChildren(
    ...entries.map(([upn, text]) => {
      const option = document.createElement("option");
      option.value = upn;
      option.textContent = text;
      option.selected = upn.toLowerCase() === current.toLowerCase();
      return option;
    })
  );
  select.addEventListener("change", () => onChange(select.value));
}

/** Fills the mailbox picker: the user's own mailbox first (value ""), then every other demo mailbox. */
export function renderMailboxPicker(
  select: HTMLSelectElement,
  users: DemoUser[],
  user: string,
  current: string | null,
  onChange: (mailbox: string | null) => void
): void {
  const others = users.filter((u) => u.userPrincipalName.toLowerCase() !== user.toLowerCase());
  const entries: [string, string][] = [
    ["", "My mailbox"],
    ...others.map((u): [string, string] => [u.userPrincipalName, `${u.displayName} (shared with me)`]),
  ];
  select.replaceChildren(
    ...entries.map(([upn, text]) => {
      const option = document.createElement("option");
      option.value = upn;
      option.textContent = text;
      option.selected = upn.toLowerCase() === (current ?? "").toLowerCase();
      return option;
    })
  );
  select.addEventListener("change", () => onChange(select.value || null));
}
