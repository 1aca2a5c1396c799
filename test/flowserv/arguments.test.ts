import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { Parameter } from "../../src/flowserv/index.js"
import { RunArguments } from "../../src/flowserv/index.js"

const p = (name: string, dtype: string, extra: Partial<Parameter> = {}): Parameter => ({
  name,
  dtype,
  index: 0,
  isRequired: false,
  ...extra
})

const parameters: ReadonlyArray<Parameter> = [
  p("input", "file", { isRequired: true, target: "data/in.txt" }),
  p("rate", "float", { range: "[0,1)" }),
  p("count", "int", { range: "(0,]" }),
  p("verbose", "bool"),
  p("mode", "select", { values: [{ name: "Fast", value: "fast" }, { name: "Slow", value: "slow" }] }),
  p("tags", "list"),
  p("options", "record"),
  p("future", "tensor"),
  p("label", "string", { isRequired: true, defaultValue: "x" })
]

const check = (args: RunArguments.Arguments) =>
  Effect.match(RunArguments.validate(args, parameters), {
    onFailure: (error) => `${error.origin}: ${error.message}`,
    onSuccess: (wire) => wire
  })

describe("RunArguments", () => {
  it("file builds the server's file reference, with or without a target path", () => {
    assert.deepStrictEqual(RunArguments.file("f1"), { type: "$file", value: { fileId: "f1" } })
    assert.deepStrictEqual(RunArguments.file("f1", "data/x.txt"), {
      type: "$file",
      value: { fileId: "f1", targetPath: "data/x.txt" }
    })
    assert.isTrue(RunArguments.isFileArgument(RunArguments.file("f1")))
    assert.isFalse(RunArguments.isFileArgument({ type: "$file", value: {} }))
  })

  it.effect("valid arguments become [{ name, value }] in the given order", () =>
    Effect.gen(function*() {
      const wire = yield* check({
        input: RunArguments.file("f1"),
        rate: 0.5,
        count: 3,
        verbose: true,
        mode: "fast",
        tags: ["a", "b"],
        options: { depth: 2 },
        future: "anything"
      })
      assert.deepStrictEqual(
        (wire as ReadonlyArray<{ name: string }>).map((a) => a.name),
        ["input", "rate", "count", "verbose", "mode", "tags", "options", "future"]
      )
    }))

  it.effect("each kind of mismatch is refused before sending", () =>
    Effect.gen(function*() {
      const input = RunArguments.file("f1")
      assert.strictEqual(yield* check({}), "client: missing argument for 'input'")
      assert.strictEqual(yield* check({ input, nope: 1 }), "client: unknown parameter 'nope'")
      assert.strictEqual(
        yield* check({ input, rate: 1 }),
        "client: invalid argument: 'rate' must be in the range [0,1)"
      )
      assert.strictEqual(yield* check({ input, rate: Number.NaN }), "client: invalid argument: 'rate' expects a number")
      assert.strictEqual(
        yield* check({ input, count: 0 }),
        "client: invalid argument: 'count' must be in the range (0,]"
      )
      assert.strictEqual(
        yield* check({ input, verbose: "yes" }),
        "client: invalid argument: 'verbose' expects a boolean"
      )
      assert.strictEqual(
        yield* check({ input, mode: "medium" }),
        "client: invalid argument: 'mode' must be one of \"fast\", \"slow\""
      )
      assert.strictEqual(yield* check({ input, tags: "a,b" }), "client: invalid argument: 'tags' expects a list")
      assert.strictEqual(yield* check({ input, options: [1] }), "client: invalid argument: 'options' expects a record")
      assert.strictEqual(
        yield* check({ input: RunArguments.file("") }),
        "client: invalid argument: 'input' needs a file id"
      )
    }))

  it.effect("options from the server of any nesting or number are listed in a bounded message", () =>
    Effect.gen(function*() {
      let deep: unknown = "leaf"
      for (let i = 0; i < 100_000; i++) deep = [deep]
      const options = [deep, ...Array.from({ length: 10_000 }, (_, i) => `option-${i}`)]
      const message = yield* Effect.match(
        RunArguments.validate({ mode: "none" }, [p("mode", "select", { values: options })]),
        { onFailure: (error) => error.message, onSuccess: () => "accepted" }
      )
      assert.match(message, /^invalid argument: 'mode' must be one of \[\[\[…\]\]\], "option-0", /)
      assert.include(message, "… (10001 in all)")
      assert.isAtMost(message.length, 400)
    }))

  it.effect("a required parameter with a default may be left out", () =>
    Effect.gen(function*() {
      const wire = yield* check({ input: RunArguments.file("f1") })
      assert.deepStrictEqual(wire, [{ name: "input", value: { type: "$file", value: { fileId: "f1" } } }])
    }))
})
