// How the command-line tools get tokens from the authority: a form POST to its OAuth endpoints, and a
// user signed in through the authorization code + PKCE flow (as the add-in does), which sim completes
// from a login hint alone. Shared by `npm run token` and `npm run retract -- --as UPN`.
import { createHash, randomBytes } from "node:crypto";
import { request, type Dispatcher } from "undici";
import { apiScope, type ApiConfig } from "../config.js";

/** The loopback redirect URI registered for scripts on the add-in's app registration. */
const redirectUri = "http://localhost";

type Form = Record<string, string>;
export type FormReply = Awaited<ReturnType<typeof request>>;

/** POSTs `form` to one of the authority's endpoints; an unreachable authority is one readable sentence. */
export async function postForm(dispatcher: Dispatcher, url: string, form: Form): Promise<FormReply> {
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

/** The access token of a token endpoint's reply, or why the authority refused. */
export async function tokenFrom(response: FormReply): Promise<string> {
  const body = (await response.body.json()) as { access_token?: string; error_description?: string };
  if (response.statusCode !== 200 || !body.access_token)
    throw new Error(`The authority refused: ${body.error_description ?? `HTTP ${response.statusCode}`}`);
  return body.access_token;
}

/**
 * Signs `upn` in with the add-in's client id and returns an access token for the companion API.
 * @example const token = await signInUser(loadApiConfig(), devCaAgent(), "admin@contoso.com");
 */
export async function signInUser(config: ApiConfig, dispatcher: Dispatcher, upn: string): Promise<string> {
  const base = `${config.AUTHORITY_HOST}/${config.TENANT_ID}/oauth2/v2.0`;
  const verifier = randomBytes(32).toString("base64url");
  const scope = `${apiScope(config)} openid profile offline_access`;
  const signIn = await postForm(dispatcher, `${base}/authorize`, {
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
  const response = await postForm(dispatcher, `${base}/token`, {
    grant_type: "authorization_code",
    client_id: config.ADDIN_CLIENT_ID,
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
    scope,
  });
  return tokenFrom(response);
}
