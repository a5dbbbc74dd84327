import assert from "node:assert/strict";
import { readEvents } from "../../lib/serverSentEvents.js";

describe("readEvents", () => {
  it("chunks split mid-event: complete events out, the partial one kept, keep-alive comments dropped", () => {
    const first = readEvents('id: 1\nevent: snapshot\ndata: {"a":1}\n\n: still working\n\nevent: tar');
    assert.deepEqual(first.events, [{ event: "snapshot", data: { a: 1 } }]);
    const second = readEvents(`${first.rest}get\r\ndata: [2]\r\n\r\n`);
    assert.deepEqual(second.events, [{ event: "target", data: [2] }]);
    assert.equal(second.rest, "");
  });

  it("an event with several data lines → their JSON joined by newlines", () => {
    const { events } = readEvents('event: progress\ndata: {"a":\ndata: 1}\n\n');
    assert.deepEqual(events, [{ event: "progress", data: { a: 1 } }]);
  });

  it("an event without an event field → named message", () => {
    assert.deepEqual(readEvents("data: 3\n\n").events, [{ event: "message", data: 3 }]);
  });
});
