// Locates, and on demand creates, the project's local development certificate authority and the
// localhost certificate that sim/ and the add-in dev server serve HTTPS with.
import { X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { generateCertificates } from "office-addin-dev-certs";
import { projectRoot } from "./projectRoot.js";

export type DevCertPaths = { dir: string; caCert: string; cert: string; key: string };

/** Where the certificates live: `.certs/` in the project (git-ignored), or `DEV_CERTS_DIR`. */
export function devCertPaths(dir = process.env.DEV_CERTS_DIR ?? join(projectRoot, ".certs")): DevCertPaths {
  return {
    dir,
    caCert: join(dir, "ca.crt"),
    cert: join(dir, "localhost.crt"),
    key: join(dir, "localhost.key"),
  };
}

/** Certificates are renewed this long before they expire, so a running session never sees one lapse. */
const renewBeforeMs = 2 * 24 * 60 * 60 * 1000;
const validityDays = 30;

function usable(paths: DevCertPaths, now: Date): boolean {
  if (![paths.caCert, paths.cert, paths.key].every((file) => existsSync(file))) return false;
  const cert = new X509Certificate(readFileSync(paths.cert));
  return new Date(cert.validTo).getTime() - now.getTime() > renewBeforeMs;
}

/**
 * Makes sure a CA and a localhost certificate signed by it exist and are not about to expire.
 * Generation is offline (office-addin-dev-certs' generator); nothing is installed system-wide: the
 * processes that need to trust the CA are pointed at it (NODE_EXTRA_CA_CERTS, the browser's NSS store).
 */
export async function ensureDevCerts(paths = devCertPaths(), now = new Date()): Promise<DevCertPaths> {
  if (usable(paths, now)) return paths;
  // Generate beside the target and rename, so a concurrent reader never sees half a set.
  const staging = `${paths.dir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const staged = devCertPaths(staging);
  await generateCertificates(staged.caCert, staged.cert, staged.key, validityDays, [
    "localhost",
    "127.0.0.1",
  ]);
  mkdirSync(dirname(paths.dir), { recursive: true });
  rmSync(paths.dir, { recursive: true, force: true });
  renameSync(staging, paths.dir);
  return paths;
}

/** The TLS options a Node HTTPS server needs to serve with the localhost certificate. */
export function readServerTls(paths = devCertPaths()): { key: Buffer; cert: Buffer; ca: Buffer } {
  return { key: readFileSync(paths.key), cert: readFileSync(paths.cert), ca: readFileSync(paths.caCert) };
}
