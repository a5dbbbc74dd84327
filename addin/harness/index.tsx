// The harness page: an Outlook-like message list and reading pane for one of sim's demo users, with the
// real task pane beside it. `?user=UPN` picks who is signed in, `&mailbox=UPN` another person's mailbox
// they opened (as a shared mailbox; their own otherwise), `&internetMessageId=ID` the open message (the
// newest one otherwise), `&theme=dark` Outlook's dark theme. Everything comes from sim over HTTP.
import { mountTaskPane } from "../src/taskpane/mountTaskPane";
import { buildSettings } from "../src/settings/buildSettings";
import { harnessSearch, readHarnessParams, type HarnessParams } from "./harnessParams";
import { renderMessageList } from "./messageList";
import { installOfficeStandIn, type MailboxOwner } from "./officeStandIn";
import { showMessage, showNotice } from "./readingPane";
import { fetchDemoUsers, fetchMessages, type DemoUser, type MailboxMessage } from "./simMailbox";
import { renderMailboxPicker, renderUserPicker } from "./userPicker";

const defaultUser = "admin@contoso.com";

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`harness.html lacks #${id}`);
  return element as T;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

function chooseUser(params: HarnessParams, users: DemoUser[]): string {
  if (params.user) return params.user;
  return (
    (users.find((u) => u.userPrincipalName === defaultUser) ?? users[0])?.userPrincipalName ?? defaultUser
  );
}

function ownerOf(upn: string, users: DemoUser[]): MailboxOwner {
  const user = users.find((u) => u.userPrincipalName.toLowerCase() === upn.toLowerCase());
  return { address: user?.userPrincipalName ?? upn, displayName: user?.displayName ?? upn };
}

/** The message the address asks for, or the newest; a notice when the asked one is not in the mailbox. */
function openingMessage(params: HarnessParams, upn: string, messages: MailboxMessage[]) {
  const wanted = params.internetMessageId;
  if (!wanted)
    return { message: messages[0] ?? null, notice: messages.length ? null : `${upn}'s mailbox is empty.` };
  const message = messages.find((m) => m.internetMessageId.toLowerCase() === wanted.toLowerCase()) ?? null;
  return {
    message,
    notice: message ? null : `${upn}'s mailbox holds no message with Internet Message-ID ${wanted}.`,
  };
}

async function loadMailbox(simOrigin: string, params: HarnessParams, reading: HTMLElement) {
  const users = await fetchDemoUsers(simOrigin).catch((err: unknown) => {
    showNotice(reading, "sim's demo users could not be read", errorText(err));
    return [] as DemoUser[];
  });
  const upn = chooseUser(params, users);
  const shown = params.mailbox ?? upn;
  const messages = await fetchMessages(simOrigin, shown).catch((err: unknown) => {
    showNotice(reading, "No mailbox to show", errorText(err));
    return null;
  });
  return { users, upn, shown, messages };
}

async function start(): Promise<void> {
  const params = readHarnessParams(location.search);
  document.documentElement.dataset.theme = params.theme;
  const reading = byId("reading");
  const simOrigin = buildSettings.simOrigin;
  if (!simOrigin) {
    showNotice(
      reading,
      "No sim",
      "This build has no sim (a production build): the harness shows sim's demo tenant, so run it with npm start."
    );
    installOfficeStandIn(ownerOf(params.user ?? defaultUser, []), null, params.theme);
    return mountTaskPane(byId("taskpane"));
  }
  const { users, upn, shown, messages } = await loadMailbox(simOrigin, params, reading);
  renderUserPicker(byId<HTMLSelectElement>("user-picker"), users, upn, (chosen) => {
    location.search = harnessSearch({ ...params, user: chosen, mailbox: null, internetMessageId: null });
  });
  renderMailboxPicker(byId<HTMLSelectElement>("mailbox-picker"), users, upn, params.mailbox, (chosen) => {
    location.search = harnessSearch({ ...params, user: upn, mailbox: chosen, internetMessageId: null });
  });
  const opening = messages ? openingMessage(params, shown, messages) : { message: null, notice: null };
  const office = installOfficeStandIn(ownerOf(upn, users), opening.message, params.theme, params.mailbox);
  const list = renderMessageList(byId("message-list"), messages ?? [], (message) => {
    list.markSelected(message);
    showMessage(reading, message);
    history.replaceState(
      null,
      "",
      harnessSearch({ ...params, user: upn, internetMessageId: message.internetMessageId })
    );
    office.select(message);
  });
  list.markSelected(opening.message);
  if (opening.message) showMessage(reading, opening.message);
  else if (opening.notice) showNotice(reading, "No message", opening.notice);
  return mountTaskPane(byId("taskpane"));
}

void start().catch((err: unknown) =>
  showNotice(byId("reading"), "The harness failed to start", errorText(err))
);
