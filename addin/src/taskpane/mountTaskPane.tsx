// Starts the task pane in a container once Office is ready: signs the mailbox's user in, and renders again
// whenever the selection changes (a pinned task pane follows it). Outlook's task pane page and the local
// harness both start the add-in through this one function.
import { createRoot } from "react-dom/client";
import { createApiClient } from "../api/apiClient";
import { createTokenSource } from "../auth/tokenSource";
import { App } from "../components/App";
import { errorMessage } from "../components/ErrorNotice";
import { openDialog } from "../office/dialog";
import { hostPrefersDark } from "../office/hostTheme";
import { readSharedOwner } from "../office/itemMailbox";
import { readMailboxUser } from "../office/mailboxUser";
import { whenOfficeReady } from "../office/officeReady";
import { onItemChanged } from "../office/onItemChanged";
import { supportsNestedAppAuth } from "../office/requirements";
import { readSelectedItem, type SelectedItem } from "../office/selectedItem";
import { buildSettings } from "../settings/buildSettings";

export async function mountTaskPane(container: HTMLElement): Promise<void> {
  const root = createRoot(container);
  const fail = (err: unknown) =>
    root.render(
      <App dark={false} api={null} startError={errorMessage(err)} mailbox="" item={null} itemError={null} />
    );
  let user: string;
  try {
    await whenOfficeReady();
    user = readMailboxUser().address;
  } catch (err) {
    fail(err);
    return;
  }
  const tokens = createTokenSource({
    settings: buildSettings,
    origin: location.origin,
    loginHint: user,
    supportsNestedAppAuth: supportsNestedAppAuth(),
    openDialog: (url) => openDialog(url),
  });
  const api = createApiClient(buildSettings.apiBaseUrl, tokens);
  let shown = 0;
  const render = async () => {
    const selection = ++shown;
    let item: SelectedItem | null = null;
    let itemError: string | null = null;
    try {
      item = readSelectedItem();
    } catch (err) {
      itemError = errorMessage(err);
    }
    // The message may be in another person's mailbox that the user opened (shared or delegated).
    const mailbox = (item && (await readSharedOwner())) || user;
    if (selection !== shown) return; // the user has moved on to another message meanwhile
    root.render(
      <App
        dark={hostPrefersDark()}
        api={api}
        startError={null}
        mailbox={mailbox}
        item={item}
        itemError={itemError}
      />
    );
  };
  await render();
  // Without the event the pane still serves the message it opened on; it just does not follow the selection.
  await onItemChanged(() => void render()).catch((err: unknown) => console.warn(errorMessage(err)));
}
