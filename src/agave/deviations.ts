/**
 * Where the SDK's Agave records differ from AgavePy's description (the Swagger 1.2 files AgavePy loads),
 * and Abaco's own description, and why: in each case the servers win. `test/agave/conformance.test.ts` compares the records with
 * the description and fails on any difference not listed here (and on any listed one that is gone).
 *
 * @since 0.1.0
 */
import { metaDeviations, metaNotes, notificationDeviations } from "./MetaDeviations.js"

/**
 * A difference between a record and AgavePy's description, in the words of the conformance test,
 * and the reason for it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Deviation {
  readonly difference: string
  readonly reason: string
}

const profileSpelling =
  "the profiles service answers snake_case (first_name, last_name, full_name, mobile_phone, create_time; " +
  "see the profiles guide) while the Swagger 1.2 Profile model says camelCase: both spellings are read, " +
  "the server's is exposed"

const profileForm = "the profiles service reads a form (application/x-www-form-urlencoded) of snake_case fields " +
  "(username, password, email, first_name, last_name, phone, mobile_phone), as its guide's curl examples " +
  "send; the description declares a JSON string body"

const credentialList =
  "the description's SystemCredentialsResponse holds one StoredCredential; the server (Swagger 2.0 " +
  "listSystemCredentials) answers a list: one or a list is accepted, a list is exposed"

const secretNotDecoded =
  "the secret fields of a stored credential are never decoded from an answer (the server does not send " +
  "them back; if one did, it would not be kept in a plain string)"

const typedString = "the description types it `String`, which is no Swagger 1.2 type; the server sends a string"

const filePermission =
  "the description models a file's permissions as one {owner, name, permissions[]} object; the server " +
  "answers one entry per user, {username, internalUsername, permission{read,write,execute}, recursive} " +
  "(files-permissions guide, Swagger 2.0)"

const searchTerms =
  "the servers search every collection by its resources' attributes (attribute.operator=value, orderBy, " +
  "order: the search guide); AgavePy's description declares none of them. `search` is no parameter of " +
  "its own: it stands for the terms a `Search` holds"

const abacoCase =
  "Abaco writes its fields in camelCase or in snake_case as it is configured (camelCase by default): both are " +
  "read, camelCase is exposed"

const abacoSearchParams = (what: string) =>
  `given any query parameter, the server answers a search page of ${what} (Abaco 1.6's search) instead of ` +
  "what the description promises; the SDK asks without, and searches with searchExecutions or getSearch"

const abacoQ = "AgavePy's q (a MongoDB query) is no parameter of Abaco's: since 1.6 it searches with search (full " +
  "text) and attribute.operator=value terms (Abaco's OpenAPI 3; its search guide); a q would be read as a term on " +
  "a field named q, matching nothing"

const abacoFullText = "Abaco's full-text search parameter (its OpenAPI 3 declares it), which AgavePy's description " +
  "does not"

const abacoTerms = "Abaco's search terms (attribute.operator=value on its stored fields), built with ActorSearch: " +
  "where is no parameter of its own, it stands for the terms"

const nestedEnvelope = (operation: string, answer: string) =>
  `the description nests a whole envelope in ${operation}'s result; the server answers ${answer}`

/** Where the actors records differ from AgavePy's description of Abaco. */
const actorDeviations: ReadonlyArray<Deviation> = [
  { difference: "actors.list: query -q", reason: abacoQ },
  { difference: "actors.list: query +search", reason: abacoFullText },
  { difference: "actors.list: query +where", reason: abacoTerms },
  { difference: "actors.getSearch: query -q", reason: abacoQ },
  { difference: "actors.getSearch: query +search", reason: abacoFullText },
  { difference: "actors.getSearch: query +where", reason: abacoTerms },
  {
    difference: "actors.getSearch: answer list != one",
    reason: "the description names a searchDatabase model it never defines; the server answers a search page " +
      "{_metadata, search: [...]}, read as a paged listing (a stream of records; getSearchPage for one page)"
  },
  {
    difference: "model ActorMessageResponse.msg: any != string",
    reason: "the server echoes the message as the actor got it: text, or the JSON value sent (binary - omitted " +
      "for bytes), so any JSON value is accepted"
  },
  {
    difference: "actors.sendBinaryMessage: body other != json",
    reason: "a binary message is the bytes themselves, sent as application/octet-stream with their length " +
      "(Abaco's OpenAPI 3 sendMessage; its messages guide); the description declares a JSON MessageRequest"
  },
  {
    difference: "model ActorState.state: any != string",
    reason: "an actor's state is any JSON value (Abaco's OpenAPI 3: an arbitrary JSON-serializable object)"
  },
  {
    difference: "model ActorPermissions.permissions: not decoded",
    reason: "the server answers the permissions themselves, a level per user name ({\"nryan\": \"UPDATE\"}), not " +
      "an object holding a permissions string"
  },
  ...["status", "message", "result"].map((field) => ({
    difference: `model ActorPermissionsResponse.${field}: not decoded`,
    reason: nestedEnvelope("updatePermissions", "the permissions (a level per user), as getPermissions does")
  })),
  {
    difference: "model ActorWorker.last_execution: not decoded",
    reason: "the server sends last_execution_time (lastExecutionTime), a time, not last_execution, a number"
  },
  { difference: "model ActorWorker.host_id: not decoded", reason: `read as hostId: ${abacoCase}` },
  { difference: "model ActorWorker.host_ip: not decoded", reason: `read as hostIp: ${abacoCase}` },
  ...[["actor_id", "actorId"], ["last_use_time", "lastUseTime"], ["max_uses", "maxUses"], [
    "create_time",
    "createTime"
  ], ["remaining_uses", "remainingUses"]].map(([snake, camel]) => ({
    difference: `model ActorNonce.${snake}: not decoded`,
    reason: `read as ${camel}: ${abacoCase}`
  })),
  ...["status", "message", "result"].map((field) => ({
    difference: `model EmptyActorNonceRequestResponse.${field}: not decoded`,
    reason: nestedEnvelope("addNonce", "the new nonce, which is decoded")
  })),
  ...["q", "limit", "skip"].map((name) => ({
    difference: `actors.addWorker: query -${name}`,
    reason: "the description copies a listing's q, limit and skip onto this POST; the server reads none of them " +
      "(the body's num alone)"
  })),
  {
    difference: "actors.addWorker: answer none != one",
    reason: nestedEnvelope(
      "addWorker",
      "null with a message (\"Scheduled 1 new worker(s) to start…\"), so the call " +
        "succeeds with nothing"
    )
  },
  ...["q", "limit", "skip"].map((name) => ({
    difference: `actors.listExecutions: query -${name}`,
    reason: abacoSearchParams("executions")
  })),
  ...["q", "limit", "skip"].map((name) => ({
    difference: `actors.getExecutionLogs: query -${name}`,
    reason: abacoSearchParams("log records")
  })),
  {
    difference: "actors.getOneExecutionResult: answer stream != one",
    reason: "a result is bytes the actor sent, answered as application/octet-stream outside the envelope (each " +
      "read takes one, an empty body when none is left); the description types it a string: it is streamed"
  }
]

