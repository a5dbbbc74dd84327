import assert from "node:assert/strict";
import { downloadBlob, type DownloadDeps } from "../../../../addin/src/views/audit/downloadBlob.js";

/** A page with just what downloadBlob touches, recording each step. */
function fakePage() {
  const steps: string[] = [];
  const pending: (() => void)[] = [];
  const link = {
    href: "",
    download: "",
    hidden: false,
    click: () => steps.push(`click ${link.href} as ${link.download}`),
    remove: () => steps.push("remove link"),
  };
  const deps: DownloadDeps = {
    document: {
      createElement: (() => link) as unknown as Document["createElement"],
      body: { append: () => steps.push("append link") } as unknown as HTMLElement,
    },
    createObjectURL: () => "blob:1",
    revokeObjectURL: (url) => steps.push(`revoke ${url}`),
    later: (run) => pending.push(run),
  };
  return { steps, pending, link, deps };
}

describe("downloadBlob", () => {
  it("a blob → clicks a hidden link to its object URL with the file name, then removes the link", () => {
    const page = fakePage();
    downloadBlob(new Blob(["seq\n"]), "audit-2026-11-21.csv", page.deps);
    assert.deepEqual(page.steps, ["append link", "click blob:1 as audit-2026-11-21.csv", "remove link"]);
    assert.equal(page.link.hidden, true);
  });

  it("after the click → the object URL is revoked on the next turn", () => {
    const page = fakePage();
    downloadBlob(new Blob(["[]"]), "audit-2026-11-21.json", page.deps);
    assert.ok(!page.steps.includes("revoke blob:1"));
    page.pending.forEach((run) => run());
    assert.equal(page.steps.at(-1), "revoke blob:1");
  });
});
