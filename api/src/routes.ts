// Every feature's routes with their OpenAPI descriptions, built on the shared services.
import type { FeatureRoutes } from "./app.js";
import { auditRoutes } from "./audit/auditRoutes.js";
import { itemStatusRoutes } from "./items/itemStatusRoutes.js";
import { holdsRoutes } from "./mailboxes/holdsRoutes.js";
import { readinessRoutes } from "./readiness/readinessRoutes.js";
import { previewRoutes } from "./retraction/previewRoutes.js";
import { retractionRoutes } from "./retraction/retractionRoutes.js";
import type { Services } from "./services.js";

export function featureRoutes(services: Services): FeatureRoutes[] {
  return [
    itemStatusRoutes(services),
    holdsRoutes(services),
    readinessRoutes(services),
    previewRoutes(services),
    retractionRoutes(services),
    auditRoutes(services),
  ];
}
