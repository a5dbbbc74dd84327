// The one way a route reads its input: the zod schema that also describes it in the OpenAPI document,
// with a 400 that names the first field that is wrong.
import type { z } from "zod";
import { AppError } from "../errors.js";

export type InputPlace = "query" | "path" | "body" | "header";

/**
 * Validates one part of a request.
 * @example const { mailbox } = parseInput(statusQuerySchema, req.query, "query");
 * @throws AppError 400 INVALID_INPUT naming the field and what is wrong with it
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, place: InputPlace): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join(".");
  const where = field ? `${place} ${place === "body" ? "field" : "parameter"} "${field}"` : `the ${place}`;
  throw new AppError(
    400,
    "INVALID_INPUT",
    `Invalid ${where}: ${issue.message.replace(/^Invalid input: /, "")}.`
  );
}
