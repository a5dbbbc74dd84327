// Waits for Office.js to initialise. Only code under addin/src/office/ touches the Office global.

export type HostInfo = { host: string | null; platform: string | null };

/** Resolves once Office.js is ready; rejects with a readable error when the page runs outside Office. */
export async function whenOfficeReady(): Promise<HostInfo> {
  if (typeof Office === "undefined") {
    throw new Error("Office.js is not loaded: open this page from Outlook, or use the local harness page.");
  }
  const info = await Office.onReady();
  return {
    host: info.host ? String(info.host) : null,
    platform: info.platform ? String(info.platform) : null,
  };
}
