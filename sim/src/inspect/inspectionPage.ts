// The inspection page at sim's root: the tenant's mailboxes and holds, and a message tracker that
// refreshes itself while a retraction moves copies around.
import { escapeHtml as h } from "../http/html.js";
import type { Tenant } from "../tenant/tenant.js";
import { copiesOf, mailboxSummaries } from "./inspection.js";

export function inspectionPage(tenant: Tenant, origin: string, tracked: string | undefined): string {
  const messages = [...tenant.definitions.values()].sort((a, b) => b.sentAt - a.sentAt);
  const options = messages
    .map(
      (d) =>
        `<option value="${h(d.internetMessageId)}"${d.internetMessageId === tracked ? " selected" : ""}>${h(d.subject)} · ${h(d.internetMessageId)}</option>`
    )
    .join("");
  const copies = tracked ? copiesOf(tenant, tracked) : [];
  const copyRows = copies
    .map(
      (c) =>
        `<tr class="${c.recoverable ? "gone" : ""}"><td>${h(c.mailbox)}</td><td>${h(c.folder)}</td><td>${c.isRead ? "read" : "unread"}</td><td>${h(c.receivedDateTime)}</td></tr>`
    )
    .join("");
  const mailboxRows = mailboxSummaries(tenant)
    .map(
      (m) =>
        `<tr><td>${h(m.userPrincipalName)}</td><td>${h(m.displayName)}</td><td>${h(m.appRoles.join(", "))}</td><td>${h(m.holds.join("; ") || "none")}</td><td>${m.outsideScopeOf.length ? `outside ${h(m.outsideScopeOf.join(", "))}` : "in scope"}</td><td>${m.items}</td><td>${m.recoverableItems}</td></tr>`
    )
    .join("");
  const activity = tenant.activity
    .slice(-15)
    .reverse()
    .map(
      (a) =>
        `<li>${h(a.at)} · ${h(a.operation)} · ${h(a.mailbox)} · ${h(a.internetMessageId)} · ${h(a.from)} → ${h(a.to)}</li>`
    )
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sim · ${h(tenant.fixture.tenant.displayName)}</title>
${tracked ? '<meta http-equiv="refresh" content="3">' : ""}
<style>body{font-family:"Segoe UI",system-ui,sans-serif;margin:24px;color:#242424}table{border-collapse:collapse;margin:8px 0 24px}
td,th{border:1px solid #d1d1d1;padding:4px 8px;text-align:left;font-size:14px}th{background:#f5f5f5}tr.gone td{color:#8a8a8a}code{background:#f5f5f5;padding:1px 4px}</style></head>
<body><h1>Local Microsoft 365: ${h(tenant.fixture.tenant.displayName)}</h1>
<p>Tenant <code>${h(tenant.id)}</code>. Authority <code>${h(origin)}/${h(tenant.id)}/v2.0</code>, Graph <code>${h(origin)}/v1.0</code>,
Exchange admin API <code>${h(origin)}/adminapi/beta/${h(tenant.id)}/InvokeCommand</code>. JSON: <a href="/_sim/mailboxes">/_sim/mailboxes</a>, <a href="/_sim/settings">/_sim/settings</a>.</p>
<h2>Where is a message?</h2>
<form method="get"><select name="internetMessageId">${options}</select> <button>Track</button></form>
${
  tracked
    ? `<p>${copies.length} cop${copies.length === 1 ? "y" : "ies"} of <code>${h(tracked)}</code> (refreshes every 3 seconds; JSON at <a href="/_sim/copies?internetMessageId=${encodeURIComponent(tracked)}">/_sim/copies</a>)</p>
<table><tr><th>mailbox</th><th>folder</th><th>state</th><th>received</th></tr>${copyRows}</table>`
    : ""
}
<h2>Recent changes</h2><ul>${activity || "<li>none yet</li>"}</ul>
<h2>Mailboxes</h2>
<table><tr><th>user</th><th>name</th><th>app roles</th><th>holds</th><th>application scope</th><th>items</th><th>in Recoverable Items</th></tr>${mailboxRows}</table>
</body></html>`;
}
