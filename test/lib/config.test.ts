import assert from "node:assert/strict";
import { z } from "zod";
import { ConfigError, readConfig } from "../../lib/config.js";
import { portsSchema } from "../../lib/ports.js";

describe("readConfig", () => {
  it("nothing set → the documented default ports", () => {
    assert.deepEqual(readConfig(portsSchema, {}), { SIM_PORT: 4010, API_PORT: 4000, ADDIN_PORT: 3000 });
  });

  it("a port given as text → parsed to a number", () => {
    assert.equal(readConfig(portsSchema, { API_PORT: "4100" }).API_PORT, 4100);
  });

  it("several bad settings → one ConfigError naming each of them", () => {
    assert.throws(
      () => readConfig(portsSchema, { SIM_PORT: "http", API_PORT: "70000" }),
      (err: unknown) =>
        err instanceof ConfigError && /SIM_PORT/.test(err.message) && /API_PORT/.test(err.message)
    );
  });

  it("a missing required setting → ConfigError naming it", () => {
    assert.throws(() => readConfig(z.object({ TENANT_ID: z.string() }), {}), /TENANT_ID/);
  });
});
