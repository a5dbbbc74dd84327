// Conformance of sim's Graph mail subset: finding every copy of a message by internetMessageId (with
// the query percent-encoded and quotes doubled), thread matching, $select/$expand of MRM properties,
// paging by @odata.nextLink, message ids as path segments, well-known and Recoverable Items folders,
// and the move / DELETE / permanentDelete primitives with Exchange's semantics.
import assert from "node:assert/strict";
import { demo, demoFixtureJson, startSim, type Reply, type RunningSim } from "../../support/simServer.js";

type Json = Record<string, unknown>;
type Message = Json & {
  id: string;
  internetMessageId?: string;
  parentFolderId?: string;
  conversationId?: string;
};
type List = { value: Message[]; "@odata.nextLink"?: string };
type ErrorBody = { error: { code: string; message: string } };

const phish = demo.phishId;
/** A Message-ID with every character that needs care in a query: ' + & # / % and @ < >. */
const tricky = "<o'brien+q3&fy#26/50%off@contoso.com>";

function fixtureWithTrickyMessage(): Record<string, unknown> {
  const fixture = demoFixtureJson();
  (fixture.messages as Json[]).push({
    internetMessageId: tricky,
    subject: "Q3 numbers",
    from: "Lee Gu <lee.gu@contoso.com>",
    to: ["Adele Vance <adele.vance@contoso.com>"],
    sentDateTime: "now-5h",
    body: "See the attached numbers.",
  });
  return fixture;
}

/** An OData string literal: single quotes doubled. */
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;
const encodedFilter = (expression: string) => `$filter=${encodeURIComponent(expression)}`;
const byMessageId = (internetMessageId: string) =>
  encodedFilter(`internetMessageId eq ${literal(internetMessageId)}`);

/** A Graph client on one running sim with the demo API app's token. */
function graph(s: () => RunningSim, token: () => string) {
  const call = (path: string, method = "GET", body?: unknown): Promise<Reply> =>
    s().call(`/v1.0${path}`, { token: token(), method, body });
  const list = async (path: string): Promise<Message[]> => {
    const reply = await call(path);
    assert.equal(reply.status, 200, `${path}: ${reply.text}`);
    return (reply.body as List).value;
  };
  const copies = (user: string, internetMessageId: string, folder?: string) =>
    list(
      `/users/${user}${folder ? `/mailFolders/${folder}` : ""}/messages?${byMessageId(internetMessageId)}`
    );
  const folderId = async (user: string, name: string): Promise<string> => {
    const reply = await call(`/users/${user}/mailFolders/${name}`);
    assert.equal(reply.status, 200, reply.text);
    return String((reply.body as Json).id);
  };
  const only = async (user: string, internetMessageId: string): Promise<Message> => {
    const found = await copies(user, internetMessageId);
    assert.equal(found.length, 1, `${user} has exactly one copy of ${internetMessageId}`);
    return found[0]!;
  };
  const message = (user: string, id: string, suffix = "") =>
    `/users/${user}/messages/${encodeURIComponent(id)}${suffix}`;
  return { call, list, copies, folderId, only, message };
}

const errorCode = (reply: Reply) => (reply.body as ErrorBody | undefined)?.error.code;

