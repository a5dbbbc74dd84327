// msal-browser's configuration for the add-in's app registration. Tokens are kept in memory (the task pane)
// or in sessionStorage (the sign-in dialog, which must survive its own redirect), never in localStorage.
import { BrowserCacheLocation, LogLevel, type Configuration } from "@azure/msal-browser";
import type { AddinBuildSettings } from "../../../lib/addinBuildSettings";

/** The page that receives the authority's answer for silent and popup sign-ins, and relays it. */
export const redirectPagePath = "/auth-redirect.html";

export function msalConfiguration(
  settings: AddinBuildSettings,
  origin: string,
  cache: "memory" | "session"
): Configuration {
  return {
    auth: {
      clientId: settings.clientId,
      authority: settings.authority,
      // The authority named in the build is trusted as it is, so msal-browser does not ask
      // login.microsoftonline.com to discover it (sim stands in for it locally).
      knownAuthorities: [new URL(settings.authority).host],
      redirectUri: `${origin}${redirectPagePath}`,
    },
    cache: {
      cacheLocation:
        cache === "memory" ? BrowserCacheLocation.MemoryStorage : BrowserCacheLocation.SessionStorage,
    },
    system: {
      loggerOptions: {
        logLevel: LogLevel.Warning,
        piiLoggingEnabled: false,
        // msal-browser's warnings are for developers; the add-in reports failures itself.
        loggerCallback: (level, message) => {
          if (level === LogLevel.Error) console.warn(message);
        },
      },
    },
  };
}
