import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { DOMParser, XMLSerializer, type Element } from "@xmldom/xmldom";
import { checkManifest } from "../../../scripts/manifest/checkManifest.js";

const manifest = readFileSync("manifest.xml", "utf8");
const xsiNs = "http://www.w3.org/2001/XMLSchema-instance";

/** The manifest with the first element named `localName` (and of `xsiType`, if given) removed. */
function without(localName: string, xsiType?: string): string {
  const doc = new DOMParser().parseFromString(manifest, "text/xml");
  const element = Array.from(doc.getElementsByTagNameNS("*", localName)).find(
    (candidate: Element) => !xsiType || candidate.getAttributeNS(xsiNs, "type") === xsiType
  );
  assert.ok(element, `the manifest has no <${localName}> to remove`);
  element.parentNode?.removeChild(element);
  return new XMLSerializer().serializeToString(doc);
}

describe("checkManifest", () => {
  it("the project's manifest → no problems", () => {
    assert.deepEqual(checkManifest(manifest), []);
  });

  it("the project's manifest asks only for ReadItem → least privilege", () => {
    assert.match(manifest, /<Permissions>ReadItem<\/Permissions>/);
  });

  const required: [string, string | undefined, RegExp][] = [
    ["Id", undefined, /lacks <Id>/],
    ["Version", undefined, /lacks <Version>/],
    ["ProviderName", undefined, /lacks <ProviderName>/],
    ["DefaultLocale", undefined, /lacks <DefaultLocale>/],
    ["DisplayName", undefined, /lacks <DisplayName>/],
    ["Description", undefined, /lacks <Description>/],
    ["IconUrl", undefined, /lacks <IconUrl>/],
    ["Hosts", undefined, /lacks <Hosts>/],
    ["Requirements", undefined, /lacks <Requirements>/],
    ["FormSettings", undefined, /lacks <FormSettings>/],
    ["Permissions", undefined, /lacks <Permissions>/],
    ["Rule", "RuleCollection", /lacks <Rule>/],
    ["VersionOverrides", "VersionOverridesV1_0", /VersionOverridesV1_0.*missing|no button/],
    ["ExtensionPoint", "MessageReadCommandSurface", /MessageReadCommandSurface/],
    ["OfficeTab", undefined, /OfficeTab/],
    ["Control", "Button", /Button/],
    ["Action", "ShowTaskpane", /ShowTaskpane/],
    ["Supertip", undefined, /lacks <Supertip>/],
    ["Icon", undefined, /lacks <Icon>/],
    ["Url", undefined, /refers to no resource/],
    ["Images", undefined, /refers to no resource/],
  ];
  for (const [localName, xsiType, expected] of required) {
    it(`<${localName}${xsiType ? ` xsi:type="${xsiType}"` : ""}> removed → names what is missing`, () => {
      const problems = checkManifest(without(localName, xsiType));
      assert.ok(
        problems.some((problem) => expected.test(problem)),
        `got: ${problems.join(" | ")}`
      );
    });
  }

  it("elements out of schema order → reported", () => {
    const permissions = "<Permissions>ReadItem</Permissions>";
    const reordered = manifest.replace(permissions, "").replace("<Hosts>", `${permissions}<Hosts>`);
    assert.ok(checkManifest(reordered).some((problem) => /<Hosts> is out of order/.test(problem)));
  });

  it("a permission Outlook does not know → reported", () => {
    const problems = checkManifest(manifest.replace(">ReadItem<", ">ReadEverything<"));
    assert.ok(problems.some((problem) => /Permissions> must be one of/.test(problem)));
  });

  it("an http:// page URL → reported", () => {
    const problems = checkManifest(
      manifest.replace("https://localhost:3000/taskpane.html", "http://localhost:3000/taskpane.html")
    );
    assert.ok(problems.some((problem) => /is not https/.test(problem)));
  });

  it("a GUID-less Id → reported", () => {
    const problems = checkManifest(manifest.replace(/<Id>[^<]+<\/Id>/, "<Id>my-addin</Id>"));
    assert.ok(problems.some((problem) => /GUID/.test(problem)));
  });

  it("a tooltip over 250 characters → reported", () => {
    const long = "x".repeat(251);
    const problems = checkManifest(
      manifest.replace(/(id="TaskpaneButton.Tooltip" DefaultValue=")[^"]*/, `$1${long}`)
    );
    assert.ok(problems.some((problem) => /longer than 250/.test(problem)));
  });

  it("malformed XML → one problem saying so", () => {
    const problems = checkManifest(manifest.replace("</Hosts>", ""));
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /not well-formed/);
  });

  it("a task pane app instead of a mail app → rejected at the root", () => {
    const problems = checkManifest(manifest.replace('xsi:type="MailApp"', 'xsi:type="TaskPaneApp"'));
    assert.match(problems[0]!, /root must be/);
  });
});