describe("sim Graph: messages (queries)", () => {
  let s: RunningSim;
  let token: string;
  const g = graph(
    () => s,
    () => token
  );

  before(async () => {
    s = await startSim({ fixture: fixtureWithTrickyMessage() });
    token = await s.appToken();
  });
  after(() => s.close());

  it("$filter=internetMessageId eq, percent-encoded → the copy in that mailbox", async () => {
    const query = byMessageId(phish);
    assert.match(query, /%3Cdemo-phish-0001%40fabrikam\.com%3E/, "< @ > are encoded");

    const reply = await g.call(`/users/adele.vance@contoso.com/messages?${query}`);

    assert.equal(reply.status, 200);
    const value = (reply.body as List).value;
    assert.equal(value.length, 1);
    assert.equal(value[0]!.internetMessageId, phish);
    assert.equal(value[0]!.parentFolderId, await g.folderId("adele.vance@contoso.com", "inbox"));
  });

  it("$filter=internetMessageId eq a Message-ID with ' + & # / % → found when encoded with '' doubled", async () => {
    const query = byMessageId(tricky);
    for (const encoded of ["%2B", "%26", "%23", "%2F", "%25", "''"])
      assert.ok(query.includes(encoded), encoded);

    const found = await g.list(`/users/adele.vance@contoso.com/messages?${query}`);

    assert.deepEqual(
      found.map((m) => m.internetMessageId),
      [tricky]
    );
  });

  it("$filter=internetMessageId eq with '+' left unencoded → no match (Graph reads '+' as a space)", async () => {
    const query = byMessageId(tricky).replaceAll("%2B", "+");

    const reply = await g.call(`/users/adele.vance@contoso.com/messages?${query}`);

    assert.equal(reply.status, 200);
    assert.deepEqual((reply.body as List).value, []);
  });

  it("$filter=internetMessageId eq with the Message-ID encoded twice (pre-encoded, then encoded again) → no match", async () => {
    const query = byMessageId(encodeURIComponent(phish));

    const reply = await g.call(`/users/adele.vance@contoso.com/messages?${query}`);

    assert.equal(reply.status, 200);
    assert.deepEqual((reply.body as List).value, []);
  });

  it("$filter=internetMessageId eq with the single quote not doubled → 400 BadRequest", async () => {
    const query = `$filter=${encodeURIComponent(`internetMessageId eq '${tricky}'`)}`;

    const reply = await g.call(`/users/adele.vance@contoso.com/messages?${query}`);

    assert.equal(reply.status, 400);
    assert.equal(errorCode(reply), "BadRequest");
  });

  it("$filter=internetMessageId eq in a mailbox holding several copies (sender who is also a recipient) → every copy", async () => {
    // Megan sent the board pack to a list she is a member of: Sent Items and Inbox both hold a copy.
    const found = await g.copies("megan.bowen@contoso.com", "<demo-board-0006@contoso.com>");

    assert.equal(found.length, 2);
    assert.deepEqual(
      found.map((m) => m.parentFolderId).sort(),
      [
        await g.folderId("megan.bowen@contoso.com", "inbox"),
        await g.folderId("megan.bowen@contoso.com", "sentitems"),
      ].sort()
    );
    assert.notEqual(found[0]!.id, found[1]!.id);
  });

  it("$filter=conversationId eq the mailbox's conversationId → the thread's copies in that mailbox", async () => {
    const { conversationId } = await g.only("adele.vance@contoso.com", phish);

    const thread = await g.list(
      `/users/adele.vance@contoso.com/messages?${encodedFilter(`conversationId eq ${literal(conversationId!)}`)}`
    );

    // Adele received the phish and forwarded it: both are in the thread.
    assert.deepEqual(thread.map((m) => m.internetMessageId).sort(), ["<demo-fwd-0002@contoso.com>", phish]);
    assert.ok(thread.every((m) => m.conversationId === conversationId));
  });

  it("$filter=conversationId eq another mailbox's conversationId for the same thread → nothing (conversationId is per mailbox)", async () => {
    const adeles = await g.only("adele.vance@contoso.com", phish);
    const alexs = await g.only("alex.wilber@contoso.com", phish);
    assert.notEqual(alexs.conversationId, adeles.conversationId);

    const found = await g.list(
      `/users/adele.vance@contoso.com/messages?${encodedFilter(`conversationId eq ${literal(alexs.conversationId!)}`)}`
    );

    assert.deepEqual(found, []);
  });

  it("$filter=conversationId eq a message id → 400 ErrorInvalidIdMalformed", async () => {
    const { id } = await g.only("adele.vance@contoso.com", phish);

    const reply = await g.call(
      `/users/adele.vance@contoso.com/messages?${encodedFilter(`conversationId eq ${literal(id)}`)}`
    );

    assert.equal(reply.status, 400);
    assert.equal(errorCode(reply), "ErrorInvalidIdMalformed");
    assert.equal((reply.body as ErrorBody).error.message, "Id is malformed.");
  });

  it("$filter on singleValueExtendedProperties/Any(In-Reply-To 0x1042) → the replies and forwards of a message", async () => {
    const expression = `singleValueExtendedProperties/Any(ep: ep/id eq 'String 0x1042' and ep/value eq ${literal(phish)})`;

    const found = await g.list(`/users/adele.vance@contoso.com/messages?${encodedFilter(expression)}`);

    assert.deepEqual(
      found.map((m) => m.internetMessageId),
      ["<demo-fwd-0002@contoso.com>"]
    );
  });

  it("$orderby=receivedDateTime desc → newest first", async () => {
    const found = await g.list(
      `/users/adele.vance@contoso.com/messages?$orderby=receivedDateTime desc&$select=receivedDateTime`
    );

    const times = found.map((m) => Date.parse(String(m.receivedDateTime)));
    assert.ok(times.length >= 3);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a)
    );
  });

  it("$filter and $orderby on the same property, first in the filter → 200", async () => {
    const expression = `receivedDateTime ge 2000-01-01T00:00:00Z and internetMessageId eq ${literal(phish)}`;

    const found = await g.list(
      `/users/adele.vance@contoso.com/messages?${encodedFilter(expression)}&$orderby=receivedDateTime desc`
    );

    assert.deepEqual(
      found.map((m) => m.internetMessageId),
      [phish]
    );
  });

  it("$filter on internetMessageId with $orderby=receivedDateTime (not in the filter) → 400 InefficientFilter", async () => {
    const reply = await g.call(
      `/users/adele.vance@contoso.com/messages?${byMessageId(phish)}&$orderby=receivedDateTime desc`
    );

    assert.equal(reply.status, 400);
    assert.equal(errorCode(reply), "InefficientFilter");
  });

  it("$select → only the selected properties, plus id and @odata.etag", async () => {
    const found = await g.list(
      `/users/adele.vance@contoso.com/messages?${byMessageId(phish)}&$select=subject,receivedDateTime`
    );

    assert.equal(found.length, 1);
    assert.deepEqual(Object.keys(found[0]!).sort(), ["@odata.etag", "id", "receivedDateTime", "subject"]);
    assert.equal(found[0]!.subject, "Action required: confirm your payroll details");
  });

  it("internetMessageHeaders → absent by default, returned with $select and holding Message-ID, In-Reply-To, References", async () => {
    const path = `/users/adele.vance@contoso.com/messages?${byMessageId("<demo-fwd-0002@contoso.com>")}`;
    const byDefault = await g.list(path);
    assert.equal(byDefault.length, 1);
    assert.equal("internetMessageHeaders" in byDefault[0]!, false);
    assert.ok("subject" in byDefault[0]!, "the default properties are there");

    const selected = await g.list(`${path}&$select=internetMessageHeaders`);

    const headers = selected[0]!.internetMessageHeaders as { name: string; value: string }[];
    const header = (name: string) => headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
    assert.equal(header("Message-ID"), "<demo-fwd-0002@contoso.com>");
    assert.equal(header("In-Reply-To"), phish);
    assert.match(header("References") ?? "", /<demo-phish-0001@fabrikam\.com>/);
  });

  it("$expand=singleValueExtendedProperties(0x3019 or 0x301C) → the personal tag's GUID (.NET byte order) and the retention date", async () => {
    const expand = encodeURIComponent(
      "singleValueExtendedProperties($filter=id eq 'Binary 0x3019' or id eq 'SystemTime 0x301C')"
    );

    const found = await g.list(
      `/users/adele.vance@contoso.com/messages?${byMessageId(phish)}&$select=receivedDateTime&$expand=${expand}`
    );

    assert.equal(found.length, 1);
    const props = found[0]!.singleValueExtendedProperties as { id: string; value: string }[];
    const value = (id: string) => props.find((p) => p.id.toLowerCase() === id.toLowerCase())?.value;
    assert.equal(props.length, 2, JSON.stringify(props));
    // Adele applied "1 Week Delete" to her copy.
    const tag = s.sim.tenant.retentionTags.find((t) => t.Name === "1 Week Delete")!;
    assert.equal(
      guidFromDotNetBytes(Buffer.from(value("Binary 0x3019")!, "base64")),
      tag.RetentionId.toLowerCase()
    );
    const received = Date.parse(String(found[0]!.receivedDateTime));
    assert.equal(Date.parse(value("SystemTime 0x301C")!), received + 7 * 86_400_000);
  });

  it("paging with $top=2 → following @odata.nextLink verbatim until absent yields every copy exactly once", async () => {
    const all = await g.list("/users/adele.vance@contoso.com/messages?$top=100&$select=id");
    assert.ok(all.length >= 5, `enough messages for three pages (${all.length})`);

    const seen: string[] = [];
    let pages = 0;
    for (
      let path: string | undefined = "/v1.0/users/adele.vance@contoso.com/messages?$top=2&$select=id";
      path;
    ) {
      const reply = await s.call(path, { token });
      assert.equal(reply.status, 200, reply.text);
      const page = reply.body as List;
      assert.ok(page.value.length <= 2);
      seen.push(...page.value.map((m) => m.id));
      pages++;
      const next = page["@odata.nextLink"];
      if (next !== undefined) assert.ok(next.startsWith(`${s.origin}/v1.0/`), next);
      path = next?.slice(s.origin.length);
    }

    assert.equal(pages, Math.ceil(all.length / 2));
    assert.equal(new Set(seen).size, seen.length, "no copy twice");
    assert.deepEqual([...seen].sort(), all.map((m) => m.id).sort());
  });

  for (const top of ["0", "1001"]) {
    it(`$top=${top} → 400`, async () => {
      const reply = await g.call(`/users/adele.vance@contoso.com/messages?$top=${top}`);

      assert.equal(reply.status, 400);
      assert.equal(errorCode(reply), "BadRequest");
    });
  }

  /** A copy (mailbox and id) whose id contains `character`, from the tenant's mailboxes. */
  const copyWithIdContaining = (character: string) => {
    for (const user of s.sim.tenant.users)
      for (const id of user.mailbox?.messages.keys() ?? [])
        if (id.includes(character)) return { user: user.userPrincipalName, id };
    assert.fail(`no message id contains '${character}'`);
  };

  for (const character of ["/", "+"]) {
    it(`GET a message by an id containing '${character}', percent-encoded as one path segment → that message`, async () => {
      const { user, id } = copyWithIdContaining(character);

      const reply = await g.call(g.message(user, id));

      assert.equal(reply.status, 200, reply.text);
      assert.equal((reply.body as Message).id, id);
    });
  }

  it("message ids → base64 that may contain / + =", async () => {
    const all = await g.list("/users/adele.vance@contoso.com/messages?$top=100&$select=id");

    assert.ok(all.length > 0);
    for (const { id } of all) assert.match(id, /^[A-Za-z0-9+/]+=*$/);
  });

  it("GET a message with the '/' in its id left raw → not that message (400)", async () => {
    const { user, id } = copyWithIdContaining("/");

    const reply = await g.call(`/users/${user}/messages/${id}`);

    assert.equal(reply.status, 400);
    assert.notEqual((reply.body as Json).id, id);
  });
});

