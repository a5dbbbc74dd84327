// Starts sim over HTTPS with the project's development certificate.
import { createServer } from "node:https";
import { readServerTls, ensureDevCerts } from "../../lib/devCerts.js";
import { close, listen } from "../../lib/listen.js";
import { runMain } from "../../lib/runMain.js";
import { createSimApp } from "./app.js";
import { loadSimConfig } from "./config.js";

runMain(async () => {
  const config = loadSimConfig();
  const certs = await ensureDevCerts();
  const server = await listen(createServer(readServerTls(certs), createSimApp()), config.SIM_PORT);
  console.log(`sim listening on https://localhost:${config.SIM_PORT}/`);
  return () => close(server);
});
