// The per-mailbox cap on Graph requests in flight: which mailbox a request URL addresses, never more
// works running per key than allowed, keys independent of each other, slots freed by failures, waiting
// works started in arrival order, and no entries left behind. Works finish when the test says so.
import assert from "node:assert/strict";
import {
  createMailboxGate,
  mailboxClaims,
  mailboxOfGraphUrl,
  requestsCounted,
} from "../../../api/src/graph/mailboxGate.js";

/** A work whose promise stays pending until the test settles it, counting how many run at once. */
function controlledWorks() {
  const pending: { name: string; resolve(value: string): void; reject(error: unknown): void }[] = [];
  const started: string[] = [];
  let running = 0;
  let maxRunning = 0;
  const work = (name: string) => () => {
    started.push(name);
    running++;
    maxRunning = Math.max(maxRunning, running);
    return new Promise<string>((resolve, reject) => {
      const done = () => (running--, pending.splice(pending.indexOf(entry), 1));
      const entry = {
        name,
        resolve: (v: string) => (done(), resolve(v)),
        reject: (e: unknown) => (done(), reject(e)),
      };
      pending.push(entry);
    });
  };
  return { work, pending, started, stats: () => ({ running, maxRunning }) };
}

/** Lets every promise reaction queued so far run (no timers involved). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

const adele = "adele.vance@contoso.com";
const megan = "megan.bowen@contoso.com";

describe("mailboxGate", () => {
  describe("mailboxOfGraphUrl", () => {
    const cases: [string, string | undefined][] = [
      ["https://graph.microsoft.com/v1.0/users/Adele.Vance%40contoso.com/messages/AAM=/move", adele],
      ["https://graph.microsoft.com/v1.0/users/adele.vance@contoso.com", adele],
      ["https://graph.microsoft.com/beta/users/ADELE.VANCE%40CONTOSO.COM/mailFolders/inbox?$top=5", adele],
      [
        `https://localhost:8443/v1.0/users/${encodeURIComponent("o'neil+x@contoso.com")}/messages`,
        "o'neil+x@contoso.com",
      ],
      [
        "https://graph.microsoft.com/v1.0/users/8f3c2a1e-0000-4000-8000-000000000001/messages",
        "8f3c2a1e-0000-4000-8000-000000000001",
      ],
      ["https://graph.microsoft.com/v1.0/users", undefined],
      ["https://graph.microsoft.com/v1.0/users/", undefined],
      ["https://graph.microsoft.com/v1.0/users?$filter=mail eq 'adele.vance@contoso.com'", undefined],
      ["https://graph.microsoft.com/v1.0/users/$count", undefined],
      ["https://graph.microsoft.com/v1.0/$batch", undefined],
      ["https://graph.microsoft.com/v1.0/domains", undefined],
      ["https://graph.microsoft.com/v1.0/groups/0000/transitiveMembers", undefined],
      ["not a url", undefined],
    ];
    for (const [url, mailbox] of cases)
      it(`${url} → ${mailbox ?? "no mailbox"}`, () => {
        assert.equal(mailboxOfGraphUrl(url), mailbox);
      });
  });

  describe("createMailboxGate", () => {
    it("limit 4, ten works on one mailbox → never more than 4 running, all finish", async () => {
      const gate = createMailboxGate(4);
      const { work, pending, stats } = controlledWorks();

      const all = Promise.all(Array.from({ length: 10 }, (_, i) => gate.run(adele, work(`w${i}`))));
      await settle();
      assert.equal(stats().running, 4);
      assert.equal(gate.inFlight(adele), 4);
      while (pending.length > 0) {
        pending[0]!.resolve("ok");
        await settle();
        assert.ok(stats().running <= 4, `${stats().running} running`);
      }

      assert.equal((await all).length, 10);
      assert.equal(stats().maxRunning, 4);
    });

    it("one mailbox full → another mailbox's works start at once", async () => {
      const gate = createMailboxGate(2);
      const { work, pending, started } = controlledWorks();

      const all = Promise.all([
        gate.run(adele, work("a1")),
        gate.run(adele, work("a2")),
        gate.run(adele, work("a3")),
        gate.run(megan, work("m1")),
        gate.run(megan, work("m2")),
      ]);
      await settle();

      assert.deepEqual(started, ["a1", "a2", "m1", "m2"]);
      assert.equal(gate.inFlight(adele), 2);
      assert.equal(gate.inFlight(megan), 2);
      while (pending.length > 0) {
        pending[0]!.resolve("ok");
        await settle();
      }
      await all;
    });

    it("a work that throws → its error passed on, its slot given to the next one", async () => {
      const gate = createMailboxGate(1);
      const { work, pending, started } = controlledWorks();

      const failing = gate.run(adele, work("fails"));
      const next = gate.run(adele, work("next"));
      await settle();
      assert.deepEqual(started, ["fails"]);
      pending[0]!.reject(new Error("boom"));

      await assert.rejects(failing, /boom/);
      await settle();
      assert.deepEqual(started, ["fails", "next"]);
      pending[0]!.resolve("ok");
      assert.equal(await next, "ok");
      assert.equal(gate.inFlight(adele), 0);
    });

    it("a work that throws before returning a promise → its slot freed all the same", async () => {
      const gate = createMailboxGate(1);

      await assert.rejects(
        gate.run(adele, () => {
          throw new Error("at once");
        }),
        /at once/
      );

      assert.equal(gate.inFlight(adele), 0);
      assert.equal(await gate.run(adele, async () => "free"), "free");
      assert.equal(gate.keys(), 0);
    });

    it("works waiting for a slot → started in the order they arrived", async () => {
      const gate = createMailboxGate(1);
      const { work, pending, started } = controlledWorks();
      const names = ["first", "second", "third", "fourth", "fifth"];

      const all = Promise.all(names.map((name) => gate.run(adele, work(name))));
      await settle();
      assert.deepEqual(started, ["first"]);
      while (pending.length > 0) {
        pending[0]!.resolve(pending[0]!.name);
        await settle();
        assert.ok(pending.length <= 1);
      }

      assert.deepEqual(started, names);
      assert.deepEqual(await all, names);
    });

    it("a slot freed while others wait → the longest waiting work gets it, not a newcomer", async () => {
      const gate = createMailboxGate(1);
      const { work, pending, started } = controlledWorks();

      const first = gate.run(adele, work("first"));
      const waiting = gate.run(adele, work("waiting"));
      await settle();
      pending[0]!.resolve("ok");
      const newcomer = gate.run(adele, work("newcomer"));
      await settle();

      assert.deepEqual(started, ["first", "waiting"]);
      pending[0]!.resolve("ok");
      await settle();
      pending[0]!.resolve("ok");
      await Promise.all([first, waiting, newcomer]);
      assert.deepEqual(started, ["first", "waiting", "newcomer"]);
    });

    it("no mailbox (undefined key) → every work starts at once, holding no slot", async () => {
      const gate = createMailboxGate(1);
      const { work, pending, started } = controlledWorks();

      const all = Promise.all(Array.from({ length: 5 }, (_, i) => gate.run(undefined, work(`u${i}`))));
      await settle();

      assert.equal(started.length, 5);
      assert.equal(gate.inFlight(adele), 0);
      for (const p of [...pending]) p.resolve("ok");
      await all;
    });

    it("limit 0 → no limit", async () => {
      const gate = createMailboxGate(0);
      const { work, pending, started } = controlledWorks();

      const all = Promise.all(Array.from({ length: 10 }, (_, i) => gate.run(adele, work(`w${i}`))));
      await settle();

      assert.equal(started.length, 10);
      for (const p of [...pending]) p.resolve("ok");
      await all;
    });

    it("everything finished, some failed → inFlight back to 0 and no mailbox kept", async () => {
      const gate = createMailboxGate(2);
      const { work, pending } = controlledWorks();

      const all = Promise.allSettled(
        [adele, adele, adele, megan, megan].map((mailbox, i) => gate.run(mailbox, work(`${mailbox}#${i}`)))
      );
      await settle();
      assert.equal(gate.keys(), 2);
      let i = 0;
      while (pending.length > 0) {
        if (i++ % 2) pending[0]!.resolve("ok");
        else pending[0]!.reject(new Error("failed"));
        await settle();
      }
      await all;

      assert.equal(gate.inFlight(adele), 0);
      assert.equal(gate.inFlight(megan), 0);
      assert.equal(gate.keys(), 0);
    });
  });

  describe("requestsCounted", () => {
    const batchUrl = "https://graph.microsoft.com/v1.0/$batch";

    it("a single request → 1; a $batch of three, mailboxes or not → 3", () => {
      assert.equal(requestsCounted(`https://graph.microsoft.com/v1.0/users/${adele}/messages`, undefined), 1);
      const body = {
        requests: ["/domains", "/users", `/users/${adele}/messages`].map((url, i) => ({
          id: String(i),
          url,
        })),
      };
      assert.equal(requestsCounted(batchUrl, JSON.stringify(body)), 3);
      assert.equal(requestsCounted(batchUrl, body), 3);
    });

    it("a $batch that is not JSON or carries nothing → 1", () => {
      assert.equal(requestsCounted(batchUrl, "{not json"), 1);
      assert.equal(requestsCounted(batchUrl, JSON.stringify({ requests: [] })), 1);
    });
  });

  describe("mailboxClaims", () => {
    const batchUrl = "https://graph.microsoft.com/v1.0/$batch";
    const batch = (...urls: string[]) =>
      JSON.stringify({ requests: urls.map((url, i) => ({ id: String(i), method: "GET", url })) });

    it("a request to one mailbox → one slot of it", () => {
      assert.deepEqual(
        mailboxClaims(`https://graph.microsoft.com/v1.0/users/${adele}/messages`, undefined),
        new Map([[adele, 1]])
      );
    });

    it("a $batch → one slot per request it carries, by mailbox; requests to no mailbox take none", () => {
      const body = batch(
        `/users/${adele}/mailFolders/inbox`,
        `/users/${adele}/mailFolders/drafts`,
        `users/${megan}/messages`,
        "/domains"
      );
      assert.deepEqual(
        mailboxClaims(batchUrl, body),
        new Map([
          [adele, 2],
          [megan, 1],
        ])
      );
    });

    it("a $batch body already parsed → read the same way", () => {
      assert.deepEqual(
        mailboxClaims(batchUrl, { requests: [{ url: `/users/${megan}/messages` }] }),
        new Map([[megan, 1]])
      );
    });

    it("a $batch whose body is not JSON, or a request to no mailbox → no slots", () => {
      assert.deepEqual(mailboxClaims(batchUrl, "{"), new Map());
      assert.deepEqual(mailboxClaims("https://graph.microsoft.com/v1.0/domains", undefined), new Map());
    });
  });

  describe("runHolding", () => {
    it("a batch holding 3 of a mailbox's 4 slots → a 2nd request waits, a 1st runs", async () => {
      const gate = createMailboxGate(4);
      const { work, pending, started } = controlledWorks();
      const batch = gate.runHolding(new Map([[adele, 3]]), work("batch"));
      const first = gate.run(adele, work("first"));
      const second = gate.run(adele, work("second"));
      await settle();
      assert.deepEqual(started, ["batch", "first"]);
      assert.equal(gate.inFlight(adele), 4);
      pending.find((p) => p.name === "batch")!.resolve("b");
      await settle();
      assert.deepEqual(started, ["batch", "first", "second"]);
      for (const entry of [...pending]) entry.resolve("x");
      await Promise.all([batch, first, second]);
      assert.equal(gate.keys(), 0);
    });

    it("claims above the limit → capped at the limit, so the batch still runs", async () => {
      const gate = createMailboxGate(4);
      const { work, pending, started } = controlledWorks();
      const batch = gate.runHolding(new Map([[adele, 20]]), work("batch"));
      await settle();
      assert.deepEqual(started, ["batch"]);
      assert.equal(gate.inFlight(adele), 4);
      pending[0]!.resolve("b");
      await batch;
      assert.equal(gate.keys(), 0);
    });

    it("a waiting batch needing 4 slots → later single requests queue behind it (first come, first served)", async () => {
      const gate = createMailboxGate(4);
      const { work, pending, started } = controlledWorks();
      const first = gate.run(adele, work("first"));
      const batch = gate.runHolding(new Map([[adele, 4]]), work("batch"));
      const later = gate.run(adele, work("later"));
      await settle();
      assert.deepEqual(started, ["first"]);
      pending.find((p) => p.name === "first")!.resolve("f");
      await settle();
      assert.deepEqual(started, ["first", "batch"]);
      pending.find((p) => p.name === "batch")!.resolve("b");
      await settle();
      assert.deepEqual(started, ["first", "batch", "later"]);
      pending[0]!.resolve("l");
      await Promise.all([first, batch, later]);
    });

    it("two batches over the same two mailboxes → both finish, one after the other (no deadlock)", async () => {
      const gate = createMailboxGate(4);
      const { work, pending, started } = controlledWorks();
      const one = gate.runHolding(
        new Map([
          [megan, 4],
          [adele, 4],
        ]),
        work("one")
      );
      const two = gate.runHolding(
        new Map([
          [adele, 4],
          [megan, 4],
        ]),
        work("two")
      );
      await settle();
      assert.deepEqual(started, ["one"]);
      pending[0]!.resolve("1");
      await settle();
      assert.deepEqual(started, ["one", "two"]);
      pending[0]!.resolve("2");
      await Promise.all([one, two]);
      assert.equal(gate.keys(), 0);
    });

    it("a work that throws → its slots are freed", async () => {
      const gate = createMailboxGate(4);
      await assert.rejects(
        gate.runHolding(new Map([[adele, 4]]), () => Promise.reject(new Error("boom"))),
        /boom/
      );
      assert.equal(gate.keys(), 0);
    });
  });
});
