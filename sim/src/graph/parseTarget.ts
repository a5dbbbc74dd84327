// Splits a request target ("/users/a%40b/messages?$filter=...") into the parts a Graph route reads.
// Each path segment is decoded on its own, so an id containing an encoded "/" stays one segment; the
// query is decoded like a form, so an unencoded "+" becomes a space, as Graph does.
import type { GraphRequest } from "./request.js";

export function parseTarget(
  method: string,
  target: string,
  headers: GraphRequest["headers"],
  body: unknown
): GraphRequest {
  const queryAt = target.indexOf("?");
  const rawPath = (queryAt < 0 ? target : target.slice(0, queryAt)).replace(/\/+$/, "") || "/";
  const segments = rawPath
    .split("/")
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
  return {
    method: method.toUpperCase(),
    rawPath,
    segments,
    query: new URLSearchParams(queryAt < 0 ? "" : target.slice(queryAt + 1)),
    headers,
    body,
  };
}
