// An HTTP agent that trusts the public CAs plus the project's development CA, for scripts that talk
// to the local HTTPS services (sim, the dev server) without NODE_EXTRA_CA_CERTS and without ever
// turning certificate checks off.
import { existsSync, readFileSync } from "node:fs";
import { createSecureContext, rootCertificates } from "node:tls";
import { Agent } from "undici";
import { devCertPaths } from "./devCerts.js";

/**
 * How long a script waits for an answer to begin, and between its parts: a preview or submit of
 * 100,000 mailboxes answers only once every mailbox has been looked in, which takes minutes, well past
 * undici's default of 5.
 */
export const longAnswerMs = 30 * 60_000;

export function devCaAgent(caPath = devCertPaths().caCert): Agent {
  const ca = existsSync(caPath) ? [readFileSync(caPath, "utf8")] : [];
  return new Agent({
    // One secure context for every connection: a `ca` list would be parsed again for each one.
    connect: { secureContext: createSecureContext({ ca: [...rootCertificates, ...ca] }) },
    headersTimeout: longAnswerMs,
    bodyTimeout: longAnswerMs,
  });
}