/**
 * Every known difference, with its reason.
 *
 * @since 0.1.0
 * @category deviations
 */
export const deviations: ReadonlyArray<Deviation> = [
  ...[
    "profiles.list",
    "systems.list",
    "apps.list",
    "apps.listByName",
    "apps.listByTag",
    "apps.listByOntologyTerm",
    "apps.listBySystemId",
    "jobs.list"
  ].map((operation) => ({ difference: `${operation}: query +search`, reason: searchTerms })),
  { difference: "model Profile.firstName: not decoded", reason: `read as first_name: ${profileSpelling}` },
  { difference: "model Profile.lastName: not decoded", reason: `read as last_name: ${profileSpelling}` },
  { difference: "model Profile.researchArea: not decoded", reason: `read as research_area: ${profileSpelling}` },
  { difference: "profiles.create: body form != json", reason: profileForm },
  { difference: "profiles.update: body form != json", reason: profileForm },
  {
    difference: "profiles.delete: answer none != one",
    reason: "the description says SingleProfileResponse; the server answers an empty result ({}), so the " +
      "call succeeds with nothing"
  },
  { difference: "systems.listCredentials: answer list != one", reason: credentialList },
  { difference: "systems.listCredentialsForInternalUser: answer list != one", reason: credentialList },
  { difference: "systems.listCredentialsForInternalUserByType: answer list != one", reason: credentialList },
  { difference: "model StoredCredential.credential: not decoded", reason: secretNotDecoded },
  { difference: "model StoredCredential.password: not decoded", reason: secretNotDecoded },
  { difference: "model StoredCredential.privateKey: not decoded", reason: secretNotDecoded },
  {
    difference: "apps.getJobSubmissionForm: path /apps/v2/{appId}/form != /apps/v2/{uniqueName}/form",
    reason: "the description declares no parameter for its {uniqueName}, so AgavePy cannot fill it; the " +
      "server (Swagger 2.0 getAppSubmissionForm) names it appId, like every other apps operation"
  },
  {
    difference: "apps.getJobSubmissionForm: path parameter +appId",
    reason: "the description declares no parameters at all for getJobSubmissionForm; the path needs the app's id"
  },
  {
    difference: "apps.getJobSubmissionForm: answer any != string",
    reason: "the description types the form as a string; the server generates a JSON description of the " +
      "form, so any JSON value is accepted as sent"
  },
  { difference: "model FileHistory.status: string != String", reason: typedString },
  { difference: "model FileHistory.description: string != String", reason: typedString },
  { difference: "model JobHistory.status: string != String", reason: typedString },
  { difference: "model JobHistory.description: string != String", reason: typedString },
  { difference: "model Job.outputPath: string != String", reason: typedString },
  { difference: "model FilePermission.owner: not decoded", reason: filePermission },
  { difference: "model FilePermission.name: not decoded", reason: filePermission },
  { difference: "model FilePermission.permissions: not decoded", reason: filePermission },
  {
    difference: "jobs.deletePermissionsForUser: path parameter -uniqueName",
    reason: "the description declares a uniqueName parameter its path /jobs/v2/{jobId}/pems/{username} does " +
      "not have (copied from apps), and no jobId"
  },
  {
    difference: "jobs.deletePermissionsForUser: path parameter +jobId",
    reason: "the path /jobs/v2/{jobId}/pems/{username} needs the job's id, which the description does not declare"
  },
  ...metaDeviations,
  ...notificationDeviations,
  ...actorDeviations
]

