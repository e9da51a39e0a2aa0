import { describe, expect, it } from "vitest";
import { SlotStore } from "./state-store.ts";

function store(max: number, ttl: number) {
  let now = 1_000;
  const counters = { evictions: 0, expirations: 0 };
  const slots = new SlotStore(max, ttl, { now: () => now }, counters);
  return { slots, counters, at: (t: number) => (now = t) };
}

describe("SlotStore (bounded per-rule state)", () => {
  it("evicts the least recently used key beyond max, counted, and forgets its deadline", () => {
    const { slots, counters } = store(2, 1_000_000);
    slots.set("a", { p: 0, s: 1, d: 5 });
    slots.set("b", { p: 0, s: 2 });
    slots.get("a");
    slots.set("c", { p: 0, s: 3 });
    expect([...slots.entries()].map(([k]) => k)).toEqual(["a", "c"]);
    expect(counters.evictions).toBe(1);
    slots.set("d", { p: 0, s: 4 });
    expect(slots.peek("a")).toBeUndefined();
    expect(slots.deadlines.size).toBe(0);
    expect(counters.evictions).toBe(2);
  });

  it("expires on the event-time clock from the last set (not get), counted; peek never drops", () => {
    const { slots, counters, at } = store(10, 100);
    slots.set("a", { p: 1, s: "x", d: 7 });
    at(1_050);
    expect(slots.get("a")?.s).toBe("x");
    at(1_101);
    expect(slots.peek("a")).toBeUndefined();
    expect(slots.size).toBe(1);
    expect([...slots.entries()]).toEqual([]);
    expect(slots.get("a")).toBeUndefined();
    expect(counters.expirations).toBe(1);
    expect(slots.size).toBe(0);
    slots.set("b", { p: 1, s: "y" }, 10);
    expect(slots.remainingTtl("b")).toBe(10);
    at(1_200);
    slots.purgeStale();
    expect(counters.expirations).toBe(2);
  });

  it("lists live slots least recently used first as plain objects with their deadline", () => {
    const { slots } = store(10, 100);
    slots.set("a", { p: 0, s: { n: 1 }, d: 9 });
    slots.set("b", { p: 2, s: null });
    slots.set("a", { p: 0, s: { n: 2 }, d: 9 });
    expect([...slots.entries()]).toEqual([
      ["b", { p: 2, s: null }],
      ["a", { p: 0, s: { n: 2 }, d: 9 }],
    ]);
  });
});
