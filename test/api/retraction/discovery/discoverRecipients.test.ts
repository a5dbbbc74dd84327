// Recipient discovery against sim's demo tenant through the real Graph gateway: the phishing mail's
// recipients at depth 0 (lists expanded, each recipient classified), then forwards and replies to depth
// 3; the sender's copy and Bcc; a thread that loops; failures that are the caller's to report; and the
// cap on lookups in flight.
import assert from "node:assert/strict";
import type { TokenCredential } from "@azure/identity";
import type { ApiConfig } from "../../../../api/src/config.js";
import type { AppError } from "../../../../api/src/errors.js";
import { createGraph, type GraphGateway } from "../../../../api/src/graph/graphClient.js";
import { createAppCredential } from "../../../../api/src/outbound/credential.js";
import { createOutboundFetch, type OutboundFetch } from "../../../../api/src/outbound/outboundHttp.js";
import {
  discoverRecipients,
  type DiscoveryDeps,
} from "../../../../api/src/retraction/discovery/discoverRecipients.js";
import { mergeFindings, type Finding } from "../../../../api/src/retraction/discovery/mergeFindings.js";
import type {
  NotRetractable,
  PlanMessage,
  RetractableTarget,
} from "../../../../api/src/retraction/discovery/discoveryTypes.js";
import type { PreviewRequest } from "../../../../api/src/retraction/retractionRequest.js";
import { testSettings } from "../../../../sim/src/settings.js";
import { demo, demoFixtureJson, startSim, type RunningSim } from "../../../support/simServer.js";
import { recordingFetch, simConfig } from "../../outbound/support.js";

const phish = demo.phishId;
const adelesForward = "<demo-fwd-0002@contoso.com>";
const alexsReply = "<demo-reply-0004@contoso.com>";
const pattisForward = "<demo-fwd-0003@contoso.com>";
const bccId = "<bcc-0001@contoso.com>";
const diegosForward = "<bcc-fwd-0002@contoso.com>";
const samsForward = "<trip-fwd-0002@contoso.com>";
const twiceId = "<twice-0001@contoso.com>";
const loop = (n: number) => `<loop-000${n}@contoso.com>`;

const at = (name: string) => `${name}@contoso.com`;
/** Everyone holding the phishing mail: To recipients, and Finance Team with the nested Finance Leads. */
const depth0Targets = [
  "adele.vance",
  "alex.wilber",
  "emily.braun",
  "henrietta.mueller",
  "joni.sherman",
  "lee.gu",
  "lynne.robbins",
  "megan.bowen",
].map(at);
const depth0Refused = [
  ["auditor@tailspintoys.com", "external"],
  ["contractor@contoso.com", "noMailbox"],
  ["miriam.graham@contoso.com", "copyNotFound"],
  ["paul.rivera@contoso-europe.com", "unverifiedDomain"],
  ["pradeep.gupta@contoso.com", "outOfScope"],
];

