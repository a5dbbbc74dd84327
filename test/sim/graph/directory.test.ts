// Conformance of sim's Graph directory subset: /domains (verified, unverified and initial domains),
// resolving an SMTP address to a user by mail or proxyAddresses, users by id or UPN, and group
// expansion with transitiveMembers (nested lists flattened, each member typed).
import assert from "node:assert/strict";
import { startSim, type Reply, type RunningSim } from "../../support/simServer.js";

type Json = Record<string, unknown>;
type List = { value: Json[]; "@odata.nextLink"?: string };
type ErrorBody = { error: { code: string; message: string } };

describe("sim Graph: directory", () => {
  let s: RunningSim;
  let token: string;
  const get = (path: string): Promise<Reply> => s.call(`/v1.0${path}`, { token });
  const filter = (expression: string) => `$filter=${encodeURIComponent(expression)}`;

  before(async () => {
    s = await startSim();
    token = await s.appToken();
  });
  after(() => s.close());

  it("GET /domains → verified, unverified and initial domains, each with Graph's domain properties", async () => {
    const reply = await get("/domains");

    assert.equal(reply.status, 200);
    const domains = new Map((reply.body as List).value.map((d) => [d.id, d]));
    assert.deepEqual([...domains.keys()].sort(), [
      "contoso-europe.com",
      "contoso.com",
      "contoso.onmicrosoft.com",
    ]);
    assert.deepEqual(
      [
        domains.get("contoso.com")?.isVerified,
        domains.get("contoso.com")?.isDefault,
        domains.get("contoso.com")?.isInitial,
      ],
      [true, true, false]
    );
    assert.deepEqual(
      [domains.get("contoso.onmicrosoft.com")?.isVerified, domains.get("contoso.onmicrosoft.com")?.isInitial],
      [true, true]
    );
    assert.equal(domains.get("contoso-europe.com")?.isVerified, false);
    for (const domain of domains.values()) {
      assert.ok(
        ["Managed", "Federated"].includes(String(domain.authenticationType)),
        `${domain.id} authenticationType`
      );
      assert.ok(Array.isArray(domain.supportedServices), `${domain.id} supportedServices`);
      for (const key of ["isRoot", "isAdminManaged", "isDefault", "isInitial"])
        assert.equal(typeof domain[key], "boolean", `${domain.id}.${key}`);
    }
    assert.ok((domains.get("contoso.com")?.supportedServices as string[]).includes("Email"));
  });

  it("GET /users?$filter=mail eq → the one user whose primary address it is", async () => {
    const reply = await get(`/users?${filter("mail eq 'adele.vance@contoso.com'")}`);

    assert.equal(reply.status, 200);
    const users = (reply.body as List).value;
    assert.deepEqual(
      users.map((u) => u.userPrincipalName),
      ["adele.vance@contoso.com"]
    );
    assert.equal(users[0]!.mail, "adele.vance@contoso.com");
  });

  it("GET /users?$filter=mail eq a secondary address → no user (mail is the primary address only)", async () => {
    const reply = await get(`/users?${filter("mail eq 'adele@contoso.com'")}`);

    assert.equal(reply.status, 200);
    assert.deepEqual((reply.body as List).value, []);
  });

  it("GET /users?$filter=proxyAddresses/any(x:x eq 'smtp:…') → the user owning the secondary address", async () => {
    const reply = await get(`/users?${filter("proxyAddresses/any(x:x eq 'smtp:adele@contoso.com')")}`);

    assert.equal(reply.status, 200);
    assert.deepEqual(
      (reply.body as List).value.map((u) => u.userPrincipalName),
      ["adele.vance@contoso.com"]
    );
  });

  it("GET /users?$filter=mail eq … or proxyAddresses/any(…)&$select → proxyAddresses returned with SMTP: primary and smtp: secondary", async () => {
    const query = filter(
      "mail eq 'adele@contoso.com' or proxyAddresses/any(x:x eq 'smtp:adele@contoso.com')"
    );

    const reply = await get(`/users?${query}&$select=id,userPrincipalName,mail,proxyAddresses`);

    assert.equal(reply.status, 200);
    const [user, ...others] = (reply.body as List).value;
    assert.equal(others.length, 0);
    assert.deepEqual(Object.keys(user!).sort(), ["id", "mail", "proxyAddresses", "userPrincipalName"]);
    assert.deepEqual(user!.proxyAddresses, ["SMTP:adele.vance@contoso.com", "smtp:adele@contoso.com"]);
  });

  it("GET /users → proxyAddresses is not among the default properties", async () => {
    const reply = await get(`/users?${filter("mail eq 'adele.vance@contoso.com'")}`);

    const user = (reply.body as List).value[0]!;
    assert.equal(user.userPrincipalName, "adele.vance@contoso.com");
    assert.equal("proxyAddresses" in user, false);
  });

  it("GET /users?$filter=endsWith(mail,…) without ConsistencyLevel: eventual → 400 Request_UnsupportedQuery (an advanced query)", async () => {
    const reply = await get(`/users?${filter("endsWith(mail,'@contoso.com')")}&$count=true`);

    assert.equal(reply.status, 400);
    assert.equal((reply.body as ErrorBody).error.code, "Request_UnsupportedQuery");
    assert.match((reply.body as ErrorBody).error.message, /ConsistencyLevel/);
  });

  it("GET /users?$filter=endsWith(mail,…) with ConsistencyLevel: eventual but no $count=true → 400 Request_UnsupportedQuery", async () => {
    const reply = await s.call(`/v1.0/users?${filter("endsWith(mail,'@contoso.com')")}`, {
      token,
      headers: { ConsistencyLevel: "eventual" },
    });

    assert.equal(reply.status, 400);
    assert.equal((reply.body as ErrorBody).error.code, "Request_UnsupportedQuery");
  });

  it("GET /users?$filter=endsWith(mail,…)&$count=true with ConsistencyLevel: eventual → the matching users and @odata.count", async () => {
    const reply = await s.call(
      `/v1.0/users?${filter("endsWith(mail,'@contoso.com')")}&$count=true&$select=mail`,
      {
        token,
        headers: { ConsistencyLevel: "eventual" },
      }
    );

    assert.equal(reply.status, 200, reply.text);
    const body = reply.body as List & { "@odata.count": number };
    assert.ok(body.value.length > 20);
    assert.equal(body["@odata.count"], body.value.length);
    assert.ok(body.value.every((u) => String(u.mail).endsWith("@contoso.com")));
  });

  it("GET /users?$filter=startsWith(mail,…) → a plain query, no ConsistencyLevel needed", async () => {
    const reply = await get(`/users?${filter("startsWith(mail,'adele.')")}`);

    assert.equal(reply.status, 200);
    assert.deepEqual(
      (reply.body as List).value.map((u) => u.mail),
      ["adele.vance@contoso.com"]
    );
  });

  it("GET /users/{id} and /users/{userPrincipalName} → the same user", async () => {
    const listed = (await get(`/users?${filter("mail eq 'lee.gu@contoso.com'")}`)).body as List;
    const id = String(listed.value[0]!.id);

    const byId = await get(`/users/${id}`);
    const byUpn = await get(`/users/${encodeURIComponent("lee.gu@contoso.com")}`);

    assert.equal(byId.status, 200);
    assert.equal(byUpn.status, 200);
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal((byId.body as Json).userPrincipalName, "lee.gu@contoso.com");
    assert.equal((byUpn.body as Json).id, id);
    assert.equal((byUpn.body as Json).displayName, "Lee Gu");
  });

  it("GET /users/{unknown} → 404 Request_ResourceNotFound", async () => {
    const reply = await get("/users/nobody@contoso.com");

    assert.equal(reply.status, 404);
    assert.equal((reply.body as ErrorBody).error.code, "Request_ResourceNotFound");
    assert.match((reply.body as ErrorBody).error.message, /nobody@contoso\.com/);
  });

  describe("groups", () => {
    let financeTeamId: string;
    before(async () => {
      const groups = (await get(`/groups?${filter("mail eq 'finance-team@contoso.com'")}`)).body as List;
      assert.equal(groups.value.length, 1);
      financeTeamId = String(groups.value[0]!.id);
    });

    it("GET /groups/{id}/transitiveMembers → every nested member once, the Finance Leads group and its members included, typed", async () => {
      const reply = await get(`/groups/${financeTeamId}/transitiveMembers`);

      assert.equal(reply.status, 200);
      const members = (reply.body as List).value;
      const users = members.filter((m) => m["@odata.type"] === "#microsoft.graph.user").map((m) => m.mail);
      const groups = members.filter((m) => m["@odata.type"] === "#microsoft.graph.group").map((m) => m.mail);
      assert.equal(users.length + groups.length, members.length, "every member carries @odata.type");
      assert.deepEqual(groups, ["finance-leads@contoso.com"]);
      assert.deepEqual(
        [...users].sort(),
        [
          "contractor@contoso.com",
          "emily.braun@contoso.com",
          "henrietta.mueller@contoso.com",
          "joni.sherman@contoso.com",
          "lee.gu@contoso.com",
          "lynne.robbins@contoso.com",
          "megan.bowen@contoso.com",
          "miriam.graham@contoso.com",
        ],
        "megan.bowen is in both lists but listed once"
      );
    });

    it("GET /groups/{id}/members → direct members only (nested lists not expanded)", async () => {
      const reply = await get(`/groups/${financeTeamId}/members`);

      assert.equal(reply.status, 200);
      const mails = (reply.body as List).value.map((m) => m.mail);
      assert.ok(mails.includes("finance-leads@contoso.com"));
      assert.equal(mails.includes("henrietta.mueller@contoso.com"), false);
      assert.equal(mails.length, 6);
    });

    it("GET /groups/{unknown}/transitiveMembers → 404 Request_ResourceNotFound", async () => {
      const reply = await get("/groups/00000000-1111-4222-8333-444444444444/transitiveMembers");

      assert.equal(reply.status, 404);
      assert.equal((reply.body as ErrorBody).error.code, "Request_ResourceNotFound");
    });
  });
});
