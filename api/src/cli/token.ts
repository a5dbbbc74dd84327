// `npm run token -- UPN` prints an access token for the companion API, signed in as that user through
// the authority's authorization code + PKCE flow (as the add-in does); `--graph` and `--exchange` print
// the API's app-only tokens for Graph and for the Exchange admin API (client credentials).
import type { Dispatcher } from "undici";
import { devCaAgent } from "../../../lib/devCaAgent.js";
import { ConfigError } from "../../../lib/config.js";
import { runMain } from "../../../lib/runMain.js";
import { loadApiConfig, type ApiConfig } from "../config.js";
import { postForm, signInUser, tokenFrom } from "./signIn.js";

const usage = `Usage: npm run token -- <user principal name>   an access token for the companion API, as that user
       npm run token -- --graph                     the API's app-only token for Microsoft Graph
       npm run token -- --exchange                  the API's app-only token for the Exchange admin API`;

/** Wrong arguments: printed as one line with exit code 2, like a bad setting. */
class UsageError extends ConfigError {}

async function appToken(config: ApiConfig, dispatcher: Dispatcher, resource: string): Promise<string> {
  if (!config.API_CLIENT_SECRET)
    throw new UsageError(
      "--graph and --exchange sign in with API_CLIENT_SECRET, which is not set (this command is for sim)."
    );
  const response = await postForm(
    dispatcher,
    `${config.AUTHORITY_HOST}/${config.TENANT_ID}/oauth2/v2.0/token`,
    {
      grant_type: "client_credentials",
      client_id: config.API_CLIENT_ID,
      client_secret: config.API_CLIENT_SECRET,
      scope: `${resource}/.default`,
    }
  );
  return tokenFrom(response);
}

runMain(async () => {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0] === "--help") throw new UsageError(usage);
  const config = loadApiConfig();
  const dispatcher = devCaAgent();
  const [arg] = args as [string];
  let token: string;
  if (arg === "--graph") token = await appToken(config, dispatcher, "https://graph.microsoft.com");
  else if (arg === "--exchange") token = await appToken(config, dispatcher, "https://outlook.office365.com");
  else if (arg.startsWith("-")) throw new UsageError(`Unknown option ${arg}.\n${usage}`);
  else token = await signInUser(config, dispatcher, arg);
  process.stdout.write(`${token}\n`);
  await dispatcher.close();
});
