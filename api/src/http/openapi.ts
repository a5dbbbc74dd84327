// Builds the OpenAPI 3.1 document from the same zod schemas the routes use to validate requests and
// shape responses, so the description and the behaviour cannot drift apart.
import { z } from "zod";
import { accessRules, type Operation } from "../auth/accessRules.js";

export type RouteDoc = {
  method: "get" | "post";
  /** OpenAPI path template: "/api/mailboxes/{upn}/holds". */
  path: string;
  summary: string;
  /** The access rule that guards it (its roles are listed); absent for any signed-in user. */
  operation?: Operation;
  public?: boolean;
  query?: z.ZodObject;
  params?: z.ZodObject;
  body?: z.ZodType;
  /** Other request headers the route reads. */
  headers?: z.ZodObject;
  response: z.ZodType;
  /** 200 unless said (202 for accepted jobs). */
  status?: number;
  /** application/json unless said (text/csv, text/event-stream). */
  contentType?: string;
};

const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), requestId: z.string().optional() }),
});

function parameters(where: "query" | "path" | "header", schema: z.ZodObject | undefined) {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => {
    const json = z.toJSONSchema(field as z.ZodType, { io: "input" }) as { description?: string };
    return {
      name,
      in: where,
      required: where === "path" || !(field as z.ZodType).safeParse(undefined).success,
      ...(json.description ? { description: json.description } : {}),
      schema: json,
    };
  });
}

/** Turns route descriptions into an OpenAPI document. */
export function buildOpenApiDocument(routes: RouteDoc[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const contentType = route.contentType ?? "application/json";
    const roles = route.operation ? [...accessRules[route.operation].roles] : [];
    const operation: Record<string, unknown> = {
      summary: route.summary,
      parameters: [
        ...parameters("path", route.params),
        ...parameters("query", route.query),
        ...parameters("header", route.headers),
      ],
      responses: {
        [String(route.status ?? 200)]: {
          description: "OK",
          content: { [contentType]: { schema: z.toJSONSchema(route.response) } },
        },
        default: {
          description: "Error",
          content: { "application/json": { schema: z.toJSONSchema(errorBodySchema) } },
        },
      },
    };
    if (route.body)
      operation.requestBody = {
        required: true,
        content: { "application/json": { schema: z.toJSONSchema(route.body, { io: "input" }) } },
      };
    if (route.public) operation.security = [];
    if (roles.length) operation["x-required-roles"] = roles;
    if (route.operation && "mailboxOwner" in accessRules[route.operation])
      operation["x-mailbox-owner-allowed"] = true;
    paths[route.path] = { ...paths[route.path], [route.method]: operation };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Retention and retraction companion API", version },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } } },
    security: [{ bearer: [] }],
    paths,
  };
}
