import assert from "node:assert/strict";
import { supportsNestedAppAuth } from "../../../addin/src/office/requirements.js";
import { installOffice, removeOffice } from "./officeMock.js";

/** isSetSupported for a host that offers exactly the given "Name version" sets. */
function hostWith(...sets: string[]) {
  return (name: string, version?: string) => sets.includes(`${name} ${version}`);
}

describe("supportsNestedAppAuth", () => {
  afterEach(removeOffice);

  it("a host with NestedAppAuth 1.1 → true", () => {
    installOffice({ requirements: { isSetSupported: hostWith("NestedAppAuth 1.1", "Mailbox 1.13") } });
    assert.equal(supportsNestedAppAuth(), true);
  });

  it("a host without NestedAppAuth → false", () => {
    installOffice({ requirements: { isSetSupported: hostWith("Mailbox 1.13") } });
    assert.equal(supportsNestedAppAuth(), false);
  });

  it("a host whose isSetSupported throws for an unknown set → false", () => {
    const throwing = () => {
      throw new Error("unknown requirement set");
    };
    installOffice({ requirements: { isSetSupported: throwing } });
    assert.equal(supportsNestedAppAuth(), false);
  });

  it("no requirements object at all → false", () => {
    installOffice({ mailbox: {} });
    assert.equal(supportsNestedAppAuth(), false);
  });
});
