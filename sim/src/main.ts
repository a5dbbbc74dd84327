// Starts sim over HTTPS with the project's development certificate and the tenant from TENANT_FIXTURE
// (the demo tenant by default). Everything is kept in memory: nothing is written to disk.
import { createServer } from "node:https";
import { readServerTls, ensureDevCerts } from "../../lib/devCerts.js";
import { close, listen } from "../../lib/listen.js";
import { runMain } from "../../lib/runMain.js";
import { createSim } from "./app.js";
import { loadSimConfig } from "./config.js";
import { demoTenantPath, loadTenant } from "./fixtures/loadFixture.js";

runMain(async () => {
  const config = loadSimConfig();
  const started = performance.now();
  const tenant = loadTenant(config.tenantFixture ?? demoTenantPath, Date.now());
  const sim = await createSim({ tenant, settings: config.settings });
  const certs = await ensureDevCerts();
  const server = await listen(createServer(readServerTls(certs), sim.app), config.port);
  const mailboxes = tenant.users.filter((u) => u.mailbox).length;
  console.log(
    `sim: tenant ${tenant.fixture.tenant.displayName} (${tenant.id}), ${mailboxes} mailboxes, ready in ${Math.round(performance.now() - started)} ms`
  );
  console.log(`sim listening on https://localhost:${config.port}/`);
  return () => close(server);
});
