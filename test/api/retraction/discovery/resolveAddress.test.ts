// Resolving an address over a hand-written Graph gateway: each address looked up once, a group's members
// given page by page as they are read (never all read first), a group deleted mid-way reported as
// unresolved after the members already read, and addresses outside the tenant refused without a call.
import assert from "node:assert/strict";
import { AppError } from "../../../../api/src/errors.js";
import type { DirectoryRecipient, GroupMember } from "../../../../api/src/graph/graphTypes.js";
import { createResolver, type Reach } from "../../../../api/src/retraction/discovery/resolveAddress.js";
import { collect } from "../../../support/collect.js";
import { fakeGraph } from "../execute/fakeGraph.js";

const domains = [
  { id: "contoso.com", isVerified: true },
  { id: "contoso-europe.com", isVerified: false },
];

const adele: DirectoryRecipient = {
  kind: "user",
  id: "u-adele",
  userPrincipalName: "Adele.Vance@contoso.com",
  mail: "adele.vance@contoso.com",
  displayName: "Adele Vance",
};
const finance: DirectoryRecipient = {
  kind: "group",
  id: "g-finance",
  displayName: "Finance Team",
  mail: "finance@contoso.com",
};

const member = (n: number): GroupMember => ({
  kind: "user",
  odataType: "#microsoft.graph.user",
  id: `u-${n}`,
  mail: `user${n}@contoso.com`,
  userPrincipalName: `user${n}@contoso.com`,
});

/** What each reach names: a mailbox's UPN (with the group it came through) or a refused address and why. */
const named = (reach: Reach) =>
  reach.kind === "mailbox" ? `${reach.mailbox.upn} via ${reach.via}` : `${reach.address}: ${reach.reason}`;

/** A gateway whose Finance Team has `pages` pages of members; `log` tells what was read, in order. */
function directory(pages: GroupMember[][], options: { deletedAfter?: number } = {}) {
  const log: string[] = [];
  const fake = fakeGraph({
    findRecipientByAddress: async (address: string) => {
      log.push(`find ${address}`);
      const found = [adele, finance].find((r) => r.mail === address.toLowerCase()) ?? null;
      return { value: found, requestIds: [] };
    },
    transitiveMembers: async function* (groupId: string) {
      for (const [i, page] of pages.entries()) {
        if (i === options.deletedAfter)
          throw new AppError(404, "GROUP_NOT_FOUND", `There is no group ${groupId} in the directory.`);
        log.push(`members page ${i + 1}`);
        yield { value: page, requestIds: [`r${i + 1}`] };
      }
    },
  });
  return { ...fake, log };
}

describe("resolveAddress", () => {
  it("a user's address, twice and in another case → one page with the mailbox; looked up once", async () => {
    const { graph, log } = directory([]);
    const resolve = createResolver(graph, domains);

    const first = await collect(resolve("adele.vance@contoso.com"));
    const again = await collect(resolve(" Adele.Vance@contoso.com "));

    assert.deepEqual(
      first.map((page) => page.map(named)),
      [["adele.vance@contoso.com via null"]]
    );
    assert.deepEqual(again, first);
    assert.deepEqual(log, ["find adele.vance@contoso.com"]);
  });

  it("a group of three pages → its members a page at a time, the next page read only once the last is taken", async () => {
    const { graph, log } = directory([[member(1), member(2)], [member(3)], [member(4)]]);
    const pages = createResolver(graph, domains)("finance@contoso.com")[Symbol.asyncIterator]();

    const first = await pages.next();

    assert.deepEqual(first.value?.map(named), [
      "user1@contoso.com via Finance Team",
      "user2@contoso.com via Finance Team",
    ]);
    assert.deepEqual(log, ["find finance@contoso.com", "members page 1"]);
    const rest = [await pages.next(), await pages.next(), await pages.next()];
    assert.deepEqual(
      rest.map((page) => page.value?.map(named)),
      [["user3@contoso.com via Finance Team"], ["user4@contoso.com via Finance Team"], undefined]
    );
    assert.equal(rest[2]!.done, true);
  });

  it("a group met twice → looked up once, its members read again (not held between)", async () => {
    const { graph, log } = directory([[member(1)]]);
    const resolve = createResolver(graph, domains);

    await collect(resolve("finance@contoso.com"));
    await collect(resolve("finance@contoso.com"));

    assert.deepEqual(log, ["find finance@contoso.com", "members page 1", "members page 1"]);
  });

  it("a group deleted while its members are read → the members read so far, then the group unresolved", async () => {
    const { graph } = directory([[member(1)], [member(2)]], { deletedAfter: 1 });

    const pages = await collect(createResolver(graph, domains)("finance@contoso.com"));

    assert.deepEqual(
      pages.map((page) => page.map(named)),
      [["user1@contoso.com via Finance Team"], ["finance@contoso.com: unresolved"]]
    );
  });

  it("external, unverified-domain and malformed addresses → refused without asking Graph", async () => {
    const { graph, log } = directory([]);
    const resolve = createResolver(graph, domains);

    const refusals = [
      ...(await collect(resolve("auditor@tailspintoys.com"))),
      ...(await collect(resolve("paul@contoso-europe.com"))),
      ...(await collect(resolve("not an address"))),
    ];

    assert.deepEqual(
      refusals.map((page) => page.map(named)),
      [
        ["auditor@tailspintoys.com: external"],
        ["paul@contoso-europe.com: unverifiedDomain"],
        ["not an address: unresolved"],
      ]
    );
    assert.deepEqual(log, []);
  });
});
