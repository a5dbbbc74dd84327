// An HTTP agent that trusts the public CAs plus the project's development CA, for scripts that talk
// to the local HTTPS services (sim, the dev server) without NODE_EXTRA_CA_CERTS and without ever
// turning certificate checks off.
import { existsSync, readFileSync } from "node:fs";
import { createSecureContext, rootCertificates } from "node:tls";
import { Agent } from "undici";
import { devCertPaths } from "./devCerts.js";

export function devCaAgent(caPath = devCertPaths().caCert): Agent {
  const ca = existsSync(caPath) ? [readFileSync(caPath, "utf8")] : [];
  // One secure context for every connection: a `ca` list would be parsed again for each one.
  return new Agent({ connect: { secureContext: createSecureContext({ ca: [...rootCertificates, ...ca] }) } });
}
