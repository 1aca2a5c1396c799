/**
 * Apps: registered applications that jobs run, their inputs, parameters and outputs, and who may use
 * them.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Json, Links, NumberOrString, openLiteral, opt } from "./Common.js"

/**
 * How an app's job is run.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AppExecutionType = openLiteral("ATMOSPHERE", "HPC", "CONDOR", "CLI")

/**
 * How an app uses processors.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Parallelism = openLiteral("SERIAL", "PARALLEL", "PTHREAD")

const summaryFields = {
  id: Schema.String,
  name: opt(Schema.String),
  version: opt(Schema.String),
  revision: opt(Schema.Number),
  label: opt(Schema.String),
  executionSystem: opt(Schema.String),
  shortDescription: opt(Schema.String),
  isPublic: opt(Schema.Boolean),
  lastModified: opt(Schema.String),
  _links: opt(Links)
}

/**
 * An app in a listing.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AppSummary = Schema.Struct(summaryFields)

/**
 * @since 0.1.0
 * @category models
 */
export interface AppSummary extends Schema.Schema.Type<typeof AppSummary> {}

/**
 * How an argument is shown and passed.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ArgumentDetails = Schema.Struct({
  label: opt(Schema.String),
  description: opt(Schema.String),
  argument: opt(Schema.String),
  showArgument: opt(Schema.Boolean),
  repeatArgument: opt(Schema.Boolean)
})

/**
 * What an argument means, and how many values it takes.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ArgumentSemantics = Schema.Struct({
  ontology: opt(Schema.Array(Schema.String)),
  minCardinality: opt(Schema.Number),
  maxCardinality: opt(Schema.Number),
  fileTypes: opt(Schema.Array(Schema.String))
})

// The server names the default `default`; AgavePy's description `defaultValue`: both are read as sent.
const valueFields = {
  default: opt(Json),
  defaultValue: opt(Json),
  order: opt(Schema.Number),
  required: opt(Schema.Boolean),
  validator: opt(Schema.String),
  visible: opt(Schema.Boolean),
  enquote: opt(Schema.Boolean)
}

/**
 * A file input of an app.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AppInput = Schema.Struct({
  id: Schema.String,
  value: opt(Schema.Struct(valueFields)),
  details: opt(ArgumentDetails),
  semantics: opt(ArgumentSemantics)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface AppInput extends Schema.Schema.Type<typeof AppInput> {}

/**
 * The type of a parameter's value.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ParameterType = openLiteral("string", "number", "enumeration", "bool", "flag")

/**
 * A parameter of an app.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AppParameter = Schema.Struct({
  id: Schema.String,
  value: opt(Schema.Struct({
    ...valueFields,
    type: opt(ParameterType),
    enum_values: opt(Schema.Array(Json)),
    enumValues: opt(Schema.Array(Json))
  })),
  details: opt(ArgumentDetails),
  semantics: opt(ArgumentSemantics)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface AppParameter extends Schema.Schema.Type<typeof AppParameter> {}

/**
 * An output of an app.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AppOutput = Schema.Struct({
  id: Schema.String,
  value: opt(Schema.Struct(valueFields)),
  details: opt(ArgumentDetails),
  semantics: opt(ArgumentSemantics)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface AppOutput extends Schema.Schema.Type<typeof AppOutput> {}

const descriptionFields = {
  available: opt(Schema.Boolean),
  checkpointable: opt(Schema.Boolean),
  defaultMaxRunTime: opt(Schema.String),
  defaultMemoryPerNode: opt(NumberOrString),
  defaultNodeCount: opt(NumberOrString),
  defaultProcessorsPerNode: opt(NumberOrString),
  defaultQueue: opt(Schema.String),
  deploymentPath: opt(Schema.String),
  deploymentSystem: opt(Schema.String),
  executionType: opt(AppExecutionType),
  parallelism: opt(Parallelism),
  helpURI: opt(Schema.String),
  icon: opt(Schema.String),
  longDescription: opt(Schema.String),
  modules: opt(Schema.Array(Schema.String)),
  ontology: opt(Schema.Array(Schema.String)),
  tags: opt(Schema.Array(Schema.String)),
  templatePath: opt(Schema.String),
  testPath: opt(Schema.String),
  inputs: opt(Schema.Array(AppInput)),
  parameters: opt(Schema.Array(AppParameter)),
  outputs: opt(Schema.Array(AppOutput))
}

/**
 * An app's full description.
 *
 * @since 0.1.0
 * @category schemas
 */
export const App = Schema.Struct({
  ...summaryFields,
  ...descriptionFields,
  uuid: opt(Schema.String),
  owner: opt(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface App extends Schema.Schema.Type<typeof App> {}

/**
 * An app to register, or the new description of one (`apps.add`, `apps.update`). `name` and
 * `version` make its id; the server checks the rest.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AppRequest = Schema.Struct({
  name: Schema.String,
  version: Schema.String,
  label: Schema.optional(Schema.String),
  executionSystem: Schema.optional(Schema.String),
  shortDescription: Schema.optional(Schema.String),
  ...descriptionFields,
  // AgavePy's request spelling of two of the defaults.
  defaultProcessors: Schema.optional(Schema.Number),
  defaultMemory: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface AppRequest extends Schema.Schema.Type<typeof AppRequest> {}

/**
 * What `apps.manage` can do.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AppAction = openLiteral("publish", "unpublish", "clone", "enable", "disable", "erase")

/**
 * An action on an app; `clone` and `publish` may name the copy and where it goes.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AppOperationRequest = Schema.Struct({
  action: AppAction,
  name: Schema.optional(Schema.String),
  version: Schema.optional(Schema.String),
  executionSystem: Schema.optional(Schema.String),
  storageSystem: Schema.optional(Schema.String),
  deploymentPath: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface AppOperationRequest extends Schema.Schema.Type<typeof AppOperationRequest> {}

/**
 * The job submission form of an app (`apps.getJobSubmissionForm`): a JSON description of the fields
 * a job of this app takes, as the server generates it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const JobSubmissionForm = Json