/** The demo tenant plus a mail with Bcc from an internal sender, and a thread that goes back and forth. */
function fixture(): Record<string, unknown> {
  const f = demoFixtureJson() as Record<string, unknown[]>;
  const thread = (n: number, subject: string, from: string, to: string, answers: number[]) => ({
    internetMessageId: loop(n),
    subject,
    from,
    to: [to],
    sentDateTime: `now-${10 - n}h`,
    inReplyTo: loop(answers.at(-1)!),
    references: answers.map(loop),
  });
  return {
    ...f,
    users: [
      ...f.users!,
      { userPrincipalName: at("sam.sato"), displayName: "Sam Sato", otherAddresses: [at("sam")] },
    ],
    groups: [
      ...f.groups!,
      { displayName: "Travel Desk", mail: at("travel"), members: [at("sam.sato"), at("bianca.pisani")] },
    ],
    messages: [
      ...f.messages!,
      {
        internetMessageId: diegosForward,
        subject: "FW: Salary review",
        from: "Diego Siciliani <diego.siciliani@contoso.com>",
        to: ["Irvin Sayers <irvin.sayers@contoso.com>"],
        sentDateTime: "now-30m",
        inReplyTo: bccId,
        references: [bccId],
      },
      {
        internetMessageId: "<trip-0001@fabrikam.com>",
        subject: "Your trip",
        from: "Fabrikam Travel <trips@fabrikam.com>",
        to: [at("travel")],
        sentDateTime: "now-5h",
      },
      {
        // Sam forwards from an alias: only his proxy addresses say the forward is his.
        internetMessageId: samsForward,
        subject: "FW: Your trip",
        from: `Sam Sato <${at("sam")}>`,
        to: [at("raul.razo")],
        sentDateTime: "now-4h",
        inReplyTo: "<trip-0001@fabrikam.com>",
        references: ["<trip-0001@fabrikam.com>"],
      },
      {
        internetMessageId: bccId,
        subject: "Salary review",
        from: "Megan Bowen <megan.bowen@contoso.com>",
        to: ["Adele Vance <adele.vance@contoso.com>"],
        // Megan copies herself: her Inbox copy is hers as the sender, like the one in Sent Items.
        cc: ["Megan Bowen <megan.bowen@contoso.com>"],
        bcc: ["Diego Siciliani <diego.siciliani@contoso.com>"],
        sentDateTime: "now-1h",
      },
      {
        // Lynne is named and also a member of the list on Cc.
        internetMessageId: twiceId,
        subject: "Quarter close",
        from: "Alex Wilber <alex.wilber@contoso.com>",
        to: ["Lynne Robbins <lynne.robbins@contoso.com>"],
        cc: ["Finance Team <finance-team@contoso.com>"],
        sentDateTime: "now-2h",
      },
      {
        internetMessageId: loop(1),
        subject: "Budget",
        from: "Fabrikam <news@fabrikam.com>",
        to: [at("adele.vance")],
        sentDateTime: "now-10h",
      },
      thread(2, "FW: Budget", at("adele.vance"), at("patti.fernandez"), [1]),
      thread(3, "FW: FW: Budget", at("patti.fernandez"), at("adele.vance"), [1, 2]),
      thread(4, "RE: FW: FW: Budget", at("adele.vance"), at("patti.fernandez"), [1, 2, 3]),
    ],
  };
}

const request = (extra: Partial<PreviewRequest> = {}): PreviewRequest => ({
  internetMessageId: phish,
  mailbox: at("adele.vance"),
  conversationDepth: 0,
  mode: "soft",
  sweep: false,
  ...extra,
});

type Discovery = { messages: PlanMessage[]; targets: RetractableTarget[]; notRetractable: NotRetractable[] };

/** Discovery with its findings collected and merged, as a plan merges them. */
async function discover(deps: DiscoveryDeps, request: PreviewRequest): Promise<Discovery> {
  const findings: Finding[] = [];
  const { messages } = await discoverRecipients(deps, request, async (found) => {
    findings.push(...found);
  });
  return { messages, ...mergeFindings(findings) };
}

const mailboxes = (d: Discovery) => d.targets.map((t) => t.mailbox);
const refusals = (d: Discovery) => d.notRetractable.map((n) => [n.address, n.reason]);
const target = (d: Discovery, name: string) => d.targets.find((t) => t.mailbox === at(name));
const whyTexts = (d: Discovery, name: string) => target(d, name)?.why.map((w) => w.text);

