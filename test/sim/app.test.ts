import assert from "node:assert/strict";
import { createServer, request, type Server } from "node:https";
import { readFileSync } from "node:fs";
import { ensureDevCerts, readServerTls } from "../../lib/devCerts.js";
import { boundPort, close, listen } from "../../lib/listen.js";
import { createSimApp } from "../../sim/src/app.js";

function getJson(url: string, ca: Buffer): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    request(url, { ca }, (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    })
      .on("error", reject)
      .end();
  });
}

describe("sim app", () => {
  let server: Server;
  let ca: Buffer;

  before(async () => {
    const certs = await ensureDevCerts();
    ca = readFileSync(certs.caCert);
    server = await listen(createServer(readServerTls(certs), createSimApp()), 0);
  });
  after(() => close(server));

  it("GET / over HTTPS, trusting only the project CA → 200 with its endpoints", async () => {
    const { status, body } = await getJson(`https://localhost:${boundPort(server)}/`, ca);
    assert.equal(status, 200);
    assert.match(JSON.stringify(body), /v1\.0/);
  });

  it("a client that does not trust the project CA → refused", async () => {
    await assert.rejects(getJson(`https://localhost:${boundPort(server)}/`, Buffer.from("")), /certificate/i);
  });
});
