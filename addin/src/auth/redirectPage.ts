// The page the authority redirects silent and popup sign-ins to (auth-redirect.html): it hands the answer
// to the page that asked for it and shows nothing else.
import { broadcastResponseToMainFrame } from "@azure/msal-browser/redirect-bridge";

broadcastResponseToMainFrame().catch((err: unknown) => {
  document.body.textContent = `Sign-in could not finish: ${err instanceof Error ? err.message : String(err)}`;
});
