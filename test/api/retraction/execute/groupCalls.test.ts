// Grouped calls: calls made together go in one group, each caller gets its own answer (a refused one
// its own error), a call made while a group is being written waits for the next group, groups never
// exceed their limit, and a failed group fails every caller in it.
import assert from "node:assert/strict";
import { groupCalls, type Settled } from "../../../../api/src/retraction/execute/groupCalls.js";

/** A group writer that records each group and answers each input doubled, refusing negative ones. */
function recordingWriter() {
  const groups: number[][] = [];
  let release: () => void = () => {};
  let hold: Promise<void> | undefined;
  const write = async (inputs: number[]): Promise<Settled<number>[]> => {
    groups.push(inputs);
    if (hold) await hold;
    return inputs.map((n) =>
      n < 0 ? { ok: false, error: new Error(`refused ${n}`) } : { ok: true, value: n * 2 }
    );
  };
  return {
    groups,
    write,
    /** Makes the next groups wait until `open` is called. */
    pause: () => (hold = new Promise((resolve) => (release = resolve))),
    open: () => {
      hold = undefined;
      release();
    },
  };
}

describe("retraction: groupCalls", () => {
  it("four calls at once, one refused → one group; three answers and that one's own error", async () => {
    const writer = recordingWriter();
    const call = groupCalls(writer.write, 10);

    const settled = await Promise.allSettled([1, 2, -3, 4].map(call));

    assert.deepEqual(writer.groups, [[1, 2, -3, 4]]);
    assert.deepEqual(
      settled.map((s) => (s.status === "fulfilled" ? s.value : (s.reason as Error).message)),
      [2, 4, "refused -3", 8]
    );
  });

  it("calls made while a group is written → the next group, after the first", async () => {
    const writer = recordingWriter();
    const call = groupCalls(writer.write, 10);
    writer.pause();
    const first = call(1);
    await new Promise((resolve) => setImmediate(resolve)); // the first group is being written
    const later = [call(2), call(3)];
    writer.open();

    assert.deepEqual(await Promise.all([first, ...later]), [2, 4, 6]);
    assert.deepEqual(writer.groups, [[1], [2, 3]]);
  });

  it("more calls than the limit → groups of at most the limit, in order", async () => {
    const writer = recordingWriter();
    const call = groupCalls(writer.write, 2);

    await Promise.all([1, 2, 3, 4, 5].map(call));

    assert.deepEqual(writer.groups, [[1, 2], [3, 4], [5]]);
  });

  it("a limit below one → RangeError (no group could ever be written)", () => {
    assert.throws(() => groupCalls(recordingWriter().write, 0), RangeError);
  });

  it("the group's write fails (the database went away) → every caller in it gets that error; the next group still runs", async () => {
    let failNext = true;
    const call = groupCalls(async (inputs: number[]): Promise<Settled<number>[]> => {
      if (failNext) {
        failNext = false;
        throw new Error("connection terminated");
      }
      return inputs.map((n) => ({ ok: true, value: n }));
    }, 10);

    const failed = await Promise.allSettled([call(1), call(2)]);
    assert.deepEqual(
      failed.map((s) => s.status === "rejected" && (s.reason as Error).message),
      ["connection terminated", "connection terminated"]
    );
    assert.equal(await call(3), 3);
  });
});
