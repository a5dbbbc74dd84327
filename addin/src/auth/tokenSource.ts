// Access tokens for the companion API. Where Outlook supports nested app authentication (NestedAppAuth
// 1.1) msal-browser asks the host (silently first, then interactively); outside a NAA host the same code
// signs in against the authority itself (the local harness does this against sim). Where NAA is not
// supported, an Office dialog runs the sign-in and hands the token back.
import {
  BrowserAuthError,
  InteractionRequiredAuthError,
  createNestablePublicClientApplication,
  type IPublicClientApplication,
} from "@azure/msal-browser";
import type { AddinBuildSettings } from "../../../lib/addinBuildSettings";
import { msalConfiguration } from "./msalConfiguration";
import { readDialogAnswer } from "./dialogAnswer";

export type TokenSource = {
  /** A token for the API; `fresh` skips the cache (after the API refused a token). */
  getToken(options?: { fresh?: boolean }): Promise<string>;
};

export type TokenSourceDeps = {
  settings: AddinBuildSettings;
  /** The task pane's origin (where auth-redirect.html and auth-dialog.html are served). */
  origin: string;
  /** The mailbox user's address: who should be signed in. */
  loginHint: string;
  supportsNestedAppAuth: boolean;
  /** Opens an Office dialog at the URL and resolves with its first message. */
  openDialog(url: string): Promise<string>;
};

/** A failed sign-in, in words a user can act on. */
export class SignInError extends Error {
  override readonly name = "SignInError";
}

function signInError(err: unknown): SignInError {
  if (err instanceof SignInError) return err;
  if (err instanceof BrowserAuthError && /popup/i.test(err.errorCode))
    return new SignInError("Sign-in needs a pop-up window: allow pop-ups for Outlook and try again.");
  if (err instanceof BrowserAuthError && err.errorCode === "user_cancelled")
    return new SignInError("Sign-in was cancelled.");
  const detail = err instanceof Error ? err.message : String(err);
  return new SignInError(`Sign-in failed: ${detail}`);
}

function nestedAppTokens(deps: TokenSourceDeps): TokenSource {
  const scopes = [deps.settings.apiScope];
  let app: Promise<IPublicClientApplication> | null = null;
  const application = () =>
    (app ??= createNestablePublicClientApplication(msalConfiguration(deps.settings, deps.origin, "memory")));
  return {
    async getToken(options = {}) {
      const pca = await application().catch((err: unknown) => {
        app = null;
        throw signInError(err);
      });
      const hint = deps.loginHint.toLowerCase();
      const account =
        pca.getActiveAccount() ?? pca.getAllAccounts().find((a) => a.username.toLowerCase() === hint) ?? null;
      try {
        const result = account
          ? await pca.acquireTokenSilent({ scopes, account, forceRefresh: options.fresh === true })
          : await pca.ssoSilent({ scopes, loginHint: deps.loginHint });
        pca.setActiveAccount(result.account);
        return result.accessToken;
      } catch (err) {
        // Only a missing sign-in or consent calls for a window; anything else is reported as it is.
        const interactive =
          err instanceof InteractionRequiredAuthError ||
          (err instanceof BrowserAuthError && /monitor_window_timeout|no_account/.test(err.errorCode));
        if (!interactive) throw signInError(err);
      }
      try {
        const result = await pca.acquireTokenPopup({ scopes, loginHint: deps.loginHint });
        pca.setActiveAccount(result.account);
        return result.accessToken;
      } catch (err) {
        throw signInError(err);
      }
    },
  };
}

function dialogTokens(deps: TokenSourceDeps): TokenSource {
  let cached: { token: string; expiresAt: number } | null = null;
  return {
    async getToken(options = {}) {
      // A token with under two minutes left could expire on its way to the API.
      if (cached && !options.fresh && cached.expiresAt - Date.now() > 120_000) return cached.token;
      const url = `${deps.origin}/auth-dialog.html?loginHint=${encodeURIComponent(deps.loginHint)}`;
      const answer = readDialogAnswer(
        await deps.openDialog(url).catch((err: unknown) => Promise.reject(signInError(err)))
      );
      if ("error" in answer) throw new SignInError(`Sign-in failed: ${answer.error}`);
      cached = { token: answer.accessToken, expiresAt: Date.parse(answer.expiresOn) };
      return answer.accessToken;
    },
  };
}

export function createTokenSource(deps: TokenSourceDeps): TokenSource {
  return deps.supportsNestedAppAuth ? nestedAppTokens(deps) : dialogTokens(deps);
}
