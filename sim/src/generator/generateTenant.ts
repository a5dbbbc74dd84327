// Builds large tenant fixtures for benchmarks and load tests: N mailboxes (with a realistic share on
// hold), all members of one distribution list that received one message, plus decoy messages whose
// Internet Message-IDs resemble it. Identity (tenant id, app registrations), retention policies and
// hold catalogue come from the demo tenant, so the product's default configuration works unchanged.
import { readFileSync } from "node:fs";
import { demoTenantPath } from "../fixtures/loadFixture.js";
import type { TenantFixture } from "../fixtures/schema.js";
import { seededRandom } from "../seededRandom.js";

export type GeneratorOptions = {
  mailboxes: number;
  /** Messages resembling the target whose ids must never be mistaken for it (quotes, +, %, &, #, /). */
  decoys?: number;
  /** Share of mailboxes on Litigation Hold, on an In-Place hold, and excluded from the app's scope. */
  litigationHoldShare?: number;
  inPlaceHoldShare?: number;
  outOfScopeShare?: number;
};

export const generatedDomain = "bench.contoso.com";
export const targetMessageId = `<bench-target-0001@fabrikam.com>`;
export const distributionList = `everyone@${generatedDomain}`;

const decoyShapes = [
  (i: number) => `<bench-target-0001+${i}@fabrikam.com>`,
  (i: number) => `<bench-target-0001 ${i}@fabrikam.com>`,
  (i: number) => `<bench-target-0001'${i}@fabrikam.com>`,
  (i: number) => `<bench-target-0001%${i}@fabrikam.com>`,
  (i: number) => `<bench-target-0001&${i}@fabrikam.com>`,
  (i: number) => `<bench-target-0001#${i}@fabrikam.com>`,
  (i: number) => `<bench-target-0001/${i}@fabrikam.com>`,
  (i: number) => `<BENCH-TARGET-0001-${i}@fabrikam.com>`,
  (i: number) => `<${i}.bench-target-0001@fabrikam.com>`,
  (i: number) => `<bench-target-0001@fabrikam.com.${i}>`,
  (i: number) => `<bench-target-0001-é€${i}@fabrikam.com>`,
];

export function generateTenant(options: GeneratorOptions): TenantFixture {
  const demo = JSON.parse(readFileSync(demoTenantPath, "utf8")) as TenantFixture;
  const random = seededRandom(options.mailboxes);
  const { litigationHoldShare = 0.1, inPlaceHoldShare = 0.05, outOfScopeShare = 0.01 } = options;
  const width = String(options.mailboxes).length;
  const users: TenantFixture["users"] = [];
  const excluded: string[] = [];
  for (let i = 1; i <= options.mailboxes; i++) {
    const upn = `user${String(i).padStart(width, "0")}@${generatedDomain}`;
    const roll = random();
    const mailbox: Record<string, unknown> = {};
    if (roll < litigationHoldShare)
      Object.assign(mailbox, {
        LitigationHoldEnabled: true,
        LitigationHoldDuration: "2555.00:00:00",
        LitigationHoldDate: "now-200d",
      });
    else if (roll < litigationHoldShare + inPlaceHoldShare)
      mailbox.InPlaceHolds = ["cld9c0a984ca74b457fbe4504bf7d3e00de"];
    if (random() < outOfScopeShare) excluded.push(upn);
    users.push({
      userPrincipalName: upn,
      displayName: `Bench User ${i}`,
      mailbox,
    } as unknown as TenantFixture["users"][number]);
  }
  const admins = demo.users.filter((u) => u.appRoles?.length);
  const members = users.map((u) => u.userPrincipalName);
  const decoys = Array.from({ length: options.decoys ?? 0 }, (_, i) => ({
    internetMessageId: decoyShapes[i % decoyShapes.length]!(i),
    subject: `Decoy ${i}`,
    from: "Fabrikam Payroll <payroll@fabrikam.com>",
    to: [members[Math.floor(random() * members.length)]!],
    sentDateTime: "now-4h",
  }));
  return {
    ...demo,
    domains: [...demo.domains, { id: generatedDomain }],
    applicationAccessPolicies: demo.applicationAccessPolicies.map((p) => ({
      ...p,
      policyScopeGroupId: `excluded@${generatedDomain}`,
    })),
    users: [...admins, ...users],
    groups: [
      { displayName: "Everyone (bench)", mail: distributionList, kind: "distribution", members },
      {
        displayName: "Excluded (bench)",
        mail: `excluded@${generatedDomain}`,
        kind: "security",
        members: excluded,
      },
    ],
    messages: [
      {
        internetMessageId: targetMessageId,
        subject: "Action required: confirm your payroll details",
        from: "Fabrikam Payroll <payroll@fabrikam.com>",
        to: [distributionList],
        sentDateTime: "now-3h",
        body: "Confirm your bank details before Friday.",
      },
      ...decoys,
    ],
  } as unknown as TenantFixture;
}
