import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit.js";

interface Item {
  n: number;
  key?: string;
  group?: string;
  bad?: boolean;
}

const refused = Object.assign(new Error("refusé"), { code: "23505" });

/** A writer whose batches complete when the test says so. */
function harness(retryAlone = (e: unknown) => e === refused) {
  const batches: number[][] = [];
  const alone: number[] = [];
  const pending: (() => void)[] = [];
  const gc = new GroupCommit<Item, string>(
    (items) =>
      new Promise((resolve, reject) => {
        batches.push(items.map((i) => i.n));
        pending.push(() =>
          items.some((i) => i.bad) ? reject(refused) : resolve(items.map((i) => `ok ${i.n}`)),
        );
      }),
    async (item) => {
      alone.push(item.n);
      if (item.bad) throw new Error(`mauvais ${item.n}`);
      return `seul ${item.n}`;
    },
    {
      maxBatch: 4,
      maxInFlight: 1,
      batchKey: (i) => i.group ?? "",
      conflictKey: (i) => i.key ?? null,
      retryAlone,
    },
  );
  const tick = () => new Promise((r) => setImmediate(r));
  const finish = async () => {
    while (pending.length > 0) {
      pending.shift()!();
      await tick();
      await tick();
    }
  };
  return { gc, batches, alone, tick, finish };
}

describe("group commit", () => {
  it("writes what arrives during a write in the next batch, each caller gets its own result", async () => {
    const h = harness();
    const first = h.gc.submit({ n: 1 });
    await h.tick();
    const later = [2, 3, 4, 5, 6].map((n) => h.gc.submit({ n }));
    await h.tick();
    expect(h.batches).toEqual([[1]]);
    await h.finish();
    expect(h.batches).toEqual([[1], [2, 3, 4, 5], [6]]);
    expect(await first).toBe("ok 1");
    expect(await Promise.all(later)).toEqual(["ok 2", "ok 3", "ok 4", "ok 5", "ok 6"]);
  });

  it("never puts two items of one conflict key, or of two batch keys, in the same batch", async () => {
    const h = harness();
    const all = [
      h.gc.submit({ n: 1, key: "a" }),
      h.gc.submit({ n: 2, key: "a" }),
      h.gc.submit({ n: 3, group: "autre" }),
      h.gc.submit({ n: 4, key: "b" }),
      h.gc.submit({ n: 5 }),
    ];
    await h.tick();
    await h.finish();
    expect(h.batches).toEqual([[1, 4, 5], [2], [3]]);
    expect(await Promise.all(all)).toHaveLength(5);
  });

  it("writes a refused batch again item by item: only the bad item fails", async () => {
    const h = harness();
    const all = [1, 2, 3].map((n) => h.gc.submit({ n, bad: n === 2 }));
    const outcomes = Promise.allSettled(all);
    await h.tick();
    await h.finish();
    const settled = await outcomes;
    expect(h.alone).toEqual([1, 2, 3]);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((settled[0] as PromiseFulfilledResult<string>).value).toBe("seul 1");
  });

  it("does not write again a batch that may have been stored: every caller gets the error", async () => {
    const h = harness(() => false);
    const all = [1, 2].map((n) => h.gc.submit({ n, bad: n === 2 }));
    const outcomes = Promise.allSettled(all);
    await h.tick();
    await h.finish();
    const settled = await outcomes;
    expect(h.alone).toEqual([]);
    expect(settled.map((s) => s.status)).toEqual(["rejected", "rejected"]);
  });
});
