import assert from "node:assert/strict";
import { scriptsOf } from "../../../scripts/bundle/initialScripts.js";

describe("scriptsOf", () => {
  it("a minified page → its own scripts in order, quoted or not; Office.js from the CDN left out", () => {
    const html =
      "<script src=https://appsforoffice.microsoft.com/lib/1/hosted/office.js></script><script defer src=taskpane.abc.js></script><script src=\"vendor.def.js\"></script><script src='./x.js'></script>";
    assert.deepEqual(scriptsOf(html), ["taskpane.abc.js", "vendor.def.js", "./x.js"]);
  });

  it("inline scripts and protocol-relative URLs → not counted", () => {
    assert.deepEqual(
      scriptsOf("<script>var a = 1;</script><script src=//cdn.example.com/a.js></script>"),
      []
    );
  });
});
