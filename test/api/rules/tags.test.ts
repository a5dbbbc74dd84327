import assert from "node:assert/strict";
import { findPersonalTag, isDeleteAction, resolveTag, stampsExpiry } from "../../../api/src/rules/tags.js";
import { parseScenario, type RetentionTag } from "../../../api/src/rules/scenario.js";
import { scenario, tag } from "../../support/scenarios.js";

function tags(...raw: ReturnType<typeof tag>[]): RetentionTag[] {
  return parseScenario(scenario({ retentionTags: raw })).retentionTags;
}

describe("tags", () => {
  const policy = tags(
    tag("3 Year Delete", "All", 1095, "DeleteAndAllowRecovery"),
    tag("Inbox 1 Year", "Inbox", 365, "DeleteAndAllowRecovery"),
    tag("Deleted 30 Days", "DeletedItems", 30, "PermanentlyDelete"),
    tag("1 Month Delete", "Personal", 30, "DeleteAndAllowRecovery"),
    tag("Personal 2 Year Archive", "Personal", 730, "MoveToArchive"),
    tag("Default 2 Year Archive", "All", 730, "MoveToArchive")
  );
  const named = (name: string) => policy.find((t) => t.Name === name)!;

  it("personal deleting tag → wins over folder and default tags", () => {
    const resolved = resolveTag(policy, "inbox", named("1 Month Delete"));
    assert.deepEqual([resolved?.tag.Name, resolved?.source], ["1 Month Delete", "personal"]);
  });

  it("no personal tag, folder has a tag → the folder tag", () => {
    const resolved = resolveTag(policy, "inbox", null);
    assert.deepEqual([resolved?.tag.Name, resolved?.source], ["Inbox 1 Year", "folder"]);
  });

  it("folder without a tag → the default deleting tag", () => {
    const resolved = resolveTag(policy, "sentitems", null);
    assert.deepEqual([resolved?.tag.Name, resolved?.source], ["3 Year Delete", "default"]);
  });

  it("user folder → the default deleting tag", () => {
    assert.equal(resolveTag(policy, "Projects", null)?.tag.Name, "3 Year Delete");
  });

  it("personal archive tag → does not displace the deleting tags (archive never deletes)", () => {
    assert.equal(resolveTag(policy, "inbox", named("Personal 2 Year Archive"))?.tag.Name, "Inbox 1 Year");
  });

  it("only archive tags apply → the archive tag, which stamps no expiry", () => {
    const archiveOnly = tags(tag("Default 2 Year Archive", "All", 730, "MoveToArchive"));
    const resolved = resolveTag(archiveOnly, "inbox", null);
    assert.equal(resolved?.tag.Name, "Default 2 Year Archive");
    assert.equal(stampsExpiry(resolved!.tag), false);
  });

  it("disabled tags → ignored, the next one in precedence applies", () => {
    const withDisabled = tags(
      tag("Inbox Off", "Inbox", 10, "DeleteAndAllowRecovery", false),
      tag("3 Year Delete", "All", 1095, "DeleteAndAllowRecovery")
    );
    assert.equal(resolveTag(withDisabled, "inbox", null)?.tag.Name, "3 Year Delete");
  });

  it("disabled personal tag → ignored", () => {
    const withDisabled = tags(
      tag("Never", "Personal", null, "DeleteAndAllowRecovery", false),
      tag("3 Year Delete", "All", 1095, "DeleteAndAllowRecovery")
    );
    assert.equal(resolveTag(withDisabled, "inbox", withDisabled[0]!)?.tag.Name, "3 Year Delete");
  });

  it("no tags → null (the item never expires)", () => {
    assert.equal(resolveTag([], "inbox", null), null);
  });

  it("findPersonalTag by Name or RetentionId, any case", () => {
    assert.equal(findPersonalTag(policy, "1 month delete")?.Name, "1 Month Delete");
    assert.equal(findPersonalTag(policy, "1-month-delete-id")?.Name, "1 Month Delete");
    assert.equal(findPersonalTag(policy, null), null);
  });

  it("findPersonalTag naming an unknown tag → error naming item.personalTag", () => {
    assert.throws(() => findPersonalTag(policy, "Nope"), /^RulesInputError: item\.personalTag: names "Nope"/);
  });

  it("findPersonalTag naming a default tag → error saying it is not personal", () => {
    assert.throws(() => findPersonalTag(policy, "3 Year Delete"), /a All tag, not a Personal one/);
  });

  it("isDeleteAction: marking and archiving do not delete", () => {
    assert.deepEqual(
      ["DeleteAndAllowRecovery", "PermanentlyDelete", "MarkAsPastRetentionLimit", "MoveToArchive"].map((a) =>
        isDeleteAction(a as never)
      ),
      [true, true, false, false]
    );
  });
});
