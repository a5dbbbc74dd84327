// The audit routes' query parameters and responses: the schemas validate the requests, shape the
// responses and describe both in the OpenAPI document.
import { z } from "zod";
import { internetMessageId } from "../http/inputFields.js";
import { auditCsvColumns } from "./auditCsv.js";
import { auditQuerySchema } from "./listAudit.js";
import { checkpointForm, parseCheckpoint } from "./parseCheckpoint.js";

/** A query string carries text: a number written in it is read as one before the field's own checks. */
function fromQueryNumber<T extends z.ZodType>(field: T) {
  return z.preprocess(
    (value) => (typeof value === "string" && /^[+-]?\d+(\.\d+)?$/.test(value) ? Number(value) : value),
    field
  );
}

/** The list's filters, which the export takes too. */
const filters = {
  beforeSeq: fromQueryNumber(auditQuerySchema.shape.beforeSeq).describe(
    "Only records older than this seq: the previous page's nextBeforeSeq."
  ),
  // Read as everywhere else in the API (angle brackets added when left out), so it matches the
  // internetMessageId that the records' subjects were written with.
  messageId: internetMessageId
    .optional()
    .describe("Only records about this message: its Internet Message-ID, as in the records' subjects."),
  actorObjectId: auditQuerySchema.shape.actorObjectId.describe(
    "Only records of this person's actions (their Entra object id)."
  ),
};

export const auditListQuerySchema = z.object({
  limit: fromQueryNumber(auditQuerySchema.shape.limit.default(50)).describe("Records per page (1 to 500)."),
  ...filters,
});

export const auditExportQuerySchema = z.object({
  format: z
    .enum(["csv", "json"])
    .describe("The file format: csv (one line per record) or json (an array of records with their hashes)."),
  ...filters,
});

export const auditVerifyQuerySchema = z.object({
  checkpoint: z
    .string()
    .transform((text, ctx) => {
      const checkpoint = parseCheckpoint(text);
      if (!checkpoint) ctx.addIssue({ code: "custom", message: `expected ${checkpointForm}` });
      return checkpoint ?? z.NEVER;
    })
    .optional()
    .describe(
      `A chain head recorded earlier outside the database, as ${checkpointForm}: the log must still reach it, with that hash.`
    ),
});

const hash = z.string().regex(/^[0-9a-f]{64}$/);
const jsonObject = z.record(z.string(), z.json());

export const auditRecordSchema = z.object({
  seq: z.number().int().min(1),
  at: z.iso.datetime(),
  actor: z.object({ tenantId: z.string(), objectId: z.string(), upn: z.string() }),
  action: z.string(),
  subject: jsonObject,
  details: jsonObject,
  prevHash: hash,
  hash,
});

export const auditPageSchema = z.object({
  /** Newest first. */
  records: z.array(auditRecordSchema),
  nextBeforeSeq: z
    .number()
    .int()
    .nullable()
    .describe("beforeSeq for the next page, with the same filters; null on the last page."),
});

const headSchema = z.object({ seq: z.number().int().min(0), hash });

export const auditVerificationSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), count: z.number().int().min(0), head: headSchema }),
  z.object({
    ok: z.literal(false),
    /** count and head describe the intact records before firstBad. */
    count: z.number().int().min(0),
    head: headSchema,
    firstBad: z.object({ seq: z.number().int().min(1), reason: z.string() }),
  }),
]);

export const auditCsvSchema = z
  .string()
  .describe(
    `RFC 4180 CSV, newest record first, with a header row: ${auditCsvColumns.join(",")}. Cells that start like a spreadsheet formula are prefixed with a single quote.`
  );