describe("discoverRecipients", () => {
  let s: RunningSim;
  let config: ApiConfig;
  let credential: TokenCredential;
  let graph: GraphGateway;
  const byDepth: Discovery[] = [];

  before(async () => {
    s = await startSim({ fixture: fixture() });
    config = simConfig(s);
    credential = createAppCredential(config);
    graph = createGraph(config, credential, { retryDelaySeconds: 0 });
    for (const conversationDepth of [0, 1, 2, 3])
      byDepth.push(await discover({ graph }, request({ conversationDepth })));
  });
  after(() => s?.close());
  afterEach(() => void Object.assign(s.sim.settings, testSettings));

  describe("depth 0: the message's own recipients", () => {
    it("the phishing mail opened in adele.vance → every internal mailbox holding it, Megan once", () => {
      assert.deepEqual([...mailboxes(byDepth[0]!)].sort(), depth0Targets);
      assert.deepEqual(
        byDepth[0]!.messages.map((m) => [m.internetMessageId, m.depth, m.from]),
        [[phish, 0, "payroll@fabrikam.com"]]
      );
    });

    it("each target → why in words: the field, the list it came through, the mailbox it was opened in", () => {
      const d = byDepth[0]!;

      assert.deepEqual(whyTexts(d, "adele.vance"), [
        "To recipient",
        "the message was opened in this mailbox",
      ]);
      assert.deepEqual(whyTexts(d, "alex.wilber"), ["To recipient"]);
      assert.deepEqual(whyTexts(d, "megan.bowen"), ["To recipient via Finance Team"]);
      // Finance Leads is nested in Finance Team: transitive members are reached through the list addressed.
      assert.deepEqual(whyTexts(d, "henrietta.mueller"), ["To recipient via Finance Team"]);
      assert.ok(d.targets.every((t) => t.why.every((w) => w.depth === 0 && w.internetMessageId === phish)));
    });

    it("each copy → the exact Internet Message-ID, wherever the recipient keeps it", async () => {
      const d = byDepth[0]!;
      const megan = target(d, "megan.bowen")!;
      const deletedItems = (await graph.getMailFolder(at("megan.bowen"), "deleteditems")).value.id;

      for (const t of d.targets) {
        assert.ok(t.copies.length > 0, t.mailbox);
        for (const c of t.copies) assert.equal(c.internetMessageId, phish, t.mailbox);
      }
      assert.deepEqual(
        megan.copies.map((c) => c.parentFolderId),
        [deletedItems]
      );
      assert.equal(megan.copies[0]!.from, "payroll@fabrikam.com");
    });

    it("recipients that cannot be retracted → external, unverified domain, no mailbox, out of scope, copy not found", () => {
      const d = byDepth[0]!;

      assert.deepEqual(refusals(d), depth0Refused);
      const contractor = d.notRetractable.find((n) => n.address === "contractor@contoso.com")!;
      assert.deepEqual(
        contractor.why.map((w) => w.text),
        ["To recipient via Finance Team", "Cc recipient"]
      );
      assert.match(contractor.text, /no Exchange Online mailbox/);
      const paul = d.notRetractable.find((n) => n.reason === "unverifiedDomain")!;
      assert.match(paul.text, /contoso-europe\.com is added to the tenant but not verified/);
    });

    it("diego.siciliani on Bcc → not found: only the sender's copy lists Bcc, and the sender is at fabrikam.com", () => {
      // The recipients' copies do not show Bcc; the sender's Sent Items copy would, but an external
      // sender's mailbox is out of reach. Only a sweep of the mailboxes in scope finds Diego (see below).
      const d = byDepth[0]!;
      const diego = at("diego.siciliani");

      assert.ok(!mailboxes(d).includes(diego));
      assert.ok(!d.notRetractable.some((n) => n.address === diego));
    });
  });

  describe("following forwards and replies", () => {
    it("depth 1 → Adele's forward and Alex's reply: Patti, Isaiah and Nestor added; the external reply recipient refused", () => {
      const d = byDepth[1]!;

      assert.deepEqual(
        d.messages.map((m) => [m.internetMessageId, m.depth]),
        [
          [phish, 0],
          [adelesForward, 1],
          [alexsReply, 1],
        ]
      );
      assert.deepEqual(
        [...mailboxes(d)].sort(),
        [...depth0Targets, ...["isaiah.langer", "nestor.wilke", "patti.fernandez"].map(at)].sort()
      );
      assert.deepEqual(whyTexts(d, "patti.fernandez"), [
        "forwarded by Adele Vance at depth 1 (To recipient)",
      ]);
      assert.deepEqual(whyTexts(d, "isaiah.langer"), ["forwarded by Adele Vance at depth 1 (Cc recipient)"]);
      assert.deepEqual(whyTexts(d, "nestor.wilke"), ["in a reply by Alex Wilber at depth 1 (Cc recipient)"]);
      assert.deepEqual(refusals(d), [...depth0Refused, ["payroll@fabrikam.com", "external"]]);
      assert.deepEqual(
        d.notRetractable.at(-1)!.why.map((w) => [w.depth, w.internetMessageId, w.text]),
        [[1, alexsReply, "in a reply by Alex Wilber at depth 1 (To recipient)"]]
      );
    });

    it("depth 1 → each new copy is of the forward or reply that reached the mailbox, matched exactly", () => {
      const d = byDepth[1]!;

      assert.deepEqual(
        target(d, "patti.fernandez")!.copies.map((c) => c.internetMessageId),
        [adelesForward]
      );
      assert.deepEqual(
        target(d, "nestor.wilke")!.copies.map((c) => c.internetMessageId),
        [alexsReply]
      );
    });

    it("depth 1 → the forwarder keeps the forward in Sent Items: Adele's target holds only the original", () => {
      assert.deepEqual(
        target(byDepth[1]!, "adele.vance")!.copies.map((c) => c.internetMessageId),
        [phish]
      );
    });

    it("depth 2 → Patti's forward: Grady and Johanna added, forwarded by Patti Fernandez at depth 2", () => {
      const d = byDepth[2]!;

      assert.deepEqual(d.messages.at(-1), {
        internetMessageId: pattisForward,
        depth: 2,
        subject: "FW: FW: Action required: confirm your payroll details",
        from: at("patti.fernandez"),
        sentDateTime: d.messages.at(-1)!.sentDateTime,
      });
      assert.deepEqual(
        mailboxes(d).filter((m) => !mailboxes(byDepth[1]!).includes(m)),
        ["grady.archie", "johanna.lorenz"].map(at)
      );
      for (const name of ["grady.archie", "johanna.lorenz"]) {
        assert.deepEqual(whyTexts(d, name), ["forwarded by Patti Fernandez at depth 2 (To recipient)"]);
        assert.deepEqual(
          target(d, name)!.copies.map((c) => c.internetMessageId),
          [pattisForward]
        );
      }
    });

    it("depth 3 → nothing more than depth 2", () => {
      assert.deepEqual(byDepth[3], byDepth[2]);
    });
  });

  describe("the sender's copy and Bcc", () => {
    it("opened in the internal sender's mailbox → Bcc recipients found; the sender's own copies are no target", async () => {
      const d = await discover({ graph }, request({ internetMessageId: bccId, mailbox: at("megan.bowen") }));

      assert.equal(
        (await graph.findCopies(at("megan.bowen"), bccId)).value.length,
        2,
        "Sent Items and Inbox"
      );
      assert.deepEqual(mailboxes(d), ["adele.vance", "diego.siciliani"].map(at));
      assert.deepEqual(whyTexts(d, "diego.siciliani"), ["Bcc recipient, seen on the sender's copy"]);
      assert.deepEqual(d.notRetractable, []);
    });

    it("opened in the mailbox of a Bcc recipient, depth 1 → that mailbox included and followed: its forward found", async () => {
      const d = await discover(
        { graph },
        request({ internetMessageId: bccId, mailbox: at("diego.siciliani"), conversationDepth: 1 })
      );

      assert.deepEqual(mailboxes(d), ["adele.vance", "diego.siciliani", "irvin.sayers"].map(at));
      assert.deepEqual(whyTexts(d, "diego.siciliani"), ["the message was opened in this mailbox"]);
      assert.deepEqual(whyTexts(d, "irvin.sayers"), [
        "forwarded by Diego Siciliani at depth 1 (To recipient)",
      ]);
    });

    it("opened in a recipient's mailbox → no Bcc on that copy; the internal sender still no target", async () => {
      const d = await discover({ graph }, request({ internetMessageId: bccId }));

      assert.deepEqual(mailboxes(d), [at("adele.vance")]);
      assert.deepEqual(d.notRetractable, []);
    });
  });

  it("a thread forwarded back and forth → every message once, copies merged per mailbox, the walk ends", async () => {
    const d = await discover({ graph }, request({ internetMessageId: loop(1), conversationDepth: 3 }));

    // Adele sent the forward and, later, a reply that references the original too: both are her answers
    // to the thread she held at depth 0, so both are depth 1. Patti's forward back is depth 2.
    assert.deepEqual(
      d.messages.map((m) => [m.internetMessageId, m.depth]),
      [
        [loop(1), 0],
        [loop(2), 1],
        [loop(4), 1],
        [loop(3), 2],
      ]
    );
    assert.deepEqual(
      d.targets.map((t) => [t.mailbox, t.copies.map((c) => c.internetMessageId)]),
      [
        [at("adele.vance"), [loop(1), loop(3)]],
        [at("patti.fernandez"), [loop(2), loop(4)]],
      ]
    );
    assert.deepEqual(whyTexts(d, "patti.fernandez"), [
      "forwarded by Adele Vance at depth 1 (To recipient)",
      "in a reply by Adele Vance at depth 1 (To recipient)",
    ]);
    assert.deepEqual(whyTexts(d, "adele.vance"), [
      "To recipient",
      "the message was opened in this mailbox",
      "forwarded by Patti Fernandez at depth 2 (To recipient)",
    ]);
  });

  it("a mailbox reached twice (named, and a member of a list on Cc) → looked in once, both reasons kept", async () => {
    const { fetch, log } = recordingFetch();
    const watched = createGraph(config, credential, { fetch });

    const d = await discover(
      { graph: watched },
      request({ internetMessageId: twiceId, mailbox: at("alex.wilber") })
    );

    assert.deepEqual(whyTexts(d, "lynne.robbins"), ["To recipient", "Cc recipient via Finance Team"]);
    assert.equal(target(d, "lynne.robbins")!.copies.length, 1);
    const lookups = log.filter((e) => /\/users\/lynne\.robbins%40contoso\.com\/messages\?/.test(e.url));
    assert.equal(lookups.length, 1, lookups.map((e) => e.url).join("\n"));
  });

  it("a list member forwarding from an alias → recognised as the sender by their proxy addresses", async () => {
    const d = await discover(
      { graph },
      request({
        internetMessageId: "<trip-0001@fabrikam.com>",
        mailbox: at("bianca.pisani"),
        conversationDepth: 1,
      })
    );

    assert.deepEqual(
      d.messages.map((m) => [m.internetMessageId, m.from]),
      [
        ["<trip-0001@fabrikam.com>", "trips@fabrikam.com"],
        [samsForward, at("sam")],
      ]
    );
    assert.deepEqual(whyTexts(d, "raul.razo"), ["forwarded by Sam Sato at depth 1 (To recipient)"]);
  });

  describe("failures", () => {
    it("a message the opened-in mailbox does not hold → 400 MESSAGE_NOT_FOUND naming it and the mailbox", async () => {
      await assert.rejects(
        discover({ graph }, request({ internetMessageId: "<never-sent@nowhere.example>" })),
        (err: AppError) =>
          err.code === "MESSAGE_NOT_FOUND" &&
          err.status === 400 &&
          err.message.includes("<never-sent@nowhere.example>") &&
          err.message.includes(at("adele.vance"))
      );
    });

    it("the Message-ID in another case → MESSAGE_NOT_FOUND: no copy is taken on a near match", async () => {
      await assert.rejects(
        discover({ graph }, request({ internetMessageId: phish.toUpperCase() })),
        (err: AppError) => err.code === "MESSAGE_NOT_FOUND"
      );
    });

    it("an address that is not a mailbox of the tenant → 404 MAILBOX_NOT_FOUND", async () => {
      for (const mailbox of ["nobody@contoso.com", "finance-team@contoso.com", "someone@fabrikam.com"])
        await assert.rejects(
          discover({ graph }, request({ mailbox })),
          (err: AppError) => err.code === "MAILBOX_NOT_FOUND" && err.message.includes(mailbox),
          mailbox
        );
    });

    it("opened in a mailbox outside the app's scope → MAILBOX_OUT_OF_SCOPE, as the gateway says", async () => {
      await assert.rejects(
        discover({ graph }, request({ mailbox: at("pradeep.gupta") })),
        (err: AppError) => err.code === "MAILBOX_OUT_OF_SCOPE" && err.status === 403
      );
    });

    it("a sweep → the Bcc recipient found with why, mailboxes already reached not added twice", async () => {
      const swept = await discover({ graph }, request({ sweep: true }));
      const plain = await discover({ graph }, request());
      assert.deepEqual(
        mailboxes(swept).filter((m) => !mailboxes(plain).includes(m)),
        [at("diego.siciliani")]
      );
      assert.match(whyTexts(swept, "diego.siciliani")!.join(), /tenant-wide sweep/);
      assert.deepEqual(whyTexts(swept, "adele.vance"), whyTexts(plain, "adele.vance"));
      assert.equal(new Set(mailboxes(swept)).size, mailboxes(swept).length);
      assert.ok(
        !mailboxes(swept).includes(at("pradeep.gupta")),
        "a mailbox out of scope is not searched into the plan"
      );
    });

    it("Graph throttling while looking at recipients → UPSTREAM_THROTTLED, not a recipient refused", async () => {
      // Throttle everything once the opened-in mailbox's copy has been read.
      const { fetch } = recordingFetch((e) => {
        if (e.url.includes("/messages?"))
          Object.assign(s.sim.settings, { faultRate: 1, faultKinds: ["429"] });
      });
      Object.assign(s.sim.settings, { faultRetryAfterSeconds: 0 });
      const watched = createGraph(config, credential, { fetch, maxRetries: 1, retryDelaySeconds: 0 });

      await assert.rejects(
        discover({ graph: watched }, request()),
        (err: AppError) => err.code === "UPSTREAM_THROTTLED"
      );
    });
  });

  describe("concurrency", () => {
    /** A fetch counting Graph requests in flight, overall and per mailbox (/users/{mailbox}/...). */
    function countingFetch() {
      const inner = createOutboundFetch();
      const perMailbox = new Map<string, number>();
      const seen = { overall: 0, maxOverall: 0, maxPerMailbox: 0 };
      const fetch: OutboundFetch = async (url, init) => {
        const mailbox = /\/users\/([^/]+)/.exec(new URL(url).pathname)?.[1];
        seen.overall++;
        seen.maxOverall = Math.max(seen.maxOverall, seen.overall);
        if (mailbox) {
          perMailbox.set(mailbox, (perMailbox.get(mailbox) ?? 0) + 1);
          seen.maxPerMailbox = Math.max(seen.maxPerMailbox, perMailbox.get(mailbox)!);
        }
        try {
          return await inner(url, init);
        } finally {
          seen.overall--;
          if (mailbox) perMailbox.set(mailbox, perMailbox.get(mailbox)! - 1);
        }
      };
      return { fetch, seen };
    }

    it("depth 3 with latency → lookups side by side, never more than the limit, one request per mailbox at a time", async () => {
      Object.assign(s.sim.settings, { latencyMs: 15 });
      const { fetch, seen } = countingFetch();
      const watched = createGraph(config, credential, { fetch });

      const d = await discover({ graph: watched, concurrency: 3 }, request({ conversationDepth: 3 }));

      assert.deepEqual(d, byDepth[3]);
      assert.equal(seen.maxOverall, 3);
      assert.equal(seen.maxPerMailbox, 1);
    });

    it("the default limit → at most 8 requests in flight", async () => {
      Object.assign(s.sim.settings, { latencyMs: 15 });
      const { fetch, seen } = countingFetch();
      const watched = createGraph(config, credential, { fetch });

      await discover({ graph: watched }, request({ conversationDepth: 3 }));

      assert.ok(seen.maxOverall > 1 && seen.maxOverall <= 8, `${seen.maxOverall} in flight`);
    });
  });
});
