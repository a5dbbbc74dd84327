import assert from "node:assert/strict";
import { readDialogAnswer } from "../../../addin/src/auth/dialogAnswer.js";

describe("readDialogAnswer", () => {
  it("token and expiry → the token answer", () => {
    const answer = readDialogAnswer(
      JSON.stringify({ accessToken: "t", expiresOn: "2026-11-21T10:00:00.000Z" })
    );
    assert.deepEqual(answer, { accessToken: "t", expiresOn: "2026-11-21T10:00:00.000Z" });
  });

  it("an error → the error answer", () => {
    assert.deepEqual(readDialogAnswer(JSON.stringify({ error: "AADSTS50058" })), { error: "AADSTS50058" });
  });

  it("not JSON, or JSON of another shape → an error answer, never a throw", () => {
    for (const message of ["<html>", JSON.stringify({ accessToken: 5 }), "null"])
      assert.match((readDialogAnswer(message) as { error: string }).error, /does not understand/);
  });
});
