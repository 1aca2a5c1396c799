/**
 * The JSON the flowserv test server sends for runs, uploads, leaderboards and files, in the real
 * server's shapes (`flowserv/view/run.py`, `files.py`, `workflow.py`).
 *
 * @since 0.1.0
 */
import * as Flask from "./flask.js"
import type { FlowservState } from "./FlowservState.js"
import type { ResultFileSeed } from "./RunScript.js"
import type { PostprocRow, RunRow, UploadRow } from "./RunsState.js"
import { contentBytes } from "./RunsState.js"
import { tarGz } from "./tar.js"

/**
 * The renderers of one server.
 *
 * @since 0.1.0
 */
export const makeViews = (state: FlowservState) => {
  const runDescriptor = (row: RunRow) => ({
    id: row.id,
    state: state.runs.status(row).state,
    createdAt: Flask.isoTimestamp(row.createdAt)
  })

  const fileDoc = (file: { readonly id: string; readonly seed: ResultFileSeed }) => ({
    id: file.id,
    name: file.seed.name,
    title: file.seed.title,
    caption: file.seed.caption,
    format: file.seed.format,
    widget: file.seed.widget
  })

  const runHandle = (row: RunRow) => {
    const status = state.runs.status(row)
    return {
      ...runDescriptor(row),
      workflowId: row.workflowId,
      groupId: row.groupId,
      arguments: row.arguments,
      parameters: state.workflow(row.workflowId).parameters,
      startedAt: status.startedAt === undefined ? undefined : Flask.isoTimestamp(status.startedAt),
      finishedAt: status.finishedAt === undefined ? undefined : Flask.isoTimestamp(status.finishedAt),
      messages: status.messages,
      files: status.state === "SUCCESS" ? row.files.map(fileDoc) : undefined
    }
  }

  // Post-processing runs have no group; their argument is the folder of the runs they compare.
  const postprocHandle = (row: PostprocRow) => ({
    id: row.id,
    state: "SUCCESS",
    workflowId: row.workflowId,
    createdAt: Flask.isoTimestamp(row.at),
    startedAt: Flask.isoTimestamp(row.at),
    finishedAt: Flask.isoTimestamp(row.at),
    arguments: [{
      name: "runs",
      value: { type: "$file", value: { fileId: "<server temp dir>", targetPath: "runs/" } }
    }],
    files: row.files.map(fileDoc)
  })

  // The real server reports 0: Werkzeug's FileStorage has no length for multipart parts.
  const uploadDoc = (row: UploadRow) => ({
    id: row.id,
    name: row.name,
    createdAt: Flask.isoTimestamp(row.createdAt),
    size: 0
  })

  const leaderboard = (workflowId: string, orderBy: string | null, includeAll: boolean) => {
    const board = state.runs.leaderboard(workflowId, orderBy, includeAll)
    if (board === undefined) return null
    const postproc = state.runs.postproc(workflowId)
    return {
      schema: board.columns.map((column) => ({ name: column.name, label: column.label, dtype: column.dtype })),
      ranking: board.ranked.map(({ results, row, status }) => ({
        run: {
          id: row.id,
          createdAt: Flask.isoTimestamp(row.createdAt),
          startedAt: Flask.isoTimestamp(status.startedAt!),
          finishedAt: Flask.isoTimestamp(status.finishedAt!)
        },
        group: { id: row.groupId, name: state.group(row.groupId).name },
        results: board.columns.filter((column) => column.name in results).map((column) => ({
          name: column.name,
          value: column.dtype === "float" && typeof results[column.name] === "number"
            ? new Flask.PythonFloat(results[column.name] as number)
            : results[column.name]
        }))
      })),
      postproc: postproc === undefined ? undefined : postprocHandle(postproc)
    }
  }

  return { runDescriptor, runHandle, postprocHandle, uploadDoc, leaderboard }
}

const contentTypeOf = (name: string): string =>
  name.endsWith(".json")
    ? "application/json"
    : name.endsWith(".txt")
    ? "text/plain; charset=utf-8"
    : name.endsWith(".tar.gz")
    ? "application/gzip"
    : "application/octet-stream"

/**
 * A file as an attachment: bytes with their length, or a fresh stream for large ones.
 *
 * @since 0.1.0
 */
export const fileResponse = (
  request: Request,
  name: string,
  content: Uint8Array | (() => ReadableStream<Uint8Array>),
  options: { readonly contentType?: string | undefined; readonly size?: number | undefined } = {}
): Response => {
  const headers: Record<string, string> = {
    "content-type": options.contentType ?? contentTypeOf(name),
    "content-disposition": `attachment; filename=${name.split("/").pop()}`,
    ...Flask.corsHeaders(request)
  }
  const size = content instanceof Uint8Array ? content.length : options.size
  if (size !== undefined) headers["content-length"] = String(size)
  return new Response(content instanceof Uint8Array ? content as Uint8Array<ArrayBuffer> : content(), {
    status: 200,
    headers
  })
}

/**
 * The bytes of result files, for an archive (archives are built whole: keep archived files small).
 *
 * @since 0.1.0
 */
export const archiveResponse = async (
  request: Request,
  name: string,
  files: ReadonlyArray<{ readonly seed: ResultFileSeed }>,
  mtimeMillis: number
): Promise<Response> => {
  const entries: Array<{ name: string; bytes: Uint8Array }> = []
  for (const file of files) {
    const content = contentBytes(file.seed.content)
    const bytes = content instanceof Uint8Array ? content : new Uint8Array(await new Response(content()).arrayBuffer())
    entries.push({ name: file.seed.name, bytes })
  }
  return fileResponse(request, name, tarGz(entries, mtimeMillis))
}
