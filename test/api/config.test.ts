import assert from "node:assert/strict";
import { ConfigError } from "../../lib/config.js";
import { loadApiConfig, realTenantSettings } from "../../api/src/config.js";
import { demoIdentity } from "../../lib/demoIdentity.js";

const realTenant = {
  AUTHORITY_HOST: "https://login.microsoftonline.com",
  TENANT_ID: "11111111-2222-4333-8444-555555555555",
  API_CLIENT_ID: "22222222-3333-4444-8555-666666666666",
  ADDIN_CLIENT_ID: "33333333-4444-4555-8666-777777777777",
  GRAPH_BASE_URL: "https://graph.microsoft.com/v1.0",
  EXCHANGE_ADMIN_BASE_URL: "https://outlook.office365.com/adminapi/beta",
  CORS_ORIGINS: "https://addin.contoso.com",
  API_CLIENT_CERTIFICATE_PATH: "/etc/retention/api.pem",
};

describe("config → loadApiConfig", () => {
  it("nothing set → sim's demo tenant, its secret, and Exchange's endpoint for the compliance cmdlets", () => {
    const config = loadApiConfig({ SIM_PORT: "4555" });
    assert.equal(config.TENANT_ID, demoIdentity.tenantId);
    assert.equal(config.AUTHORITY_HOST, "https://localhost:4555");
    assert.equal(config.API_CLIENT_SECRET, demoIdentity.apiClientSecret);
    assert.equal(config.COMPLIANCE_ADMIN_BASE_URL, "https://localhost:4555/adminapi/beta");
    assert.equal(config.COMPLIANCE_SCOPE, config.EXCHANGE_SCOPE);
  });

  it("a real authority with every tenant setting → taken as given, no demo secret", () => {
    const config = loadApiConfig(realTenant);
    assert.equal(config.TENANT_ID, realTenant.TENANT_ID);
    assert.equal(config.API_CLIENT_SECRET, undefined);
    assert.equal(config.COMPLIANCE_ADMIN_BASE_URL, realTenant.EXCHANGE_ADMIN_BASE_URL);
    assert.deepEqual(config.ALLOWED_CLIENT_IDS, [realTenant.ADDIN_CLIENT_ID]);
  });

  for (const name of realTenantSettings) {
    it(`a real authority without ${name} → ConfigError naming it, never the demo default`, () => {
      const env: NodeJS.ProcessEnv = { ...realTenant };
      delete env[name];
      assert.throws(
        () => loadApiConfig(env),
        (err: unknown) =>
          err instanceof ConfigError && err.message.includes(name) && /AUTHORITY_HOST/.test(err.message)
      );
    });
  }

  it("a real authority without a certificate or secret → ConfigError naming API_CLIENT_CERTIFICATE_PATH", () => {
    const { API_CLIENT_CERTIFICATE_PATH: _, ...env } = realTenant;
    assert.throws(() => loadApiConfig(env), /API_CLIENT_CERTIFICATE_PATH/);
  });
});
