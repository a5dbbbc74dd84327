// Writes a generated tenant (sim's generator) to a temporary file for sim's TENANT_FIXTURE.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateTenant, type GeneratorOptions } from "../../sim/src/generator/generateTenant.js";

export type TenantFile = { path: string; remove(): void };

export function writeTenant(options: GeneratorOptions): TenantFile {
  const folder = mkdtempSync(join(tmpdir(), "bench-tenant-"));
  const path = join(folder, "tenant.json");
  writeFileSync(path, JSON.stringify(generateTenant(options)));
  return { path, remove: () => rmSync(folder, { recursive: true, force: true }) };
}
