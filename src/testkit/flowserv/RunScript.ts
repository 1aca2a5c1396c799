/**
 * How runs of a seeded workflow behave in the flowserv test server: how long they stay PENDING and
 * RUNNING (on Effect's `Clock`, so `TestClock` drives them), how they end, the files they produce and
 * the values they contribute to the leaderboard.
 *
 * @since 0.1.0
 */

/**
 * The content of a file the server serves: bytes, text, or a function returning a fresh stream for
 * each download (for large files that should never be held whole).
 *
 * @since 0.1.0
 */
export type FileContent = Uint8Array | string | (() => ReadableStream<Uint8Array>)

/**
 * A file a run produces.
 *
 * @since 0.1.0
 */
export interface ResultFileSeed {
  /** The path in the run's result folder, e.g. `results/greetings.txt`. */
  readonly name: string
  readonly content: FileContent
  /** The content's length, when `content` is a stream function and the length is known. */
  readonly size?: number
  readonly contentType?: string
  readonly title?: string
  readonly caption?: string
  readonly format?: unknown
  readonly widget?: unknown
}

/**
 * What one run does.
 *
 * @since 0.1.0
 */
export interface RunScript {
  /** Milliseconds in PENDING; 0 by default, so that the start response is already RUNNING, as on the
   *  real server. */
  readonly pendingMillis?: number
  /** Milliseconds in RUNNING; 1000 by default. */
  readonly runningMillis?: number
  /** How the run ends; SUCCESS by default. */
  readonly outcome?: "SUCCESS" | "ERROR"
  /** The messages of an ERROR run. */
  readonly messages?: ReadonlyArray<string>
  /** The files of a SUCCESS run. */
  readonly files?: ReadonlyArray<ResultFileSeed>
  /** The values of a SUCCESS run for the leaderboard, by result column. */
  readonly results?: Readonly<Record<string, unknown>>
}

/**
 * What a script function is told about the run being started.
 *
 * @since 0.1.0
 */
export interface RunContext {
  /** The arguments as sent: `[{ name, value }]`. */
  readonly arguments: ReadonlyArray<{ readonly name: string; readonly value: unknown }>
  /** The value of an argument, or the parameter's default. */
  readonly argument: (name: string) => unknown
  /** The content of a file uploaded to the run's group. */
  readonly upload: (fileId: string) => Uint8Array | undefined
}

/**
 * A workflow's run behaviour: the same for every run, or computed from each run's arguments.
 *
 * @since 0.1.0
 */
export type RunBehaviour = RunScript | ((context: RunContext) => RunScript)

const decoder = new TextDecoder()

/**
 * The `helloworld` template's behaviour: greets every name of the `names` file with `greeting`,
 * sleeping `sleeptime` seconds, and reports the analytics the real template computes.
 *
 * @since 0.1.0
 */
export const helloworldScript = (context: RunContext): RunScript => {
  const names = context.argument("names") as { value?: { fileId?: string } } | undefined
  const fileId = names?.value?.fileId
  const content = fileId === undefined ? undefined : context.upload(fileId)
  if (content === undefined) return { outcome: "ERROR", messages: ["input file not found: data/names.txt"] }
  const greeting = String(context.argument("greeting") ?? "Hello")
  const sleeptime = Number(context.argument("sleeptime") ?? 2)
  const lines = decoder.decode(content).split("\n").map((line) => line.trim()).filter((line) => line.length > 0)
    .map((name) => `${greeting} ${name}!`)
  const maxLine = lines.reduce((longest, line) => line.length > longest.length ? line : longest, "")
  const analytics = {
    avg_count: lines.length === 0 ? 0 : lines.reduce((sum, line) => sum + line.length, 0) / lines.length,
    max_len: maxLine.length,
    max_line: maxLine
  }
  return {
    runningMillis: Math.max(0, sleeptime) * 1000,
    files: [
      { name: "results/greetings.txt", content: lines.join("\n") + "\n", contentType: "text/plain" },
      { name: "results/analytics.json", content: JSON.stringify(analytics), contentType: "application/json" }
    ],
    results: analytics
  }
}
