import assert from "node:assert/strict";
import { ApiError } from "../../../../addin/src/api/apiError.js";
import { lookupErrorTitle } from "../../../../addin/src/views/holds/lookupErrorTitle.js";

describe("lookupErrorTitle", () => {
  it("404 MAILBOX_NOT_FOUND → no such mailbox", () => {
    assert.equal(lookupErrorTitle(new ApiError("…", "request", "MAILBOX_NOT_FOUND", 404)), "No such mailbox");
  });

  it("403 MAILBOX_OUT_OF_SCOPE → outside the app's scope", () => {
    const error = new ApiError("…", "forbidden", "MAILBOX_OUT_OF_SCOPE", 403);
    assert.equal(lookupErrorTitle(error), "Mailbox outside the app's scope");
  });

  it("403 FORBIDDEN (a missing role) → not allowed", () => {
    const error = new ApiError("…", "forbidden", "FORBIDDEN", 403);
    assert.equal(lookupErrorTitle(error), "Not allowed to read this mailbox's holds");
  });

  it("400 INVALID_INPUT → not a mailbox address", () => {
    assert.equal(
      lookupErrorTitle(new ApiError("…", "request", "INVALID_INPUT", 400)),
      "Not a mailbox address"
    );
  });

  it("a network failure or a plain Error → could not read", () => {
    assert.equal(lookupErrorTitle(new ApiError("…", "network", null, null)), "Could not read the holds");
    assert.equal(lookupErrorTitle(new Error("boom")), "Could not read the holds");
  });
});
