// What an admin asks for when retracting a message: the request bodies of preview and submit, defined
// once so validation, the OpenAPI document, the CLI and the add-in read them the same way.
import { z } from "zod";
import { internetMessageId, mailboxAddress } from "../http/inputFields.js";

export const retractionModes = ["soft", "hard"] as const;
export type RetractionMode = (typeof retractionModes)[number];

/** How far to follow forwards and replies: 0 = the message's own recipients only. */
export const maxConversationDepth = 3;

export const previewRequestSchema = z.object({
  internetMessageId: internetMessageId.describe("The message to retract, as <id@host>"),
  mailbox: mailboxAddress.describe("A mailbox holding the message (where the admin opened it)"),
  conversationDepth: z
    .number()
    .int()
    .min(0)
    .max(maxConversationDepth)
    .default(0)
    .describe("Follow forwards and replies sent by recipients up to this many steps (0-3)"),
  mode: z
    .enum(retractionModes)
    .describe("soft: move to Recoverable Items (undoable); hard: purge (cannot be undone)"),
  sweep: z
    .boolean()
    .default(false)
    .describe("Also search every mailbox in scope for the message (finds Bcc and hidden recipients)"),
});
export type PreviewRequest = z.output<typeof previewRequestSchema>;

export const submitRequestSchema = previewRequestSchema.extend({
  reason: z.string().trim().min(3).max(1000).describe("Why the message is retracted (kept in the audit log)"),
  include: z
    .array(mailboxAddress)
    .min(1)
    .max(100_000)
    .describe("The target mailboxes (UPNs from the preview) to act on"),
});
export type SubmitRequest = z.output<typeof submitRequestSchema>;
