// Writes a Graph or Exchange result to the HTTP response with the headers those services always send.
import type { Response } from "express";

export type ServiceResult = { status: number; body?: unknown; headers?: Record<string, string> };

const odataJson =
  "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

export function sendResult(res: Response, result: ServiceResult): void {
  res.status(result.status);
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
  if (result.body === undefined) {
    res.end();
    return;
  }
  res.setHeader("Content-Type", odataJson);
  res.setHeader("OData-Version", "4.0");
  res.send(JSON.stringify(result.body));
}

/** Reads a JSON request body that arrived as text; undefined when empty. */
export function parseJsonBody(text: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof text !== "string" || text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
