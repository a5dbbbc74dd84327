// GET /api/audit, /api/audit/verify and /api/audit/export for holders of Audit.Read: the log a page at
// a time, its hash chain recomputed, and all of it (or what the filters keep) as a CSV file.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Router, type Request, type Response } from "express";
import type { FeatureRoutes } from "../app.js";
import { authorize } from "../auth/authorize.js";
import type { Database } from "../db/database.js";
import type { RouteDoc } from "../http/openapi.js";
import { parseInput } from "../http/validate.js";
import type { Services } from "../services.js";
import { auditCsvHeader, auditCsvLine } from "./auditCsv.js";
import type { AuditRecord } from "./auditRecord.js";
import {
  auditCsvSchema,
  auditExportQuerySchema,
  auditListQuerySchema,
  auditPageSchema,
  auditVerificationSchema,
  auditVerifyQuerySchema,
} from "./auditRouteSchemas.js";
import { listAudit, type AuditQuery } from "./listAudit.js";
import { verifyAuditChain } from "./verifyAuditChain.js";

export type AuditRouteOptions = {
  /** Records read per query while exporting (500 by default). */
  exportPageSize?: number;
};

type AuditFilters = Omit<AuditQuery, "limit">;

export const auditDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/api/audit",
    summary: "Audit records, newest first, a page at a time",
    operation: "audit.read",
    query: auditListQuerySchema,
    response: auditPageSchema,
  },
  {
    method: "get",
    path: "/api/audit/verify",
    summary: "Recomputes the audit hash chain; when broken, names the first bad record and why",
    operation: "audit.read",
    query: auditVerifyQuerySchema,
    response: auditVerificationSchema,
  },
  {
    method: "get",
    path: "/api/audit/export",
    summary: "The audit records as a CSV or JSON file, newest first",
    operation: "audit.read",
    query: auditExportQuerySchema,
    response: auditCsvSchema,
    contentType: "text/csv",
  },
];

export function auditRoutes(services: Services, options: AuditRouteOptions = {}): FeatureRoutes {
  const { db } = services;
  const exportPageSize = options.exportPageSize ?? 500;
  const router = Router();

  router.get("/api/audit", authorize("audit.read"), async (req, res) => {
    const query = parseInput(auditListQuerySchema, req.query, "query");
    const records = await listAudit(db, query);
    res.setHeader("Cache-Control", "no-store");
    res.json(auditPageSchema.parse({ records, nextBeforeSeq: await nextBeforeSeq(db, query, records) }));
  });

  router.get("/api/audit/verify", authorize("audit.read"), async (req, res) => {
    const { checkpoint } = parseInput(auditVerifyQuerySchema, req.query, "query");
    const verification = await verifyAuditChain(db, { checkpoint });
    res.setHeader("Cache-Control", "no-store");
    res.json(auditVerificationSchema.parse(verification));
  });

  router.get("/api/audit/export", authorize("audit.read"), async (req, res) => {
    const { format, ...filters } = parseInput(auditExportQuerySchema, req.query, "query");
    // Read before the response starts, so that a database that fails at once still gets a JSON error.
    const firstPage = await listAudit(db, { ...filters, limit: exportPageSize });
    const date = new Date(services.now()).toISOString().slice(0, 10);
    res.writeHead(200, {
      "Content-Type": exportFormats[format].contentType,
      "Content-Disposition": `attachment; filename="audit-${date}.${format}"`,
      "Cache-Control": "no-store",
    });
    const pages = auditPages(db, filters, exportPageSize, firstPage);
    await streamOut(req, res, Readable.from(exportFormats[format].chunks(pages), { objectMode: false }));
  });

  return { router, docs: auditDocs };
}

/** The seq to page on from, or null when no record older than this page passes the filters. */
async function nextBeforeSeq(db: Database, query: AuditQuery, page: AuditRecord[]): Promise<number | null> {
  const last = page.at(-1);
  if (!last || page.length < query.limit) return null;
  const older = await listAudit(db, { ...query, limit: 1, beforeSeq: last.seq });
  return older.length > 0 ? last.seq : null;
}

/**
 * The filtered records, one page at a time, newest first. Each page is read when the previous one has
 * been sent on, so the log's size does not matter; paging down from the first page's records also keeps
 * out records appended meanwhile, so the file is the log as it stood when the export began.
 */
async function* auditPages(
  db: Database,
  filters: AuditFilters,
  pageSize: number,
  firstPage: AuditRecord[]
): AsyncGenerator<AuditRecord[]> {
  let page = firstPage;
  for (;;) {
    if (page.length > 0) yield page;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    page = await listAudit(db, { ...filters, limit: pageSize, beforeSeq: last.seq });
  }
}

/**
 * The export's file formats. JSON is one array of the records as GET /api/audit gives them, hashes
 * included, so the chain can be checked again outside the product.
 */
const exportFormats: Record<
  "csv" | "json",
  { contentType: string; chunks: (pages: AsyncIterable<AuditRecord[]>) => AsyncGenerator<string> }
> = {
  csv: {
    contentType: "text/csv; charset=utf-8; header=present",
    async *chunks(pages) {
      yield auditCsvHeader;
      for await (const page of pages) yield page.map(auditCsvLine).join("");
    },
  },
  json: {
    contentType: "application/json; charset=utf-8",
    async *chunks(pages) {
      let first = true;
      yield "[";
      for await (const page of pages) {
        yield (first ? "\n" : ",\n") + page.map((record) => JSON.stringify(record)).join(",\n");
        first = false;
      }
      yield "\n]\n";
    },
  },
};

/**
 * Sends `body` with backpressure. A failure part-way leaves the response cut off (pipeline destroys it)
 * rather than ended, so no client takes a partial file for the whole log; a client that goes away stops
 * the reading.
 */
async function streamOut(req: Request, res: Response, body: Readable): Promise<void> {
  try {
    await pipeline(body, res);
  } catch (err) {
    if ((err as { code?: unknown }).code === "ERR_STREAM_PREMATURE_CLOSE") return;
    req.log.error({ err }, "audit export failed part-way");
  }
}
