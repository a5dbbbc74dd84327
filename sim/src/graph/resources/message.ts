// The Graph message resource for one stored copy: default properties, the ones only $select returns
// (internetMessageHeaders), and the extended properties $expand can read (MRM 0x3019/0x301A/0x301C/
// 0x301D, the ComplianceTag label, In-Reply-To 0x1042, References 0x1039).
import { guidBytesLe } from "../../ids.js";
import type { Mailbox, Recipient, StoredMessage } from "../../tenant/mailbox.js";
import { itemRetention } from "../../tenant/itemRetention.js";
import { timeSpanDays } from "../../tenant/exchangeValues.js";
import type { Tenant } from "../../tenant/tenant.js";
import type { ResourceSpec } from "../odata/queryOptions.js";

const defaults = [
  "createdDateTime",
  "lastModifiedDateTime",
  "changeKey",
  "categories",
  "receivedDateTime",
  "sentDateTime",
  "hasAttachments",
  "internetMessageId",
  "subject",
  "bodyPreview",
  "importance",
  "parentFolderId",
  "conversationId",
  "conversationIndex",
  "isDeliveryReceiptRequested",
  "isReadReceiptRequested",
  "isRead",
  "isDraft",
  "webLink",
  "inferenceClassification",
  "body",
  "sender",
  "from",
  "toRecipients",
  "ccRecipients",
  "bccRecipients",
  "replyTo",
  "flag",
] as const;

export const messageSpec: ResourceSpec = {
  typeName: "microsoft.graph.message",
  defaults,
  selectable: new Set(["id", ...defaults, "internetMessageHeaders", "uniqueBody"]),
  filterable: new Set([
    "internetMessageId",
    "conversationId",
    "receivedDateTime",
    "sentDateTime",
    "subject",
    "isRead",
    "parentFolderId",
    "importance",
    "from",
    "sender",
    "hasAttachments",
    "singleValueExtendedProperties",
  ]),
  expandable: new Set(["singleValueExtendedProperties"]),
  defaultPageSize: 10,
  maxTop: 1000,
};

export const complianceTagPropertyId = "String {403fc56b-cd30-47c5-86f8-ede9e35a022b} Name ComplianceTag";

const emailAddress = (r: Recipient) => ({ emailAddress: { name: r.name, address: r.address } });
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

function headers(message: StoredMessage): { name: string; value: string }[] {
  const d = message.definition;
  const list = (rs: Recipient[]) =>
    rs.map((r) => (r.name !== r.address ? `${r.name} <${r.address}>` : r.address)).join(", ");
  const entries: [string, string | undefined][] = [
    ["Received", `from mail.protection.outlook.com; ${new Date(message.receivedAt).toUTCString()}`],
    ["From", list([d.from])],
    ["To", list(d.to) || undefined],
    ["Cc", list(d.cc) || undefined],
    ["Subject", d.subject],
    ["Thread-Topic", d.subject.replace(/^((re|fw|fwd):\s*)+/i, "")],
    ["Thread-Index", d.conversationIndex.toString("base64")],
    ["Date", new Date(d.sentAt).toUTCString()],
    ["Message-ID", d.internetMessageId],
    ["In-Reply-To", d.inReplyTo],
    ["References", d.references.join(" ") || undefined],
    ["MIME-Version", "1.0"],
    ["Content-Type", "text/plain; charset=utf-8"],
  ];
  return entries
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([name, value]) => ({ name, value }));
}

function extendedProperties(
  tenant: Tenant,
  mailbox: Mailbox,
  message: StoredMessage
): { id: string; value: string }[] {
  const props: { id: string; value: string }[] = [];
  const retention = itemRetention(tenant, mailbox, message);
  if (retention.explicit && retention.tag) {
    props.push({ id: "Binary 0x3019", value: guidBytesLe(retention.tag.RetentionId).toString("base64") });
    const days = retention.tag.AgeLimitForRetention ? timeSpanDays(retention.tag.AgeLimitForRetention) : 0;
    props.push({ id: "Integer 0x301a", value: String(retention.tag.RetentionEnabled ? days : 0) });
    props.push({ id: "Integer 0x301d", value: String(0x1 | 0x8) });
  }
  if (retention.retentionDate !== undefined)
    props.push({ id: "SystemTime 0x301c", value: iso(retention.retentionDate) });
  if (message.retentionLabel) props.push({ id: complianceTagPropertyId, value: message.retentionLabel });
  if (message.definition.inReplyTo) props.push({ id: "String 0x1042", value: message.definition.inReplyTo });
  if (message.definition.references.length)
    props.push({ id: "String 0x1039", value: message.definition.references.join(" ") });
  return props;
}

/** Every property of the copy, including those Graph returns only when asked; the caller projects. */
export function messageResource(
  tenant: Tenant,
  mailbox: Mailbox,
  message: StoredMessage,
  origin: string
): Record<string, unknown> {
  const d = message.definition;
  return {
    "@odata.etag": `W/"CQAAABYAAA${message.changeCount}"`,
    id: message.id,
    createdDateTime: iso(message.createdAt),
    lastModifiedDateTime: iso(message.modifiedAt),
    changeKey: `CQAAABYAAA${message.changeCount}`,
    categories: [],
    receivedDateTime: iso(message.receivedAt),
    sentDateTime: iso(d.sentAt),
    hasAttachments: false,
    internetMessageId: d.internetMessageId,
    subject: d.subject,
    bodyPreview: d.body.slice(0, 255),
    importance: d.importance,
    parentFolderId: message.folderId,
    conversationId: mailbox.conversationIdOf(message),
    conversationIndex: d.conversationIndex.toString("base64"),
    isDeliveryReceiptRequested: false,
    isReadReceiptRequested: false,
    isRead: message.isRead,
    isDraft: false,
    webLink: `${origin}/owa/?ItemID=${encodeURIComponent(message.id)}&exvsurl=1&viewmodel=ReadMessageItem`,
    inferenceClassification: "focused",
    body: { contentType: "text", content: d.body },
    uniqueBody: { contentType: "text", content: d.body },
    sender: emailAddress(d.from),
    from: emailAddress(d.from),
    toRecipients: d.to.map(emailAddress),
    ccRecipients: d.cc.map(emailAddress),
    // Only the sender's copy shows Bcc recipients.
    bccRecipients: message.senderCopy ? d.bcc.map(emailAddress) : [],
    replyTo: [],
    flag: { flagStatus: "notFlagged" },
    internetMessageHeaders: headers(message),
    singleValueExtendedProperties: extendedProperties(tenant, mailbox, message),
  };
}
