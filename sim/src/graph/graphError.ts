// Graph's error shape: {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}.
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(message);
  }
}

export function graphErrorBody(err: GraphError, requestId: string, now: number): Record<string, unknown> {
  return {
    error: {
      code: err.code,
      message: err.message,
      innerError: {
        date: new Date(now).toISOString().replace(/\.\d+Z$/, ""),
        "request-id": requestId,
        "client-request-id": requestId,
      },
    },
  };
}

export const badRequest = (message: string) => new GraphError(400, "BadRequest", message);
