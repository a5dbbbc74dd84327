import assert from "node:assert/strict";
import { OfficeCallError, officeCall } from "../../../addin/src/office/asyncResult.js";
import { failed, installOffice, removeOffice, succeeded } from "./officeMock.js";

describe("officeCall", () => {
  beforeEach(() => installOffice({}));
  afterEach(removeOffice);

  it("the call succeeds → resolves with the AsyncResult's value", async () => {
    assert.equal(await officeCall("Could not read", (done) => done(succeeded(42))), 42);
  });

  it("the call fails → rejects with an OfficeCallError naming the action, Office's message and code", async () => {
    const rejection = officeCall("Could not read the body", (done) =>
      done(failed(9020, "Generic response error."))
    );
    await assert.rejects(rejection, (err: unknown) => {
      assert.ok(err instanceof OfficeCallError);
      assert.equal(err.message, "Could not read the body: Generic response error. (Office error 9020)");
      assert.equal(err.code, 9020);
      return true;
    });
  });

  it("the host throws instead of calling back → rejects with the action and the thrown message, code null", async () => {
    const rejection = officeCall("Could not read", () => {
      throw new Error("Sys.ArgumentException");
    });
    await assert.rejects(rejection, { message: "Could not read: Sys.ArgumentException", code: null });
  });
});
