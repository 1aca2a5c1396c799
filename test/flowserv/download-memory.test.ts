/**
 * Downloads stream: 50 MB through the SDK from the loopback test server while the memory retained
 * stays far below the file size. Retained memory is measured after a forced garbage collection at
 * every sampled megabyte, so garbage that is merely not yet collected does not count; a control
 * that holds the whole download shows the measurement sees buffering when there is some.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as v8 from "node:v8"
import * as vm from "node:vm"
import { Flowserv, RunArguments, Runs } from "../../src/flowserv/index.js"
import type { WorkflowSeed } from "../../src/testkit/index.js"
import { FlowservTestServer } from "../../src/testkit/index.js"
import { as, benchmarkGroup } from "../helpers/flowserv.js"

const fileSize = 50 * 1024 * 1024
const chunkSize = 64 * 1024

// A result file generated chunk by chunk, so the server holds no more of it than the client does.
const bigFile = (): ReadableStream<Uint8Array> => {
  let sent = 0
  return new ReadableStream({
    pull(controller) {
      if (sent >= fileSize) return controller.close()
      const length = Math.min(chunkSize, fileSize - sent)
      controller.enqueue(new Uint8Array(length).fill(sent / chunkSize % 251))
      sent += length
    }
  })
}

const bigWorkflow: WorkflowSeed = {
  id: "big",
  name: "Big output",
  parameters: [{ name: "names", index: 0, dtype: "file", isRequired: true }],
  run: { runningMillis: 0, files: [{ name: "results/big.bin", content: bigFile, size: fileSize }] }
}

v8.setFlagsFromString("--expose-gc")
const gc = vm.runInNewContext("gc") as () => void

const retained = () => {
  gc()
  const usage = process.memoryUsage()
  return usage.heapUsed + usage.arrayBuffers
}

const Live = Layer.unwrapEffect(
  Effect.map(FlowservTestServer, (server) => Flowserv.layer({ url: server.url }))
).pipe(
  Layer.provideMerge(FlowservTestServer.layerServer({ workflows: [bigWorkflow] })),
  Layer.provide(FetchHttpClient.layer)
)

const MB = 1024 * 1024

describe("downloads stream", () => {
  it.live("50 MB through Runs.downloadFile with far less memory retained", () =>
    Effect.gen(function*() {
      const runs = yield* Runs
      const { group, upload, user } = yield* benchmarkGroup("alice", "big")
      const run = yield* runs.start(group.id, { names: RunArguments.file(upload.id) }).pipe(as(user))
      const done = yield* runs.get(run.id).pipe(as(user))
      const fileId = done.files![0]!.id

      const baseline = retained()
      let peak = 0
      let received = 0
      let checksum = 0
      yield* Stream.runForEach(runs.downloadFile(run.id, fileId), (chunk) =>
        Effect.sync(() => {
          const before = received
          received += chunk.length
          checksum = (checksum + chunk[0]!) % 65_521
          if (Math.floor(received / MB) !== Math.floor(before / MB)) peak = Math.max(peak, retained() - baseline)
        }))
      assert.strictEqual(received, fileSize)
      assert.isAbove(checksum, 0)
      console.log(`streamed ${received / MB} MB; peak retained growth ${(peak / MB).toFixed(2)} MB`)
      // Typically about 1 MB, with brief peaks of a few MB of socket buffers in flight.
      assert.isBelow(peak, 16 * MB)

      // Control: holding the whole download is seen by the same measurement.
      const held: Array<Uint8Array> = []
      let heldPeak = 0
      let heldBytes = 0
      const controlBase = retained()
      yield* Stream.runForEach(runs.downloadFile(run.id, fileId), (chunk) =>
        Effect.sync(() => {
          held.push(chunk)
          const before = heldBytes
          heldBytes += chunk.length
          if (Math.floor(heldBytes / (10 * MB)) !== Math.floor(before / (10 * MB))) {
            heldPeak = Math.max(heldPeak, retained() - controlBase)
          }
        }))
      assert.isAbove(heldPeak, 40 * MB)
      held.length = 0
    }).pipe(Effect.provide(Live)), 60_000)
})
