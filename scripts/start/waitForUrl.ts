// Polls a local URL until it answers 200, trusting the development CA for https URLs.
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

function getStatus(url: URL, ca: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = url.protocol === "https:" ? httpsRequest(url, { ca }) : httpRequest(url);
    request.setTimeout(2000, () => request.destroy(new Error("timed out")));
    request.on("response", (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
    request.end();
  });
}

/** Resolves when `url` answers 200; rejects after `timeoutMs` or as soon as `abort` settles. */
export async function waitForUrl(
  url: string,
  ca: Buffer,
  timeoutMs: number,
  abort: Promise<unknown>
): Promise<void> {
  let aborted = false;
  void abort.finally(() => (aborted = true));
  const deadline = Date.now() + timeoutMs;
  while (!aborted) {
    const status = await getStatus(new URL(url), ca).catch(() => 0);
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`stopped while waiting for ${url}`);
}