describe("sim Graph: mail folders", () => {
  let s: RunningSim;
  let token: string;
  const g = graph(
    () => s,
    () => token
  );

  before(async () => {
    s = await startSim();
    token = await s.appToken();
  });
  after(() => s.close());
  afterEach(() => void (s.sim.settings.undocumentedFolders = "allow"));

  for (const [name, displayName] of [
    ["inbox", "Inbox"],
    ["sentitems", "Sent Items"],
    ["deleteditems", "Deleted Items"],
    ["recoverableitemsdeletions", "Deletions"],
  ]) {
    it(`GET mailFolders/${name} → the well-known folder ${displayName}`, async () => {
      const reply = await g.call(`/users/adele.vance@contoso.com/mailFolders/${name}`);

      assert.equal(reply.status, 200);
      const folder = reply.body as Json;
      assert.equal(folder.displayName, displayName);
      assert.equal(typeof folder.id, "string");
      assert.equal(typeof folder.totalItemCount, "number");
    });
  }

  it("GET mailFolders/deleteditems/messages → the copies in Deleted Items", async () => {
    const found = await g.list(
      `/users/megan.bowen@contoso.com/mailFolders/deleteditems/messages?$select=internetMessageId`
    );

    assert.deepEqual(
      found.map((m) => m.internetMessageId),
      [phish]
    );
  });

  it("GET mailFolders/sentitems/messages → the copies the user sent", async () => {
    const found = await g.list(
      `/users/adele.vance@contoso.com/mailFolders/sentitems/messages?$select=internetMessageId`
    );

    assert.deepEqual(
      found.map((m) => m.internetMessageId),
      ["<demo-fwd-0002@contoso.com>"]
    );
  });

  it("GET mailFolders/recoverableitemsdeletions/messages → 200, listing the dumpster (empty before any deletion)", async () => {
    const found = await g.list(
      `/users/adele.vance@contoso.com/mailFolders/recoverableitemsdeletions/messages`
    );

    assert.deepEqual(found, []);
  });

  for (const name of ["recoverableitemspurges", "recoverableitemsdiscoveryholds"]) {
    it(`GET mailFolders/${name}/messages while undocumentedFolders is "allow" → 200`, async () => {
      s.sim.settings.undocumentedFolders = "allow";

      const reply = await g.call(`/users/adele.vance@contoso.com/mailFolders/${name}/messages`);

      assert.equal(reply.status, 200, reply.text);
      assert.ok(Array.isArray((reply.body as List).value));
    });

    it(`GET mailFolders/${name}/messages while undocumentedFolders is "deny" (set by PUT /_sim/settings) → 400 ErrorInvalidIdMalformed`, async () => {
      const set = await s.call("/_sim/settings", { method: "PUT", body: { undocumentedFolders: "deny" } });
      assert.equal(set.status, 200);

      const reply = await g.call(`/users/adele.vance@contoso.com/mailFolders/${name}/messages`);

      assert.equal(reply.status, 400);
      assert.equal(errorCode(reply), "ErrorInvalidIdMalformed");
    });
  }

  it('GET mailFolders/recoverableitemsdeletions/messages while undocumentedFolders is "deny" → still 200 (documented name)', async () => {
    s.sim.settings.undocumentedFolders = "deny";

    const reply = await g.call(
      `/users/adele.vance@contoso.com/mailFolders/recoverableitemsdeletions/messages`
    );

    assert.equal(reply.status, 200);
  });
});

