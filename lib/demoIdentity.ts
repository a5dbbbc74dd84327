// The demo tenant's registrations in sim (sim/src/fixtures/demo-tenant.json): the defaults of every
// setting that names the tenant or an app, so a fresh clone runs without any registration.
export const demoIdentity = {
  tenantId: "4d3c2b1a-6f5e-4a7b-9c8d-0e1f2a3b4c5d",
  apiClientId: "5b2a7c8d-1e3f-4a5b-8c6d-7e8f9a0b1c2d",
  apiClientSecret: "local-development-secret-not-for-production",
  addinClientId: "8e1d2c3b-4a5f-4e6d-9b8a-1c2d3e4f5a6b",
};
