// `npm run token -- UPN` prints an access token for the companion API, signed in as that user through
// the authority's authorization code + PKCE flow (as the add-in does); `--graph` and `--exchange` print
// the API's app-only tokens for Graph and for the Exchange admin API (client credentials).
import { createHash, randomBytes } from "node:crypto";
import { request, type Dispatcher } from "undici";
import { devCaAgent } from "../../../lib/devCaAgent.js";
import { ConfigError } from "../../../lib/config.js";
import { runMain } from "../../../lib/runMain.js";
import { apiScope, loadApiConfig, type ApiConfig } from "../config.js";

const usage = `Usage: npm run token -- <user principal name>   an access token for the companion API, as that user
       npm run token -- --graph                     the API's app-only token for Microsoft Graph
       npm run token -- --exchange                  the API's app-only token for the Exchange admin API`;

/** The loopback redirect URI registered for scripts on the add-in's app registration. */
const redirectUri = "http://localhost";

/** Wrong arguments: printed as one line with exit code 2, like a bad setting. */
class UsageError extends ConfigError {}

type Form = Record<string, string>;

async function post(dispatcher: Dispatcher, url: string, form: Form) {
  try {
    return await request(url, {
      method: "POST",
      dispatcher,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    });
  } catch (err) {
    const reason = (err as { code?: string }).code ?? (err as Error).message;
    throw new Error(`Cannot reach the authority at ${url} (${reason}). Is \`npm start\` running?`, {
      cause: err,
    });
  }
}

async function tokenFrom(response: Awaited<ReturnType<typeof post>>): Promise<string> {
  const body = (await response.body.json()) as { access_token?: string; error_description?: string };
  if (response.statusCode !== 200 || !body.access_token)
    throw new Error(`The authority refused: ${body.error_description ?? `HTTP ${response.statusCode}`}`);
  return body.access_token;
}

async function appToken(config: ApiConfig, dispatcher: Dispatcher, resource: string): Promise<string> {
  if (!config.API_CLIENT_SECRET)
    throw new UsageError(
      "--graph and --exchange sign in with API_CLIENT_SECRET, which is not set (this command is for sim)."
    );
  const response = await post(dispatcher, `${config.AUTHORITY_HOST}/${config.TENANT_ID}/oauth2/v2.0/token`, {
    grant_type: "client_credentials",
    client_id: config.API_CLIENT_ID,
    client_secret: config.API_CLIENT_SECRET,
    scope: `${resource}/.default`,
  });
  return tokenFrom(response);
}

async function userToken(config: ApiConfig, dispatcher: Dispatcher, upn: string): Promise<string> {
  const base = `${config.AUTHORITY_HOST}/${config.TENANT_ID}/oauth2/v2.0`;
  const verifier = randomBytes(32).toString("base64url");
  const scope = `${apiScope(config)} openid profile offline_access`;
  const signIn = await post(dispatcher, `${base}/authorize`, {
    client_id: config.ADDIN_CLIENT_ID,
    response_type: "code",
    redirect_uri: redirectUri,
    scope,
    state: randomBytes(8).toString("hex"),
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    login_hint: upn,
  });
  await signIn.body.dump();
  const location = signIn.headers.location;
  const code = typeof location === "string" ? new URL(location).searchParams.get("code") : null;
  if (!code)
    throw new Error(`The authority did not sign in ${upn}: no such user in the tenant ${config.TENANT_ID}?`);
  const response = await post(dispatcher, `${base}/token`, {
    grant_type: "authorization_code",
    client_id: config.ADDIN_CLIENT_ID,
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
    scope,
  });
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
  else token = await userToken(config, dispatcher, arg);
  process.stdout.write(`${token}\n`);
  await dispatcher.close();
});
