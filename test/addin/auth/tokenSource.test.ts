import assert from "node:assert/strict";
import { createTokenSource, SignInError } from "../../../addin/src/auth/tokenSource.js";
import { addinBuildSettings } from "../../../lib/addinBuildSettings.js";

const settings = addinBuildSettings({}, { apiPublicUrl: null });

/** A token source for an Outlook without NestedAppAuth 1.1, whose Office dialog answers from a list. */
function dialogSource(answers: string[]) {
  const opened: string[] = [];
  const tokens = createTokenSource({
    settings,
    origin: "https://addin.example.com",
    loginHint: "adele.vance@contoso.com",
    supportsNestedAppAuth: false,
    openDialog: async (url) => {
      opened.push(url);
      const answer = answers.shift();
      if (answer === undefined) throw new Error("Sign-in was cancelled: the dialog was closed.");
      return answer;
    },
  });
  return { tokens, opened };
}

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe("createTokenSource without NestedAppAuth (the Office dialog fallback)", () => {
  it("first call → opens auth-dialog.html with the user as login hint and returns its token", async () => {
    const { tokens, opened } = dialogSource([
      JSON.stringify({ accessToken: "t1", expiresOn: inMinutes(60) }),
    ]);
    assert.equal(await tokens.getToken(), "t1");
    assert.deepEqual(opened, [
      "https://addin.example.com/auth-dialog.html?loginHint=adele.vance%40contoso.com",
    ]);
  });

  it("a token with an hour left → reused without a dialog; `fresh` → a new dialog", async () => {
    const { tokens, opened } = dialogSource([
      JSON.stringify({ accessToken: "t1", expiresOn: inMinutes(60) }),
      JSON.stringify({ accessToken: "t2", expiresOn: inMinutes(60) }),
    ]);
    await tokens.getToken();
    assert.equal(await tokens.getToken(), "t1");
    assert.equal(await tokens.getToken({ fresh: true }), "t2");
    assert.equal(opened.length, 2);
  });

  it("a token with a minute left → not reused", async () => {
    const { tokens, opened } = dialogSource([
      JSON.stringify({ accessToken: "t1", expiresOn: inMinutes(1) }),
      JSON.stringify({ accessToken: "t2", expiresOn: inMinutes(60) }),
    ]);
    await tokens.getToken();
    assert.equal(await tokens.getToken(), "t2");
    assert.equal(opened.length, 2);
  });

  it("the dialog reports an error, or is closed → SignInError saying so", async () => {
    const failing = dialogSource([JSON.stringify({ error: "AADSTS65001: consent required" })]);
    await assert.rejects(
      failing.tokens.getToken(),
      (err: unknown) => err instanceof SignInError && /AADSTS65001/.test(err.message)
    );
    const closed = dialogSource([]);
    await assert.rejects(
      closed.tokens.getToken(),
      (err: unknown) => err instanceof SignInError && /cancelled/.test(err.message)
    );
  });
});
