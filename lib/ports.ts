// The local ports of the three processes (sim, API, add-in dev server), shared by every process and
// script so that each agrees where the others are.
import { z } from "zod";

/** A TCP port setting with a default; "0" asks the OS for a free port (tests). */
export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export const portsSchema = z.object({
  SIM_PORT: port(4010),
  API_PORT: port(4000),
  ADDIN_PORT: port(3000),
});

export type Ports = z.infer<typeof portsSchema>;
