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
 * How long a `helloworld` run takes before and after its sleeps on the real server: starting the
 * template's two Python steps. Observed: a run with two names and `sleeptime` 1 lasted 2.33 s from
 * start to finish (probes #178–#186).
 *
 * @since 0.1.0
 */
export const helloworldStartupMillis = 300

// Python's str.strip(): Unicode white space plus the ASCII separators \x1c–\x1f, not U+FEFF.
const pythonStrip = (text: string) =>
  text.replace(
    /^[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g,
    ""
  )

// readlines() of a file opened in text mode: universal newlines; a last line may lack its newline.
const readlines = (text: string): Array<string> => {
  if (text === "") return []
  const lines = text.split(/\r\n|\r|\n/)
  if (lines.at(-1) === "") lines.pop()
  return lines
}

/**
 * The `helloworld` template's behaviour, step by step as its code does it. `helloworld.py` takes
 * every line of the `names` file as a name (stripped; a blank line is a name too), writes
 * `<greeting> <name>!` for each and sleeps `sleeptime` seconds after each one; `analyze.py` then
 * reports the average and the longest line. So a run lasts {@link helloworldStartupMillis} plus
 * `sleeptime` seconds per name: with `sleeptime` 0 it is still RUNNING right after the start.
 * Where the template's Python fails, the run ends in ERROR: a negative `sleeptime` (`time.sleep`
 * refuses it) and a file without names (`analyze.py` divides by zero).
 *
 * @since 0.1.0
 */
export const helloworldScript = (context: RunContext): RunScript => {
  const names = context.argument("names") as { value?: { fileId?: string } } | undefined
  const fileId = names?.value?.fileId
  const content = fileId === undefined ? undefined : context.upload(fileId)
  if (content === undefined) {
    return {
      runningMillis: helloworldStartupMillis,
      outcome: "ERROR",
      messages: ["input file not found: data/names.txt"]
    }
  }
  const greeting = String(context.argument("greeting") ?? "Hello")
  const sleeptime = Number(context.argument("sleeptime") ?? 2)
  const lines = readlines(decoder.decode(content)).map((name) => `${greeting} ${pythonStrip(name)}!`)
  if (sleeptime < 0 && lines.length > 0) {
    return {
      runningMillis: helloworldStartupMillis,
      outcome: "ERROR",
      messages: ["ValueError: sleep length must be non-negative"]
    }
  }
  const runningMillis = helloworldStartupMillis + lines.length * Math.max(0, sleeptime) * 1000
  if (lines.length === 0) {
    return { runningMillis, outcome: "ERROR", messages: ["ZeroDivisionError: division by zero"] }
  }
  // analyze.py strips each written line and measures it in code points.
  const measured = lines.map((line) => pythonStrip(line))
  const lengthOf = (line: string) => [...line].length
  const maxLine = measured.reduce((longest, line) => lengthOf(line) > lengthOf(longest) ? line : longest, "")
  const analytics = {
    avg_count: measured.reduce((sum, line) => sum + lengthOf(line), 0) / measured.length,
    max_len: lengthOf(maxLine),
    max_line: maxLine
  }
  return {
    runningMillis,
    files: [
      { name: "results/greetings.txt", content: lines.map((line) => `${line}\n`).join(""), contentType: "text/plain" },
      { name: "results/analytics.json", content: JSON.stringify(analytics), contentType: "application/json" }
    ],
    results: analytics
  }
}
