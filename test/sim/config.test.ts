import assert from "node:assert/strict";
import { ConfigError } from "../../lib/config.js";
import { loadSimConfig } from "../../sim/src/config.js";
import { defaultSettings } from "../../sim/src/settings.js";

/** Expects loadSimConfig(env) to fail with a ConfigError that names `variable`. */
function assertRejects(env: Record<string, string>, variable: string): void {
  assert.throws(
    () => loadSimConfig(env),
    (err: unknown) => err instanceof ConfigError && err.message.includes(variable),
    `${JSON.stringify(env)} should be rejected naming ${variable}`
  );
}

describe("sim loadSimConfig", () => {
  it("nothing set → port 4010, the demo tenant, the default settings", () => {
    assert.deepEqual(loadSimConfig({}), { port: 4010, tenantFixture: undefined, settings: defaultSettings });
  });

  it("every SIM_* variable set → read into the matching setting", () => {
    const config = loadSimConfig({
      SIM_PORT: "4999",
      TENANT_FIXTURE: "/tmp/big-tenant.json",
      SIM_LATENCY_MS: "120",
      SIM_LATENCY_JITTER: "0.8",
      SIM_MAILBOX_CONCURRENCY: "2",
      SIM_MAILBOX_REQUESTS_PER_10_MIN: "500",
      SIM_APP_REQUESTS_PER_SECOND: "25.5",
      SIM_CONCURRENCY_RETRY_AFTER: "3",
      SIM_FAULT_RATE: "0.05",
      SIM_FAULT_KINDS: "503, 429",
      SIM_FAULT_RETRY_AFTER: "1.5",
      SIM_DELETE_DESTINATION: "deleteditems",
      SIM_UNDOCUMENTED_FOLDERS: "deny",
    });
    assert.deepEqual(config, {
      port: 4999,
      tenantFixture: "/tmp/big-tenant.json",
      settings: {
        latencyMs: 120,
        latencyJitter: 0.8,
        mailboxConcurrency: 2,
        mailboxRequestsPer10Minutes: 500,
        appRequestsPerSecond: 25.5,
        concurrencyRetryAfterSeconds: 3,
        faultRate: 0.05,
        faultKinds: ["503", "429"],
        faultRetryAfterSeconds: 1.5,
        deleteDestination: "deleteditems",
        undocumentedFolders: "deny",
      },
    });
  });

  it("SIM_PORT 0 → 0 (tests ask the OS for a free port)", () => {
    assert.equal(loadSimConfig({ SIM_PORT: "0" }).port, 0);
  });

  it("a number that is not a number → ConfigError naming the variable", () => {
    assertRejects({ SIM_LATENCY_MS: "fast" }, "SIM_LATENCY_MS");
    assertRejects({ SIM_PORT: "http" }, "SIM_PORT");
  });

  it("an empty numeric variable → ConfigError, not a silent 0", () => {
    assertRejects({ SIM_MAILBOX_CONCURRENCY: "" }, "SIM_MAILBOX_CONCURRENCY");
  });

  it("a number outside what the setting allows → ConfigError naming the variable", () => {
    assertRejects({ SIM_FAULT_RATE: "1.5" }, "SIM_FAULT_RATE");
    assertRejects({ SIM_LATENCY_MS: "-1" }, "SIM_LATENCY_MS");
    assertRejects({ SIM_LATENCY_JITTER: "9" }, "SIM_LATENCY_JITTER");
    assertRejects({ SIM_MAILBOX_CONCURRENCY: "2.5" }, "SIM_MAILBOX_CONCURRENCY");
    assertRejects({ SIM_MAILBOX_REQUESTS_PER_10_MIN: "-10" }, "SIM_MAILBOX_REQUESTS_PER_10_MIN");
    assertRejects({ SIM_PORT: "70000" }, "SIM_PORT");
  });

  it("an unknown fault kind or an unknown enum value → ConfigError naming the variable", () => {
    assertRejects({ SIM_FAULT_KINDS: "503,boom" }, "SIM_FAULT_KINDS");
    assertRejects({ SIM_FAULT_KINDS: "" }, "SIM_FAULT_KINDS");
    assertRejects({ SIM_DELETE_DESTINATION: "trash" }, "SIM_DELETE_DESTINATION");
    assertRejects({ SIM_UNDOCUMENTED_FOLDERS: "maybe" }, "SIM_UNDOCUMENTED_FOLDERS");
  });

  it("several bad variables → one ConfigError naming each", () => {
    assert.throws(
      () => loadSimConfig({ SIM_FAULT_RATE: "2", SIM_DELETE_DESTINATION: "trash" }),
      (err: unknown) =>
        err instanceof ConfigError &&
        /SIM_FAULT_RATE/.test(err.message) &&
        /SIM_DELETE_DESTINATION/.test(err.message)
    );
  });

  it("unrelated variables → ignored", () => {
    assert.deepEqual(loadSimConfig({ PATH: "/usr/bin", API_PORT: "nonsense" }).settings, defaultSettings);
  });
});
