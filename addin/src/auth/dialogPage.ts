// The sign-in dialog (auth-dialog.html) for Outlook versions without nested app authentication: it signs
// the user in with a full-page redirect, then sends the API token to the task pane and closes.
import { createStandardPublicClientApplication } from "@azure/msal-browser";
import { buildSettings } from "../settings/buildSettings";
import { whenOfficeReady } from "../office/officeReady";
import { messageParent } from "../office/dialog";
import { msalConfiguration } from "./msalConfiguration";
import type { DialogAnswer } from "./dialogAnswer";

async function signIn(): Promise<DialogAnswer | null> {
  const pca = await createStandardPublicClientApplication(
    msalConfiguration(buildSettings, location.origin, "session")
  );
  const result = await pca.handleRedirectPromise();
  if (result)
    return { accessToken: result.accessToken, expiresOn: (result.expiresOn ?? new Date()).toISOString() };
  const loginHint = new URLSearchParams(location.search).get("loginHint") ?? undefined;
  await pca.acquireTokenRedirect({
    scopes: [buildSettings.apiScope],
    loginHint,
    redirectStartPage: location.href,
  });
  return null; // the page navigates away
}

void whenOfficeReady()
  .then(signIn)
  .catch((err: unknown): DialogAnswer => ({ error: err instanceof Error ? err.message : String(err) }))
  .then((answer) => {
    if (answer) messageParent(JSON.stringify(answer));
  });
