// Saves a Blob as a file: an object URL on a temporary link with `download`, clicked, then released.
// The page and URL functions come in as arguments so the steps can be checked without a browser.

export type DownloadDeps = {
  document: Pick<Document, "createElement" | "body">;
  createObjectURL(blob: Blob): string;
  revokeObjectURL(url: string): void;
  /** When to release the URL; after the click's download has taken it. */
  later(run: () => void): void;
};

const browser = (): DownloadDeps => ({
  document,
  createObjectURL: (blob) => URL.createObjectURL(blob),
  revokeObjectURL: (url) => URL.revokeObjectURL(url),
  later: (run) => setTimeout(run, 0),
});

/** @example downloadBlob(await api.exportAudit("csv", {}), "audit-2026-11-21.csv") */
export function downloadBlob(blob: Blob, fileName: string, deps: DownloadDeps = browser()): void {
  const url = deps.createObjectURL(blob);
  const link = deps.document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  deps.document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Released on the next turn: some browsers read the URL only after click() has returned.
    deps.later(() => deps.revokeObjectURL(url));
  }
}
