import assert from "node:assert/strict";
import { readableLogLine } from "../../../scripts/start/childProcess.js";

describe("readableLogLine", () => {
  it("a pino request line → level, message, method, url, status and time", () => {
    const line = JSON.stringify({
      level: 30,
      msg: "request completed",
      req: { method: "GET", url: "/healthz" },
      res: { statusCode: 200 },
      responseTime: 3,
    });
    assert.equal(readableLogLine(line), "info request completed GET /healthz → 200 in 3ms");
  });

  it("a pino error line → upper-case level", () => {
    assert.equal(readableLogLine(JSON.stringify({ level: 50, msg: "boom" })), "ERROR boom");
  });

  it("plain text, or JSON that is not a log entry → unchanged", () => {
    assert.equal(readableLogLine("webpack compiled"), "webpack compiled");
    assert.equal(readableLogLine('{"not":"a log"}'), '{"not":"a log"}');
    assert.equal(readableLogLine("{broken"), "{broken");
  });
});
