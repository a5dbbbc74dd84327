// sim's HTTP application: the local stand-in for Microsoft's cloud (Entra ID, Graph, Exchange admin API).
import express, { type Express } from "express";

export function createSimApp(): Express {
  const app = express();
  app.disable("x-powered-by");
  app.get("/", (_req, res) => {
    res.json({
      name: "sim: local Microsoft 365 stand-in",
      endpoints: {
        authority: "/{tenant}/v2.0/.well-known/openid-configuration",
        graph: "/v1.0/",
        exchangeAdmin: "/adminapi/beta/{tenant}/InvokeCommand",
      },
    });
  });
  return app;
}
