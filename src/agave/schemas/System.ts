/**
 * Systems: storage systems (where files live) and execution systems (where jobs run), their users'
 * roles and their login and storage credentials.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Links, NumberOrString, openLiteral, opt } from "./Common.js"

/**
 * `STORAGE` or `EXECUTION`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SystemType = openLiteral("STORAGE", "EXECUTION")

/**
 * A system's reported state.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SystemStatus = openLiteral("UP", "DOWN", "MAINTENANCE", "UNKNOWN")

/**
 * How the files of a storage configuration are reached.
 *
 * @since 0.1.0
 * @category schemas
 */
export const StorageProtocol = openLiteral("GRIDFTP", "FTP", "SFTP", "IRODS", "IRODS4", "LOCAL", "S3", "AZURE")

/**
 * How jobs are submitted on an execution system.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ExecutionType = openLiteral("HPC", "CONDOR", "CLI")

/**
 * The batch scheduler of an execution system.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Scheduler = openLiteral(
  "COBALT",
  "CONDOR",
  "FORK",
  "LOADLEVELER",
  "LSF",
  "MOAB",
  "PBS",
  "SGE",
  "SLURM",
  "TORQUE",
  "CUSTOM_LSF",
  "CUSTOM_PBS",
  "CUSTOM_SLURM",
  "CUSTOM_TORQUE",
  "UNKNOWN"
)

/**
 * Kinds of authentication of a login or storage configuration.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AuthType = openLiteral("APIKEYS", "LOCAL", "PAM", "PASSWORD", "SSHKEYS", "TOKEN", "X509", "ANONYMOUS")

/**
 * A credential server (MyProxy, OA4MP).
 *
 * @since 0.1.0
 * @category schemas
 */
export const CredentialServer = Schema.Struct({
  name: opt(Schema.String),
  endpoint: opt(Schema.String),
  port: opt(NumberOrString),
  protocol: opt(openLiteral("MYPROXY", "OA4MP", "MPG"))
})

/**
 * An authentication configuration as the server shows it (it never sends the secrets back; any it
 * did send are not decoded).
 *
 * @since 0.1.0
 * @category schemas
 */
export const AuthConfig = Schema.Struct({
  type: opt(AuthType),
  username: opt(Schema.String),
  internalUsername: opt(Schema.String),
  server: opt(CredentialServer)
})

/**
 * Where and how a system stores files.
 *
 * @since 0.1.0
 * @category schemas
 */
export const StorageConfig = Schema.Struct({
  host: opt(Schema.String),
  port: opt(NumberOrString),
  protocol: opt(StorageProtocol),
  rootDir: opt(Schema.String),
  homeDir: opt(Schema.String),
  mirror: opt(Schema.Boolean),
  proxy: opt(Schema.Unknown),
  publicAppsDir: opt(Schema.String),
  zone: opt(Schema.String),
  resource: opt(Schema.String),
  bucket: opt(Schema.String),
  container: opt(Schema.String),
  auth: opt(AuthConfig)
})

/**
 * How the SDK's server logs into an execution system.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LoginConfig = Schema.Struct({
  host: opt(Schema.String),
  port: opt(NumberOrString),
  protocol: opt(openLiteral("GSISSH", "SSH", "LOCAL")),
  proxy: opt(Schema.Unknown),
  auth: opt(AuthConfig)
})

/**
 * A batch queue of an execution system.
 *
 * @since 0.1.0
 * @category schemas
 */
