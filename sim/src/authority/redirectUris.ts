// Which redirect URIs an app registration accepts, and for which platform (SPA redemptions must be
// cross-origin; public clients' loopback URIs may use any port).
import type { ApplicationFixture } from "../fixtures/schema.js";

export type Platform = "spa" | "publicClient" | "web";

const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);

function matches(registered: string, requested: string): boolean {
  if (registered === requested) return true;
  let r: URL, q: URL;
  try {
    r = new URL(registered);
    q = new URL(requested);
  } catch {
    return false;
  }
  // Entra ignores the port of loopback redirect URIs. sim extends this to https://localhost, because
  // the local add-in's port is configurable (ADDIN_PORT) and tests use free ports.
  return (
    loopbackHosts.has(r.hostname) &&
    r.hostname === q.hostname &&
    r.protocol === q.protocol &&
    r.pathname === q.pathname &&
    q.search === "" &&
    q.hash === ""
  );
}

/** The platform under which `redirectUri` is registered for `app`, if it is. */
export function redirectPlatform(app: ApplicationFixture, redirectUri: string): Platform | undefined {
  for (const platform of ["spa", "publicClient", "web"] as const)
    if (app.redirectUris[platform].some((registered) => matches(registered, redirectUri))) return platform;
  return undefined;
}
