// The OpenAPI document and the routes cannot drift apart: every route a feature serves is described
// (method, path, access rule, inputs), and nothing is described that is not served.
import assert from "node:assert/strict";
import type { Router } from "express";
import { featureRoutes } from "../../api/src/routes.js";
import { startApi, userToken, type RunningApi } from "../support/apiServer.js";
import { startSim, type RunningSim } from "../support/simServer.js";

type Layer = { route?: { path: string; methods: Record<string, boolean> } };

/** Express's own record of a router's routes, as "get /api/mailboxes/{upn}/holds". */
function served(router: Router): string[] {
  return (router.stack as unknown as Layer[]).flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods).map(
          (method) => `${method} ${layer.route!.path.replace(/:(\w+)/g, "{$1}")}`
        )
      : []
  );
}

describe("routes → every feature route is described in the OpenAPI document", function () {
  this.timeout(20_000);
  let sim: RunningSim;
  let api: RunningApi;
  before(async () => {
    sim = await startSim();
    api = await startApi(sim);
  });
  after(async () => {
    await api?.close();
    await sim?.close();
  });

  it("each feature's routes → exactly its docs (same methods and paths)", () => {
    for (const { router, docs } of featureRoutes(api.services)) {
      const described = docs.map((doc) => `${doc.method} ${doc.path}`).sort();
      assert.deepEqual(served(router).sort(), described);
    }
  });

  it("GET /api/openapi.json → each feature route with its required roles, parameters and response", async () => {
    const reply = await api.call("/api/openapi.json", await userToken(sim, "admin@contoso.com"));
    const document = reply.body as {
      paths: Record<
        string,
        Record<string, { parameters: { name: string; in: string }[]; "x-required-roles"?: string[] }>
      >;
    };
    for (const { docs } of featureRoutes(api.services)) {
      for (const doc of docs) {
        const operation = document.paths[doc.path]?.[doc.method];
        assert.ok(operation, `${doc.method} ${doc.path} is missing`);
        const names = operation.parameters.map((p) => `${p.in}:${p.name}`).sort();
        const expected = [
          ...Object.keys(doc.params?.shape ?? {}).map((n) => `path:${n}`),
          ...Object.keys(doc.query?.shape ?? {}).map((n) => `query:${n}`),
          ...Object.keys(doc.headers?.shape ?? {}).map((n) => `header:${n}`),
        ].sort();
        assert.deepEqual(names, expected, `${doc.method} ${doc.path}`);
        if (doc.operation) assert.ok(operation["x-required-roles"]?.length, `${doc.path} lists its roles`);
      }
    }
    const status = document.paths["/api/items/status"]?.get;
    assert.deepEqual(status?.["x-required-roles"], ["Holds.Read", "Retract.Run"]);
  });
});
