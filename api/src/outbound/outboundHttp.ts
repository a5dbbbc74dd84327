// The one HTTP stack for every call the API makes to its outside services (the sign-in authority,
// Microsoft Graph, the Exchange admin API): an undici Agent whose TLS trust is Node's bundled root
// certificates plus, when present, the project's development CA and the file NODE_EXTRA_CA_CERTS names.
// Certificate checks always stay on, and nothing global (no setGlobalDispatcher) is touched.
import { existsSync, readFileSync } from "node:fs";
import { createSecureContext, rootCertificates } from "node:tls";
import { Agent, fetch as undiciFetch, type Dispatcher, type RequestInit, type Response } from "undici";
import { devCertPaths } from "../../../lib/devCerts.js";

/** fetch as every outside client uses it; tests may wrap it to watch the traffic. */
export type OutboundFetch = (url: string, init?: RequestInit) => Promise<Response>;

/**
 * CA files trusted on top of Node's roots: an operator's NODE_EXTRA_CA_CERTS (Node ignores it once a
 * `ca` list is given explicitly, so it is read here), then the development CA if it exists.
 */
export function extraCaFiles(env: NodeJS.ProcessEnv = process.env): string[] {
  return [env.NODE_EXTRA_CA_CERTS, devCertPaths().caCert].filter(
    (file): file is string => typeof file === "string" && file !== "" && existsSync(file)
  );
}

/** The certificates an outbound TLS connection accepts as trust anchors (PEM). */
export function trustedCertificates(files: string[] = extraCaFiles()): string[] {
  return [...rootCertificates, ...files.map((file) => readFileSync(file, "utf8"))];
}

/**
 * A fresh Agent with the outbound trust; `caFiles` replaces the default extra CA files. The trust is
 * built once into a secure context: given as a `ca` list, Node would parse every root certificate
 * again for each new connection, which under load costs more CPU than the requests themselves.
 */
export function createOutboundDispatcher(caFiles?: string[]): Agent {
  return new Agent({ connect: { secureContext: createSecureContext({ ca: trustedCertificates(caFiles) }) } });
}

let shared: Agent | undefined;

/** The process-wide outbound Agent, created on first use (after the development CA exists). */
export function outboundDispatcher(): Dispatcher {
  shared ??= createOutboundDispatcher();
  return shared;
}

/** fetch bound to an outbound dispatcher (the shared one, resolved at the first call, by default). */
export function createOutboundFetch(dispatcher?: Dispatcher): OutboundFetch {
  return (url, init) => undiciFetch(url, { ...init, dispatcher: dispatcher ?? outboundDispatcher() });
}
