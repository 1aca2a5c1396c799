/**
 * The pieces of the progress rule: the bounded memory of recent keys, and value equality for pages
 * without keys (any depth, no stack overflow, "different" when in doubt).
 */
import { assert, describe, it } from "@effect/vitest"
import * as Data from "effect/Data"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { cursorIdentity, itemTracker, RecentKeys, sameValue } from "../../src/core/PageProgress.js"

describe("RecentKeys", () => {
  it("remembers at least its capacity of the most recent keys, and at most twice as many", () => {
    const keys = new RecentKeys(10)
    for (let i = 0; i < 100_005; i++) {
      if (!keys.has(i)) keys.add(i)
      assert.isAtMost(keys.size, 20)
      assert.isAtLeast(keys.size, Math.min(i + 1, 10))
      // The ten most recent are always there.
      for (let back = 0; back < 10 && back <= i; back += 3) assert.isTrue(keys.has(i - back))
    }
    assert.isTrue(keys.has(100_004))
    assert.isTrue(keys.has(99_995))
    assert.isTrue(keys.has(99_990))
    assert.isFalse(keys.has(99_989))
    assert.isFalse(keys.has(0))
  })

  it("grows when asked, never shrinks", () => {
    const keys = new RecentKeys(2)
    keys.atLeast(5)
    keys.atLeast(1)
    for (let i = 0; i < 20; i++) keys.add(i)
    assert.strictEqual(keys.size, 5)
    for (let i = 15; i < 20; i++) assert.isTrue(keys.has(i))
    assert.isFalse(keys.has(14))
  })
})

describe("itemTracker with a key", () => {
  it("keeps two of the largest pages even when asked to remember fewer", () => {
    const track = itemTracker<number>({ key: String, remember: 1 })
    const page = Array.from({ length: 500 }, (_, i) => i)
    assert.strictEqual(track(page, true).emit.length, 500)
    assert.isTrue(track(page, true).repeated)
  })

  it("filters after deciding what is new: a filtered-out item still counts as seen", () => {
    const track = itemTracker<string>({ key: (s) => s, filter: (s) => s !== "." })
    assert.deepStrictEqual(track([".", "a"], true), { emit: ["a"], repeated: false })
    assert.deepStrictEqual(track([".", "b"], true), { emit: ["b"], repeated: false })
    assert.deepStrictEqual(track(["."], true), { emit: [], repeated: true })
  })
})

describe("sameValue", () => {
  const deep = (depth: number, leaf: unknown) => {
    let value: unknown = leaf
    for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { a: value } : [value]
    return value
  }

  it("compares data by value, at any depth", () => {
    assert.isTrue(sameValue({ a: [1, { b: "x" }], c: null }, { c: null, a: [1, { b: "x" }] }))
    assert.isFalse(sameValue({ a: [1, 2] }, { a: [1, 3] }))
    assert.isFalse(sameValue({ a: 1 }, { a: 1, b: undefined }))
    assert.isFalse(sameValue([1], { 0: 1 }))
    assert.isTrue(sameValue(NaN, NaN))
    assert.isTrue(sameValue(deep(100_000, 1), deep(100_000, 1)))
    assert.isFalse(sameValue(deep(100_000, 1), deep(100_000, 2)))
  })

  it("dates by time, Effect data by Equal, secrets by their value", () => {
    assert.isTrue(sameValue(new Date(5), new Date(5)))
    assert.isFalse(sameValue(new Date(5), new Date(6)))
    assert.isTrue(sameValue(Option.some(1), Option.some(1)))
    assert.isFalse(sameValue(Option.some(1), Option.none()))
    assert.isTrue(sameValue(Data.struct({ a: 1 }), Data.struct({ a: 1 })))
    assert.isFalse(sameValue(Redacted.make("a"), Redacted.make("b")))
  })

  it("containers whose contents are not own keys are different unless identical", () => {
    assert.isFalse(sameValue(new Map([[1, 1]]), new Map([[1, 2]])))
    assert.isFalse(sameValue(new Set([1]), new Set([2])))
    const map = new Map()
    assert.isTrue(sameValue(map, map))
  })
})

describe("cursorIdentity", () => {
  it("primitives as they are, data as its text, the rest by reference", () => {
    assert.strictEqual(cursorIdentity("abc"), "abc")
    assert.strictEqual(cursorIdentity(3), 3)
    assert.strictEqual(cursorIdentity({ page: 2 }), cursorIdentity({ page: 2 }))
    assert.notStrictEqual(cursorIdentity({ page: 2 }), cursorIdentity({ page: 3 }))
    const odd = { n: 1n }
    assert.strictEqual(cursorIdentity(odd), odd)
  })
})
