/**
 * The plain decoder hands back the parsed JSON itself where a copy would be equal to it — a struct
 * with no key its schema does not name and every value decoding to itself, an array whose every item
 * does — and copies only what differs, as Effect would decode it. A decoder reused after a refusal or
 * a copy keeps nothing of the item before.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Schema from "effect/Schema"
import { plainDecoder, refused } from "../../src/core/PlainDecoder.js"

const Item = Schema.Struct({ id: Schema.String, name: Schema.optional(Schema.String), size: Schema.Number })
const decodeItem = plainDecoder(Item.ast)
const decodeItems = plainDecoder(Schema.Array(Item).ast)
const effect = Schema.decodeUnknownSync(Item, { onExcessProperty: "ignore" })

describe("the plain decoder", () => {
  it("returns an item with exactly the schema's keys as it is", () => {
    const input = { id: "a", name: "one", size: 1 }
    assert.strictEqual(decodeItem(input), input)
    const withoutOptional = { size: 2, id: "b" }
    assert.strictEqual(decodeItem(withoutOptional), withoutOptional)
  })

  it("copies an item with keys the schema does not name, leaving the input as it was", () => {
    const input = { id: "a", size: 1, extra: true }
    const decoded = decodeItem(input)
    assert.notStrictEqual(decoded, input)
    assert.deepStrictEqual(decoded, { id: "a", size: 1 })
    assert.deepStrictEqual(decoded, effect(input))
    assert.deepStrictEqual(input, { id: "a", size: 1, extra: true })
  })

  it("copies an item whose nested value is copied, keeping the rest by reference", () => {
    const Outer = Schema.Struct({ inner: Item, tags: Schema.Array(Schema.String) })
    const tags = ["x", "y"]
    const input = { inner: { id: "a", size: 1, extra: 0 }, tags }
    const decoded = plainDecoder(Outer.ast)(input) as typeof Outer.Type
    assert.notStrictEqual(decoded, input)
    assert.deepStrictEqual(decoded, { inner: { id: "a", size: 1 }, tags: ["x", "y"] })
    assert.strictEqual(decoded.tags, tags)
  })

  it("treats a JSON key named __proto__ as one the schema does not name", () => {
    const input = JSON.parse("{\"id\":\"a\",\"size\":1,\"__proto__\":{\"polluted\":true}}")
    const decoded = decodeItem(input) as Record<string, unknown>
    assert.notStrictEqual(decoded, input)
    assert.deepStrictEqual(Object.keys(decoded).sort(), ["id", "size"])
    assert.isUndefined(({} as Record<string, unknown>).polluted)
  })

  it("decodes an absent required field that takes undefined as Effect does: present, as undefined", () => {
    const Loose = Schema.Struct({ id: Schema.String, note: Schema.Union(Schema.String, Schema.Undefined) })
    const input = { id: "a" }
    const decoded = plainDecoder(Loose.ast)(input) as Record<string, unknown>
    assert.notStrictEqual(decoded, input)
    assert.isTrue(Object.hasOwn(decoded, "note"))
    assert.deepStrictEqual(decoded, Schema.decodeUnknownSync(Loose)(input) as Record<string, unknown>)
  })

  it("returns an array whose items all decode to themselves as it is, and copies one that does not", () => {
    const same = [{ id: "a", size: 1 }, { id: "b", size: 2 }]
    assert.strictEqual(decodeItems(same), same)
    const first = { id: "a", size: 1 }
    const last = { id: "c", size: 3 }
    const mixed = [first, { id: "b", size: 2, extra: 1 }, last]
    const decoded = decodeItems(mixed) as ReadonlyArray<unknown>
    assert.notStrictEqual(decoded, mixed)
    assert.deepStrictEqual(decoded, [{ id: "a", size: 1 }, { id: "b", size: 2 }, { id: "c", size: 3 }])
    assert.strictEqual(decoded[0], first)
    assert.strictEqual(decoded[2], last)
    assert.strictEqual(mixed.length, 3)
  })

  it("keeps nothing of an item it refused or copied for the next one", () => {
    assert.strictEqual(decodeItem({ id: "a", name: "kept?", size: "not a number" }), refused)
    assert.deepStrictEqual(decodeItem({ id: "b", size: 2, extra: 1 }), { id: "b", size: 2 })
    assert.deepStrictEqual(decodeItem({ id: "c", name: "three", size: 3, extra: 1 }), {
      id: "c",
      name: "three",
      size: 3
    })
    const copied = decodeItem({ id: "d", size: 4, extra: 1 }) as Record<string, unknown>
    assert.deepStrictEqual(copied, { id: "d", size: 4 })
    assert.isFalse(Object.hasOwn(copied, "name"))
  })

  it("keeps nothing of an item whose decoding threw", () => {
    const Picky = Schema.Struct({
      owner: Schema.optional(Schema.String),
      n: Schema.Number.pipe(Schema.filter((n) => {
        if (n < 0) throw new RangeError("too deep")
        return true
      }))
    })
    const decode = plainDecoder(Picky.ast)
    assert.throws(() => decode({ owner: "alice-secret", n: -1 }), RangeError)
    const copied = decode({ n: 1, extra: true }) as Record<string, unknown>
    assert.deepStrictEqual(copied, { n: 1 })
    assert.isFalse(Object.hasOwn(copied, "owner"))
  })

  it("refuses what Effect refuses", () => {
    for (const input of [null, [], "text", { id: 1, size: 1 }, { id: "a" }, { id: "a", size: 1, name: 5 }]) {
      assert.strictEqual(decodeItem(input), refused)
      assert.throws(() => effect(input))
    }
    assert.strictEqual(decodeItems([{ id: "a", size: 1 }, { id: "b" }]), refused)
  })
})
