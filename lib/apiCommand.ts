// How the companion API is started (by `npm start`, the benchmarks and the tests that run it as a
// process), with the same Node options as in production (docs/deploying.md).

/**
 * Node's arguments for the API.
 * - The young generation's semi-space is raised from 16 to 32 MB: at a thousand Graph requests a second
 *   the API allocates fast, and with the default its event loop spends a sixth of its time in
 *   scavenges; 32 MB halves their number.
 * - The heap grows by half of what survives a full collection instead of up to four times: the API
 *   keeps little (plans and jobs live in the database), and V8's default growth let its memory during
 *   a large retraction reach several times what it uses.
 */
export const apiNodeArgs: readonly string[] = [
  "--max-semi-space-size=32",
  "--heap-growing-percent=50",
  "--import",
  "tsx",
  "api/src/main.ts",
];
