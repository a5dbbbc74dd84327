// Keeps the app's access tokens in memory and hands the same one out until shortly before it expires.
// The credentials of @azure/identity cache tokens too, but every getToken goes through MSAL's cache
// lookup, which costs a measurable share of the CPU when the API sends a thousand requests a second.
import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/identity";

/** A token is replaced this long before it expires (or from its refresh time, if the authority gives one). */
export const refreshBeforeExpiryMs = 5 * 60_000;

/**
 * `inner`, with its tokens kept per scope until they are due for refresh; concurrent requests for a
 * scope share one sign-in. Requests with claims (a Continuous Access Evaluation challenge) or for
 * another tenant always go to `inner`.
 * @example const credential = keepTokens(new ClientSecretCredential(tenant, client, secret));
 */
export function keepTokens(inner: TokenCredential, now: () => number = Date.now): TokenCredential {
  const kept = new Map<string, AccessToken>();
  const pending = new Map<string, Promise<AccessToken | null>>();
  return {
    getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      if (options?.claims || options?.tenantId) return inner.getToken(scopes, options);
      const key = [scopes].flat().join(" ");
      const token = kept.get(key);
      if (token && now() < dueAt(token)) return Promise.resolve(token);
      const waiting = pending.get(key);
      if (waiting) return waiting;
      const asked = inner.getToken(scopes, options).then(
        (fresh) => {
          pending.delete(key);
          if (fresh) kept.set(key, fresh);
          else kept.delete(key);
          return fresh;
        },
        (err: unknown) => {
          pending.delete(key);
          throw err;
        }
      );
      pending.set(key, asked);
      return asked;
    },
  };
}

function dueAt(token: AccessToken): number {
  return token.refreshAfterTimestamp ?? token.expiresOnTimestamp - refreshBeforeExpiryMs;
}
