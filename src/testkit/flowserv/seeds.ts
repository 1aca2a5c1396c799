/**
 * The workflows the flowserv test server starts with: the `helloworld` demo of rob-webapi-flask's
 * tests, and a second one so that listings across workflows have something to cross.
 *
 * @since 0.1.0
 */
import type { ParameterDoc, WorkflowSeed } from "./FlowservState.js"
import type { ResultColumn } from "./leaderboard.js"
import type { ResultFileSeed } from "./RunScript.js"
import { helloworldScript } from "./RunScript.js"

/**
 * The three parameters of the `helloworld` template.
 *
 * @since 0.1.0
 */
export const helloworldParameters: ReadonlyArray<ParameterDoc> = [
  { name: "names", index: 0, dtype: "file", isRequired: true, label: "Input file", target: "data/names.txt" },
  { name: "sleeptime", index: 1, dtype: "int", isRequired: false, label: "Sleep time (s)", defaultValue: 2 },
  { name: "greeting", index: 2, dtype: "string", isRequired: false, label: "Greeting", defaultValue: "Hello" }
]

/**
 * The result columns of the `helloworld` template (its leaderboard schema).
 *
 * @since 0.1.0
 */
export const helloworldResults: ReadonlyArray<ResultColumn> = [
  { name: "avg_count", label: "Avg. Characters per Line", dtype: "float" },
  { name: "max_len", label: "Max. Output Line Length", dtype: "float" },
  { name: "max_line", label: "Longest Output Line", dtype: "string" }
]

/**
 * The output of the `helloworld` post-processing step.
 *
 * @since 0.1.0
 */
export const helloworldPostproc: ReadonlyArray<ResultFileSeed> = [
  {
    name: "results/compare.json",
    title: "Results",
    caption: "The results.",
    content: "{\"runs\": []}\n",
    contentType: "application/json"
  }
]

/**
 * @since 0.1.0
 */
export const helloworld: WorkflowSeed = {
  id: "helloworld",
  name: "Hello World",
  description: "Hello World Demo",
  parameters: helloworldParameters,
  results: helloworldResults,
  run: helloworldScript,
  postproc: helloworldPostproc
}

/**
 * @since 0.1.0
 */
export const helloworld2: WorkflowSeed = {
  ...helloworld,
  id: "helloworld2",
  name: "Hello World 2",
  description: "Hello World 2 Demo"
}

/**
 * The default seed.
 *
 * @since 0.1.0
 */
export const defaultWorkflows: ReadonlyArray<WorkflowSeed> = [helloworld, helloworld2]