describe("sim Graph: moving and deleting messages", () => {
  let s: RunningSim;
  let token: string;
  const g = graph(
    () => s,
    () => token
  );

  before(async () => {
    s = await startSim();
    token = await s.appToken();
  });
  after(() => s.close());
  afterEach(() => void (s.sim.settings.deleteDestination = "recoverableitemsdeletions"));

  it("POST move {destinationId: deleteditems} → 201 with a new id, the same internetMessageId, parentFolderId Deleted Items", async () => {
    const user = "alex.wilber@contoso.com";
    const before = await g.only(user, phish);

    const reply = await g.call(g.message(user, before.id, "/move"), "POST", {
      destinationId: "deleteditems",
    });

    assert.equal(reply.status, 201, reply.text);
    const moved = reply.body as Message;
    assert.notEqual(moved.id, before.id);
    assert.equal(moved.internetMessageId, phish);
    assert.equal(moved.conversationId, before.conversationId);
    assert.equal(moved.parentFolderId, await g.folderId(user, "deleteditems"));
    assert.equal((await g.call(g.message(user, moved.id))).status, 200);
  });

  it("POST move with a folder id as destinationId → 201 into that folder", async () => {
    const user = "adele.vance@contoso.com";
    const junk = await g.folderId(user, "junkemail");
    const copy = await g.only(user, "<demo-lunch-0007@contoso.com>");

    const reply = await g.call(g.message(user, copy.id, "/move"), "POST", { destinationId: junk });

    assert.equal(reply.status, 201, reply.text);
    assert.equal((reply.body as Message).parentFolderId, junk);
  });

  it("GET mailFolders/clutter, a documented well-known name the mailbox lacks → 404 ErrorFolderNotFound", async () => {
    const reply = await g.call("/users/adele.vance@contoso.com/mailFolders/clutter");
    assert.equal(reply.status, 404, reply.text);
    assert.equal(errorCode(reply), "ErrorFolderNotFound");
  });

  it("POST move to a folder that does not exist → 400 ErrorInvalidIdMalformed, the copy stays", async () => {
    const user = "patti.fernandez@contoso.com";
    const copy = await g.only(user, "<demo-falcon-0005@contoso.com>");

    const reply = await g.call(g.message(user, copy.id, "/move"), "POST", { destinationId: "nosuchfolder" });

    assert.equal(reply.status, 400);
    assert.equal(errorCode(reply), "ErrorInvalidIdMalformed");
    assert.equal((await g.only(user, "<demo-falcon-0005@contoso.com>")).id, copy.id);
  });

  it("GET the old id after a move → 404 ErrorItemNotFound", async () => {
    const user = "lee.gu@contoso.com";
    const before = await g.only(user, phish);
    const moved = await g.call(g.message(user, before.id, "/move"), "POST", {
      destinationId: "deleteditems",
    });
    assert.equal(moved.status, 201);

    const reply = await g.call(g.message(user, before.id));

    assert.equal(reply.status, 404);
    assert.equal(errorCode(reply), "ErrorItemNotFound");
  });

  it("POST move to recoverableitemsdeletions → gone from /messages, listed in that folder; moving it back to inbox undoes it", async () => {
    const user = "joni.sherman@contoso.com";
    const original = await g.only(user, phish);

    const moved = await g.call(g.message(user, original.id, "/move"), "POST", {
      destinationId: "recoverableitemsdeletions",
    });
    assert.equal(moved.status, 201);
    const deletedId = (moved.body as Message).id;
    assert.deepEqual(await g.copies(user, phish), []);
    const inDumpster = await g.copies(user, phish, "recoverableitemsdeletions");
    assert.deepEqual(
      inDumpster.map((m) => m.id),
      [deletedId]
    );

    const undo = await g.call(g.message(user, deletedId, "/move"), "POST", { destinationId: "inbox" });

    assert.equal(undo.status, 201);
    const restored = await g.only(user, phish);
    assert.equal(restored.parentFolderId, await g.folderId(user, "inbox"));
    assert.deepEqual(await g.copies(user, phish, "recoverableitemsdeletions"), []);
  });

  it("DELETE → 204 and the copy lands in Recoverable Items\\Deletions (the default deleteDestination)", async () => {
    const user = "lynne.robbins@contoso.com";
    const { id } = await g.only(user, phish);

    const reply = await g.call(g.message(user, id), "DELETE");

    assert.equal(reply.status, 204);
    assert.equal(reply.text, "");
    assert.deepEqual(await g.copies(user, phish), []);
    assert.equal((await g.copies(user, phish, "recoverableitemsdeletions")).length, 1);
  });

  it('DELETE with deleteDestination "deleteditems" → 204 and the copy lands in Deleted Items', async () => {
    s.sim.settings.deleteDestination = "deleteditems";
    const user = "henrietta.mueller@contoso.com";
    const { id } = await g.only(user, phish);

    const reply = await g.call(g.message(user, id), "DELETE");

    assert.equal(reply.status, 204);
    const [copy] = await g.copies(user, phish);
    assert.equal(copy?.parentFolderId, await g.folderId(user, "deleteditems"));
    assert.deepEqual(await g.copies(user, phish, "recoverableitemsdeletions"), []);
  });

  it("DELETE a copy already in recoverableitemsdeletions → 400 ErrorCannotDeleteObject", async () => {
    const user = "diego.siciliani@contoso.com";
    const { id } = await g.only(user, phish);
    assert.equal((await g.call(g.message(user, id), "DELETE")).status, 204);
    const [inDumpster] = await g.copies(user, phish, "recoverableitemsdeletions");

    const reply = await g.call(g.message(user, inDumpster!.id), "DELETE");

    assert.equal(reply.status, 400);
    assert.equal(errorCode(reply), "ErrorCannotDeleteObject");
  });

  it("POST permanentDelete → 204; not in /messages nor Deletions, listed in recoverableitemspurges; again on the old id → 404", async () => {
    const user = "emily.braun@contoso.com";
    const { id } = await g.only(user, phish);

    const reply = await g.call(g.message(user, id, "/permanentDelete"), "POST");

    assert.equal(reply.status, 204);
    assert.deepEqual(await g.copies(user, phish), []);
    assert.deepEqual(await g.copies(user, phish, "recoverableitemsdeletions"), []);
    assert.equal((await g.copies(user, phish, "recoverableitemspurges")).length, 1);
    const again = await g.call(g.message(user, id, "/permanentDelete"), "POST");
    assert.equal(again.status, 404);
    assert.equal(errorCode(again), "ErrorItemNotFound");
  });
});

/** A GUID from its 16 bytes in .NET's layout (Data1, Data2, Data3 little-endian; Data4 as is). */
function guidFromDotNetBytes(bytes: Buffer): string {
  assert.equal(bytes.length, 16);
  const hex = (from: number, to: number, reverse: boolean) => {
    const part = [...bytes.subarray(from, to)];
    return Buffer.from(reverse ? part.reverse() : part).toString("hex");
  };
  return [hex(0, 4, true), hex(4, 6, true), hex(6, 8, true), hex(8, 10, false), hex(10, 16, false)].join("-");
}
