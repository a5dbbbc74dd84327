// The app-wide pacer on a fake clock: a burst's worth goes at once, then requests are spaced at the
// rate; a batch takes one turn per request it carries; a rate of 0 paces nothing.
import assert from "node:assert/strict";
import { createAppPacer } from "../../../api/src/graph/appPacer.js";

/** A pacer on a fake clock whose waits pass at once; `take` returns how long each turn had to wait. */
function pacedAt(rate: number) {
  let now = 0;
  let waited = 0;
  const pacer = createAppPacer(
    rate,
    () => now,
    async (ms) => void (waited = ms)
  );
  return {
    advance: (ms: number) => (now += ms),
    async take(requests = 1): Promise<number> {
      waited = 0;
      await pacer.take(requests);
      return Math.round(waited * 1000) / 1000;
    },
  };
}

describe("createAppPacer", () => {
  it("1000/s, 100 requests at once → the first 51 at once (a twentieth of a second's worth), then 1 ms apart", async () => {
    const { take } = pacedAt(1000);

    const waits: number[] = [];
    for (let i = 0; i < 100; i++) waits.push(await take());

    assert.deepEqual(waits.slice(0, 51), new Array(51).fill(0));
    assert.deepEqual(
      waits.slice(51),
      Array.from({ length: 49 }, (_, i) => i + 1)
    );
  });

  it("asked five times faster than the rate for 5 s → no second carries more than the rate and the burst", async () => {
    const { take, advance } = pacedAt(200);
    const sentAt: number[] = [];

    for (let ms = 0; ms < 5000; ms++) {
      sentAt.push(ms + (await take()));
      advance(1);
    }

    const busiest = Math.max(
      ...sentAt.map((start) => sentAt.filter((t) => t >= start && t < start + 1000).length)
    );
    assert.ok(busiest <= 200 + 10 + 1, `${busiest} in one second`);
  });

  it("a batch of 20 → twenty turns: the next single request waits for them", async () => {
    const { take } = pacedAt(1000);
    await take(51); // the burst allowance, used up

    assert.equal(await take(20), 1);

    assert.equal(await take(), 21, "after the batch's twenty turns");
  });

  it("a quiet spell → only the burst allowance is back, not the whole quiet time's worth", async () => {
    const { take, advance } = pacedAt(1000);
    await take(60);
    advance(10_000);

    assert.equal(await take(51), 0);
    assert.equal(await take(), 1);
  });

  it("rate 0 → unpaced: nothing ever waits", async () => {
    const { take } = pacedAt(0);

    let waited = 0;
    for (let i = 0; i < 10_000; i++) waited += await take(20);

    assert.equal(waited, 0);
  });
});
