import assert from "node:assert/strict";
import { addinBuildSettings } from "../../lib/addinBuildSettings.js";
import { ConfigError } from "../../lib/config.js";
import { demoIdentity } from "../../lib/demoIdentity.js";

describe("addinBuildSettings", () => {
  it("development, nothing set → sim's demo tenant, the API at the page's own origin", () => {
    const settings = addinBuildSettings({ SIM_PORT: "4110" }, { apiPublicUrl: null });
    assert.deepEqual(settings, {
      clientId: demoIdentity.addinClientId,
      authority: `https://localhost:4110/${demoIdentity.tenantId}`,
      apiScope: `api://${demoIdentity.apiClientId}/access_as_user`,
      apiBaseUrl: "",
      simOrigin: "https://localhost:4110",
    });
  });

  it("a real tenant → its authority and registrations, the public API URL, no sim", () => {
    const env = {
      AUTHORITY_HOST: "https://login.microsoftonline.com/",
      TENANT_ID: "11111111-2222-4333-8444-555555555555",
      ADDIN_CLIENT_ID: "22222222-3333-4444-8555-666666666666",
      API_CLIENT_ID: "33333333-4444-4555-8666-777777777777",
    };
    const settings = addinBuildSettings(env, { apiPublicUrl: "https://retention-api.contoso.com/" });
    assert.equal(
      settings.authority,
      "https://login.microsoftonline.com/11111111-2222-4333-8444-555555555555"
    );
    assert.equal(settings.apiScope, "api://33333333-4444-4555-8666-777777777777/access_as_user");
    assert.equal(settings.apiBaseUrl, "https://retention-api.contoso.com");
    assert.equal(settings.simOrigin, null);
  });

  it("a real authority without the registrations → ConfigError naming each missing one", () => {
    assert.throws(
      () =>
        addinBuildSettings({ AUTHORITY_HOST: "https://login.microsoftonline.com" }, { apiPublicUrl: null }),
      (err: unknown) =>
        err instanceof ConfigError &&
        /TENANT_ID, ADDIN_CLIENT_ID, API_CLIENT_ID must be set/.test(err.message)
    );
  });

  it("an http:// authority → ConfigError naming AUTHORITY_HOST", () => {
    assert.throws(
      () =>
        addinBuildSettings(
          {
            AUTHORITY_HOST: "http://login.example.com",
            TENANT_ID: demoIdentity.tenantId,
            ADDIN_CLIENT_ID: demoIdentity.addinClientId,
            API_CLIENT_ID: demoIdentity.apiClientId,
          },
          { apiPublicUrl: null }
        ),
      /AUTHORITY_HOST: expected an https:\/\/ URL/
    );
  });
});