export const BatchQueue = Schema.Struct({
  name: Schema.String,
  mappedName: opt(Schema.String),
  description: opt(Schema.String),
  default: opt(Schema.Boolean),
  maxJobs: opt(NumberOrString),
  maxUserJobs: opt(NumberOrString),
  maxNodes: opt(NumberOrString),
  maxMemoryPerNode: opt(NumberOrString),
  maxProcessorsPerNode: opt(NumberOrString),
  maxRequestedTime: opt(Schema.String),
  customDirectives: opt(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface BatchQueue extends Schema.Schema.Type<typeof BatchQueue> {}

const summaryFields = {
  id: Schema.String,
  name: opt(Schema.String),
  type: opt(SystemType),
  description: opt(Schema.String),
  status: opt(SystemStatus),
  public: opt(Schema.Boolean),
  default: opt(Schema.Boolean),
  _links: opt(Links)
}

/**
 * A system in a listing.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SystemSummary = Schema.Struct(summaryFields)

/**
 * @since 0.1.0
 * @category models
 */
export interface SystemSummary extends Schema.Schema.Type<typeof SystemSummary> {}

/**
 * A system's full description.
 *
 * @since 0.1.0
 * @category schemas
 */
export const System = Schema.Struct({
  ...summaryFields,
  uuid: opt(Schema.String),
  owner: opt(Schema.String),
  site: opt(Schema.String),
  revision: opt(Schema.Number),
  available: opt(Schema.Boolean),
  globalDefault: opt(Schema.Boolean),
  lastModified: opt(Schema.String),
  storage: opt(StorageConfig),
  login: opt(LoginConfig),
  executionType: opt(ExecutionType),
  scheduler: opt(Scheduler),
  environment: opt(Schema.String),
  startupScript: opt(Schema.String),
  maxSystemJobs: opt(NumberOrString),
  maxSystemJobsPerUser: opt(NumberOrString),
  workDir: opt(Schema.String),
  scratchDir: opt(Schema.String),
  queues: opt(Schema.Array(BatchQueue))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface System extends Schema.Schema.Type<typeof System> {}

/**
 * Credentials of a login or storage configuration, or of an internal user: secrets are `Redacted`
 * and leave the process only in the request body.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AuthRequest = Schema.Struct({
  type: AuthType,
  username: Schema.optional(Schema.String),
  internalUsername: Schema.optional(Schema.String),
  password: Schema.optional(Schema.Redacted(Schema.String)),
  credential: Schema.optional(Schema.Redacted(Schema.String)),
  publicKey: Schema.optional(Schema.String),
  privateKey: Schema.optional(Schema.Redacted(Schema.String)),
  caCerts: Schema.optional(Schema.String),
  server: Schema.optional(CredentialServer)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface AuthRequest extends Schema.Schema.Type<typeof AuthRequest> {}

/**
 * A system to register or the new description of one (`systems.add`, `systems.update`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const SystemRequest = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  type: SystemType,
  status: Schema.optional(SystemStatus),
  description: Schema.optional(Schema.String),
  site: Schema.optional(Schema.String),
  available: Schema.optional(Schema.Boolean),
  storage: Schema.Struct({
    ...StorageConfig.fields,
    auth: Schema.optional(AuthRequest)
  }),
  login: Schema.optional(Schema.Struct({ ...LoginConfig.fields, auth: Schema.optional(AuthRequest) })),
  executionType: Schema.optional(ExecutionType),
  scheduler: Schema.optional(Scheduler),
  environment: Schema.optional(Schema.String),
  startupScript: Schema.optional(Schema.String),
  maxSystemJobs: Schema.optional(Schema.Number),
  maxSystemJobsPerUser: Schema.optional(Schema.Number),
  workDir: Schema.optional(Schema.String),
  scratchDir: Schema.optional(Schema.String),
  queues: Schema.optional(Schema.Array(BatchQueue))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface SystemRequest extends Schema.Schema.Type<typeof SystemRequest> {}

/**
 * The secrets a system description carries, for scrubbing from errors.
 *
 * @since 0.1.0
 * @category secrets
 */
export const systemRequestSecrets = (request: SystemRequest) => [
  ...authSecrets(request.storage.auth),
  ...authSecrets(request.login?.auth)
]

/**
 * The secrets of a credential.
 *
 * @since 0.1.0
 * @category secrets
 */
export const authSecrets = (auth: AuthRequest | undefined) =>
  auth === undefined ? [] : [auth.password, auth.credential, auth.privateKey].filter((secret) => secret !== undefined)

/**
 * What `systems.manage` can do.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SystemAction = openLiteral(
  "ENABLE",
  "DISABLE",
  "PUBLISH",
  "UNPUBLISH",
  "SETDEFAULT",
  "UNSETDEFAULT",
  "SETGLOBALDEFAULT",
  "UNSETGLOBALDEFAULT",
  "CLONE"
)

/**
 * An action on a system; `id` names the clone for `CLONE`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SystemOperationRequest = Schema.Struct({
  action: SystemAction,
  id: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface SystemOperationRequest extends Schema.Schema.Type<typeof SystemOperationRequest> {}

/**
 * A user's role on a system.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SystemRoleName = openLiteral("GUEST", "USER", "PUBLISHER", "ADMIN", "OWNER", "NONE")

/**
 * A user's role on a system, as listed.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SystemRole = Schema.Struct({
  username: Schema.String,
  role: opt(SystemRoleName),
  created: opt(Schema.String),
  lastUpdated: opt(Schema.String),
  _links: opt(Links)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface SystemRole extends Schema.Schema.Type<typeof SystemRole> {}

/**
 * A role to grant: the user is in the path or in the body.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SystemRoleRequest = Schema.Struct({
  username: Schema.optional(Schema.String),
  role: SystemRoleName
})

/**
 * @since 0.1.0
 * @category models
 */
export interface SystemRoleRequest extends Schema.Schema.Type<typeof SystemRoleRequest> {}

/**
 * `LOGIN` or `STORAGE`: which configuration of a system a credential serves.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CredentialType = openLiteral("LOGIN", "STORAGE")

/**
 * A stored credential, as the server lists it (without its secrets).
 *
 * @since 0.1.0
 * @category schemas
 */
export const StoredCredential = Schema.Struct({
  internalUsername: opt(Schema.String),
  username: opt(Schema.String),
  type: opt(AuthType),
  parentType: opt(CredentialType),
  default: opt(Schema.Boolean),
  valid: opt(Schema.Boolean),
  expirationDate: opt(Schema.String),
  publicKey: opt(Schema.String),
  server: opt(CredentialServer),
  _links: opt(Links)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface StoredCredential extends Schema.Schema.Type<typeof StoredCredential> {}
