// The sign-in page of the local authority: instead of a password, the person picks a demo user. It
// posts back to the authorize endpoint with the original request's parameters.
import type { AuthorizeRequest } from "./authority.js";
import type { Tenant } from "../tenant/tenant.js";
import { escapeHtml } from "../http/html.js";

export function signInPage(
  tenant: Tenant,
  request: AuthorizeRequest,
  params: Record<string, string | undefined>
): string {
  const hint = request.loginHint?.toLowerCase();
  const options = tenant.users
    .map((user) => {
      const roles = user.appRoles.length ? ` (${user.appRoles.join(", ")})` : "";
      const selected = user.userPrincipalName.toLowerCase() === hint ? " selected" : "";
      return `<option value="${escapeHtml(user.userPrincipalName)}"${selected}>${escapeHtml(user.displayName)} · ${escapeHtml(user.userPrincipalName)}${escapeHtml(roles)}</option>`;
    })
    .join("\n");
  const hidden = Object.entries(params)
    .filter(([name, value]) => value !== undefined && name !== "login_hint")
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value!)}">`)
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in · ${escapeHtml(tenant.fixture.tenant.displayName)} (local)</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:"Segoe UI",system-ui,sans-serif;background:#f3f2f1;display:grid;place-items:center;min-height:100vh;margin:0}
main{background:#fff;padding:32px 40px;box-shadow:0 2px 6px rgba(0,0,0,.2);width:min(440px,90vw)}
select,button{font:inherit;width:100%;padding:8px;margin-top:12px}button{background:#0f6cbd;color:#fff;border:0;cursor:pointer}</style></head>
<body><main><h1>Sign in</h1>
<p>${escapeHtml(request.client.displayName)} wants to sign you in to ${escapeHtml(tenant.fixture.tenant.displayName)}.
This is the local stand-in for Microsoft Entra ID: choose a demo user; there is no password.</p>
<form method="post"><label for="user">Account</label>
<select id="user" name="login_hint" autofocus>${options}</select>
${hidden}
<button type="submit">Sign in</button></form></main></body></html>`;
}
