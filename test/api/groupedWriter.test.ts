// Handing items to a writer in groups: a group written each time enough are held, the rest on flush,
// nothing written twice or lost, and a failed write reaching the caller that added the last item.
import assert from "node:assert/strict";
import { groupedWriter } from "../../api/src/groupedWriter.js";

describe("groupedWriter", () => {
  it("groups of 3, seven items added one or two at a time → [1..4] once the group fills, [5..7], nothing on a second flush", async () => {
    const written: number[][] = [];
    const writer = groupedWriter<number>(async (items) => void written.push(items), 3);

    await writer.add([1]);
    await writer.add([2]);
    assert.deepEqual(written, [], "nothing written before a group is full");
    await writer.add([3, 4]);
    await writer.add([5]);
    await writer.add([6, 7]);
    await writer.flush();
    await writer.flush();

    assert.deepEqual(written, [
      [1, 2, 3, 4],
      [5, 6, 7],
    ]);
  });

  it("flush with nothing held → no write", async () => {
    let writes = 0;
    const writer = groupedWriter<number>(async () => void writes++, 2);
    await writer.flush();
    assert.equal(writes, 0);
  });

  it("a write that fails → the add that filled the group rejects with its error", async () => {
    const writer = groupedWriter<number>(async () => {
      throw new Error("the database refused the group");
    }, 2);
    await writer.add([1]);
    await assert.rejects(writer.add([2]), /refused the group/);
  });
});
