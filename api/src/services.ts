// The composition root: builds every part the routes need from the configuration (database with its
// migrations applied, the app's credential, the Graph and Exchange clients, the cached tenant
// definitions) and hands them out as one object. main.ts and the tests build the API the same way.
import type { TokenCredential } from "@azure/identity";
import type { Dispatcher } from "undici";
import type { Logger } from "./logger.js";
import type { ApiConfig } from "./config.js";
import type { Database } from "./db/database.js";
import { openDatabase } from "./db/openDatabase.js";
import { migrate } from "./db/migrate.js";
import { createAppCredential } from "./outbound/credential.js";
import { createOutboundFetch, type OutboundFetch } from "./outbound/outboundHttp.js";
import { createGraph, type GraphGateway, type GraphOptions } from "./graph/graphClient.js";
import { createExchange, type ExchangeClient, type ExchangeOptions } from "./exchange/exchangeClient.js";
import { createTenantDefinitions, type TenantDefinitions } from "./mailboxes/tenantDefinitions.js";
import {
  startRetractionWorker,
  type RetractionWorker,
  type WorkerSettings,
} from "./retraction/execute/retractionWorker.js";

export type Services = {
  config: ApiConfig;
  logger: Logger;
  db: Database;
  credential: TokenCredential;
  graph: GraphGateway;
  /** Exchange Online's cmdlets (mailboxes, MRM, organization). */
  exchange: ExchangeClient;
  /** Security & Compliance cmdlets (case holds, Purview retention policies and labels). */
  compliance: ExchangeClient;
  /** Retention policies, tags and hold definitions, cached. */
  definitions: TenantDefinitions;
  /** The time, in epoch ms; a test may fix it. */
  now: () => number;
  /** This instance's retraction workers (RETRACTION_WORKERS slots; none when 0). */
  retractions: Pick<RetractionWorker, "wake">;
};

export type ServiceOptions = {
  logger: Logger;
  /** The outbound HTTP layer (the shared outbound agent by default). */
  dispatcher?: Dispatcher;
  graph?: GraphOptions;
  exchange?: ExchangeOptions;
  now?: () => number;
  /** An already open database (tests); otherwise opened from DATABASE_URL / DATA_DIR. */
  db?: Database;
  /** Worker settings beyond the configuration's (tests shorten the retry backoff). */
  worker?: Partial<WorkerSettings>;
};

/** Opens the database (applying migrations) and builds the clients; `close()` on the result releases it. */
export async function openServices(
  config: ApiConfig,
  options: ServiceOptions
): Promise<Services & { close(): Promise<void> }> {
  const fetch: OutboundFetch = createOutboundFetch(options.dispatcher);
  const db =
    options.db ??
    (await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      maxConnections: config.DATABASE_POOL_SIZE,
    }));
  try {
    const applied = await migrate(db);
    if (applied.length) options.logger.info({ applied }, "database migrations applied");
  } catch (err) {
    if (!options.db) await db.close();
    throw err;
  }
  const credential = createAppCredential(config, { fetch });
  const exchangeOptions = { fetch, ...options.exchange };
  const exchange = createExchange(config, credential, exchangeOptions);
  const compliance = createExchange(
    {
      TENANT_ID: config.TENANT_ID,
      EXCHANGE_ADMIN_BASE_URL: config.COMPLIANCE_ADMIN_BASE_URL,
      EXCHANGE_SCOPE: config.COMPLIANCE_SCOPE,
    },
    credential,
    exchangeOptions
  );
  const now = options.now ?? Date.now;
  const graph = createGraph(config, credential, {
    fetch,
    requestsPerSecond: config.GRAPH_REQUESTS_PER_SECOND,
    ...options.graph,
  });
  const worker = startRetractionWorker(
    { db, graph, logger: options.logger, now },
    {
      slots: config.RETRACTION_WORKERS,
      leaseMs: config.RETRACTION_LEASE_SECONDS * 1000,
      maxAttempts: config.RETRACTION_MAX_ATTEMPTS,
      pollMs: config.RETRACTION_POLL_MS,
      ...options.worker,
    }
  );
  return {
    config,
    logger: options.logger,
    db,
    credential,
    graph,
    exchange,
    compliance,
    definitions: createTenantDefinitions({ exchange, compliance, now }),
    now,
    retractions: { wake: worker.wake },
    close: async () => {
      // Workers first: they hand back what they hold while the database is still open.
      await worker.stop();
      if (!options.db) await db.close();
    },
  };
}
