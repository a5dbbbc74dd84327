// sim's HTTP application: the local stand-in for Microsoft's cloud. Entra ID's authority under
// /{tenant}/..., Graph under /v1.0, the Exchange admin API under /adminapi/beta, and sim's own
// inspection and control endpoints at / and /_sim.
import express, { type Express, type Request } from "express";
import { Authority } from "./authority/authority.js";
import { KeyRing } from "./authority/keyRing.js";
import { authorityRoutes } from "./authority/routes.js";
import { exchangeRoutes } from "./exchange/exchangeRoutes.js";
import { GraphService } from "./graph/graphService.js";
import { graphRoutes } from "./graph/graphRoutes.js";
import { inspectionRoutes } from "./inspect/inspectionRoutes.js";
import { testSettings, type SimSettings } from "./settings.js";
import type { Tenant } from "./tenant/tenant.js";

export type Sim = {
  app: Express;
  tenant: Tenant;
  keys: KeyRing;
  /** Live settings: changing them changes the behaviour of the next requests. */
  settings: SimSettings;
  graph: GraphService;
  authority: Authority;
};

export type SimOptions = { tenant: Tenant; settings?: SimSettings; clock?: () => number };

/** The public origin a request reached sim at; tokens and links are issued for it. */
const originOf = (req: Request) => `https://${req.headers.host ?? "localhost"}`;

export async function createSim({
  tenant,
  settings = { ...testSettings },
  clock = Date.now,
}: SimOptions): Promise<Sim> {
  const keys = await KeyRing.create();
  const graph = new GraphService(tenant, () => settings, clock);
  const authority = new Authority(tenant, keys, clock);
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use("/v1.0", graphRoutes(graph, tenant, keys, clock, originOf));
  app.use(
    "/adminapi/beta",
    exchangeRoutes(tenant, keys, () => settings, clock, originOf)
  );
  app.use(inspectionRoutes(tenant, keys, settings, graph, originOf));
  app.use(authorityRoutes(authority, originOf, clock));
  app.use(
    (_req, res) =>
      void res.status(404).json({ error: { code: "NotFound", message: "sim serves no such endpoint." } })
  );
  app.use(
    (
      err: Error & { status?: number; type?: string },
      _req: Request,
      res: express.Response,
      _next: express.NextFunction
    ) => {
      if (err.type === "entity.too.large")
        return void res
          .status(413)
          .json({ error: { code: "RequestEntityTooLarge", message: "The request body is too large." } });
      console.error(`sim: ${err.stack ?? err.message}`);
      res.status(500).json({
        error: { code: "InternalServerError", message: "sim failed to handle the request; see its log." },
      });
    }
  );
  return { app, tenant, keys, settings, graph, authority };
}
