import assert from "node:assert/strict";
import { hostPrefersDark } from "../../../addin/src/office/hostTheme.js";
import { installOffice, removeOffice } from "./officeMock.js";

describe("hostPrefersDark", () => {
  afterEach(removeOffice);

  it("Office reports a dark body background → true", () => {
    installOffice({ officeTheme: { bodyBackgroundColor: "#1f1f1f" } });
    assert.equal(hostPrefersDark(), true);
  });

  it("Office reports a white body background → false", () => {
    installOffice({ officeTheme: { bodyBackgroundColor: "#FFFFFF" } });
    assert.equal(hostPrefersDark(), false);
  });
});
