// Builds the OpenAPI 3.1 document from the same zod schemas the routes use, so the description and the
// validation cannot drift apart.
import { z } from "zod";

export type RouteDoc = {
  method: "get" | "post";
  path: string;
  summary: string;
  /** App roles that may call it; empty means any signed-in user (or no sign-in for public routes). */
  roles?: string[];
  public?: boolean;
  response: z.ZodType;
};

const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), requestId: z.string().optional() }),
});

/** Turns route descriptions into an OpenAPI document. */
export function buildOpenApiDocument(routes: RouteDoc[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operation: Record<string, unknown> = {
      summary: route.summary,
      responses: {
        "200": {
          description: "OK",
          content: { "application/json": { schema: z.toJSONSchema(route.response) } },
        },
        default: {
          description: "Error",
          content: { "application/json": { schema: z.toJSONSchema(errorBodySchema) } },
        },
      },
    };
    if (route.public) operation.security = [];
    if (route.roles?.length) operation["x-required-roles"] = route.roles;
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
