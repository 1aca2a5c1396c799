/**
 * The workflows the flowserv test server starts with: the `helloworld` demo of rob-webapi-flask's
 * tests, and a second one so that listings across workflows have something to cross.
 *
 * @since 0.1.0
 */
import type { ParameterDoc, WorkflowSeed } from "./FlowservState.js"

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
 * @since 0.1.0
 */
export const helloworld: WorkflowSeed = {
  id: "helloworld",
  name: "Hello World",
  description: "Hello World Demo",
  parameters: helloworldParameters
}

/**
 * @since 0.1.0
 */
export const helloworld2: WorkflowSeed = {
  id: "helloworld2",
  name: "Hello World 2",
  description: "Hello World 2 Demo",
  parameters: helloworldParameters
}

/**
 * The default seed.
 *
 * @since 0.1.0
 */
export const defaultWorkflows: ReadonlyArray<WorkflowSeed> = [helloworld, helloworld2]
