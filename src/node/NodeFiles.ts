/**
 * Reading and writing local files as streams of bytes, with Node's `node:fs` (entry point
 * `effect-research-sdk/node`). Downloads are streams, so writing one to a file never holds it in
 * memory; uploads read a file the same way.
 *
 * To use another file system (Bun, Deno, a test double), use `@effect/platform`'s `FileSystem`
 * instead: `Stream.run(download, fs.sink(path))` and `fs.stream(path)` do the same.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as Fs from "node:fs"
import * as FsPromises from "node:fs/promises"
import { FileError } from "../core/FileError.js"

const fileError = (path: string, action: string) => (cause: unknown): FileError => {
  const code = (cause as { code?: unknown } | undefined)?.code
  const reason = cause instanceof Error ? cause.message : String(cause)
  return new FileError({
    message: `cannot ${action} ${path}: ${reason}`,
    path,
    ...(typeof code === "string" ? { code } : {})
  })
}

/**
 * A file's size in bytes.
 *
 * @since 0.1.0
 * @category reading
 */
export const size = (path: string): Effect.Effect<number, FileError> =>
  Effect.tryPromise({ try: () => FsPromises.stat(path), catch: fileError(path, "read") }).pipe(
    Effect.flatMap((stats) =>
      stats.isFile()
        ? Effect.succeed(stats.size)
        : Effect.fail(new FileError({ message: `cannot read ${path}: not a regular file`, path }))
    )
  )

/**
 * A file's content as a stream of chunks (64 KiB by default). The file is opened when the stream
 * starts and closed when it ends, fails or is interrupted.
 *
 * @since 0.1.0
 * @category reading
 */
export const readStream = (
  path: string,
  options: { readonly chunkSize?: number } = {}
): Stream.Stream<Uint8Array, FileError> =>
  Stream.suspend(() =>
    Stream.fromAsyncIterable<Uint8Array, FileError>(
      Fs.createReadStream(path, { highWaterMark: options.chunkSize ?? 65_536 }),
      fileError(path, "read")
    )
  )

/**
 * Writes a stream of bytes to a file and returns the number of bytes written. Chunks are written one
 * after the other, so no more than one is held at a time. The bytes go to a temporary file beside the
 * target (`<path>.partial-<random>`) that is renamed over it only once the stream has ended: if the
 * stream fails or is interrupted, the temporary file is removed and an existing file at `path` is left
 * as it was.
 *
 * @since 0.1.0
 * @category writing
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { NodeFiles } from "effect-research-sdk/node"
 * import { Runs } from "effect-research-sdk/flowserv"
 * const save = (runId: string, fileId: string) =>
 *   Effect.flatMap(Runs, (runs) => runs.downloadFile(runId, fileId).pipe(NodeFiles.writeStream("result.json")))
 * ```
 */
export const writeStream =
  (path: string) => <E, R>(stream: Stream.Stream<Uint8Array, E, R>): Effect.Effect<number, E | FileError, R> =>
    Effect.suspend(() => {
      const partial = `${path}.partial-${randomSuffix()}`
      // "wx": a fresh file of our own, never one that happens to exist under that name.
      const write = Effect.acquireUseRelease(
        Effect.tryPromise({ try: () => FsPromises.open(partial, "wx"), catch: fileError(path, "write") }),
        (handle) =>
          Stream.runFoldEffect(stream, 0, (written, chunk) =>
            Effect.as(
              Effect.tryPromise({ try: () => writeAll(handle, chunk), catch: fileError(path, "write") }),
              written + chunk.length
            )),
        (handle) => Effect.promise(() => handle.close().catch(() => undefined))
      )
      return write.pipe(
        Effect.tap(() =>
          Effect.uninterruptible(
            Effect.tryPromise({ try: () => FsPromises.rename(partial, path), catch: fileError(path, "write") })
          )
        ),
        Effect.onExit((exit) =>
          exit._tag === "Failure"
            ? Effect.promise(() => FsPromises.rm(partial, { force: true }).catch(() => undefined))
            : Effect.void
        )
      )
    })

const randomSuffix = (): string =>
  Array.from(globalThis.crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, "0")).join("")

const writeAll = async (handle: FsPromises.FileHandle, chunk: Uint8Array): Promise<void> => {
  let offset = 0
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset)
    offset += bytesWritten
  }
}