/** What the descriptions of Abaco get wrong beyond what the conformance test sees. */
const actorNotes: ReadonlyArray<Deviation> = [
  {
    difference: "actors: one case for requests",
    reason: "Abaco reads a request's multi-word fields in its configured case only (actorId or actor_id, maxUses " +
      "or max_uses): the SDK names each both ways, and the server reads its own"
  },
  {
    difference: "actors: refusals answered 400",
    reason: "Abaco answers permission failures (\"Not authorized -- missing required role.\", a spent nonce) and " +
      "some missing resources (\"No executions found with …\") with 400: AbacoErrors reads them by their message " +
      "(Forbidden, NotFound), and 405 as InvalidRequest"
  },
  {
    difference: "actors: x-nonce",
    reason: "Abaco takes an actor's nonce in the x-nonce query parameter instead of a token (the nonce scheme of " +
      "its OpenAPI 3); AgavePy's description knows OAuth alone. withNonce sends it, kept out of spans and errors"
  },
  {
    difference: "Abaco OpenAPI 3: levels READ, EXECUTE, WRITE",
    reason: "Abaco's levels are NONE, READ, EXECUTE and UPDATE (its codes.PERMISSION_LEVELS)"
  },
  {
    difference: "Abaco OpenAPI 3: updateState answers ActorNonces",
    reason: "the server answers the actor, its new state included"
  },
  {
    difference: "Abaco OpenAPI 3: execution statuses SUBMITTED, RUNNING, COMPLETE",
    reason: "an execution may also end in ERROR; a status the SDK does not know is kept, and waiting goes on"
  },
  {
    difference: "Abaco OpenAPI 3: listActors answers an array of actors",
    reason: "with limit or skip (which a stream sends) the server answers a search page {_metadata, search}; " +
      "without, the whole list: both are read"
  }
]

/**
 * Defects of the descriptions the conformance test does not see, and what the SDK does instead.
 *
 * @since 0.1.0
 * @category deviations
 */
export const notes: ReadonlyArray<Deviation> = [
  {
    difference: "Swagger 2.0: naked required",
    reason: "the Swagger 2.0 description (science-apis) marks the naked query parameter required on every " +
      "operation; it is optional, and the SDK never sends it: every JSON answer is read through the envelope"
  },
  {
    difference: "Swagger 2.0: 200 answers without the envelope",
    reason: "its 200 responses describe the payload as with naked=true; the servers wrap it in " +
      "{status, message, version, result}, which the SDK opens"
  },
  {
    difference: "Notification.url and FileNotificationRequest.url typed integer",
    reason: "a notification's url is an email address or a URL: a string"
  },
  {
    difference: "upload answers: RemoteFile",
    reason: "an upload or import answers the file as queued ({name, uuid, owner, source, path, status: " +
      "STAGING_QUEUED, systemId, nativeFormat}, files guide), decoded as FileImport"
  },
  {
    difference: "listPermissionsForUser (apps, jobs): a list",
    reason: "the servers answer one permission entry (apps sharing guide); one or a list is accepted, a list " +
      "is exposed"
  },
  {
    difference: "files: a path left out names the home directory",
    reason: "AgavePy's description requires every file path (Prism refuses an empty one: \"Request path " +
      "must have required property 'filepath'\"); the files guide makes it optional (\"$PATH (Optional)\", " +
      "read from the home directory of the system's description), so the listings, uploads, manage, history " +
      "and permissions take it optional. Downloads and deletes still require one"
  },
  {
    difference: "systems list: public and default",
    reason: "the Swagger 2.0 model says isPublic and isDefault; the servers (and AgavePy's model) send " +
      "public and default"
  },
  ...metaNotes,
  ...actorNotes
]
