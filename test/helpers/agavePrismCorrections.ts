/**
 * Where Prism, serving AgavePy's description converted to OpenAPI 3, differs from the Agave servers,
 * and what `test/agave/prism.test.ts` does about it — each with its reason. The servers win: the SDK
 * is never loosened for the mock. A correction either
 * - rewrites the JSON body of a request before Prism sees it, adding what the description requires
 *   and the servers do without (the SDK sends what the servers take),
 * - rewrites Prism's answer into what the servers send, or
 * - names a refusal the test expects: Prism refuses the request, and must, since the servers take
 *   something the description does not allow; the call then fails with the tag the test expects.
 * Every correction must still be needed: the test runs each call without each of its fixes and
 * expects it to fail, and expects every refusal listed here to happen (and no other).
 */
import { AgaveRecords } from "../../src/agave/records/index.js"
import type * as Endpoint from "../../src/core/Endpoint.js"
import { actorFixes, actorPartRefusals, actorRefusals, actorsUnanswered } from "./agavePrismActorCorrections.js"
import type { PrismCorrection } from "./agavePrismEdits.js"
import { adding, record, result } from "./agavePrismEdits.js"
import { metaFixes, metaRefusals } from "./agavePrismMetaCorrections.js"
import { editJson } from "./mockAnswers.js"

export type { PrismCorrection } from "./agavePrismEdits.js"

const described = (modules: ReadonlyArray<keyof typeof AgaveRecords>) =>
  modules.flatMap((module) =>
    Object.entries(AgaveRecords[module] as Readonly<Record<string, Endpoint.Any>>).map(([name, r]) => ({
      id: `${module}.${name}`,
      enveloped: r.envelope
    }))
  )

const refusals = [
  {
    operations: ["profiles.create", "profiles.update"],
    difference: "Prism refuses the form body",
    reason: "the profiles service reads a form of snake_case fields (see the deviations); the description " +
      "declares a JSON string body, which the servers do not read",
    refusal: "400 Supported content types: application/json"
  },
  {
    operations: ["apps.listBySystemId"],
    difference: "Prism refuses privateOnly=false",
    reason: "the description types publicOnly and privateOnly boolean with the enum [\"true\", \"false\"] " +
      "(strings): no value satisfies both, and Prism reads the value as a boolean. The SDK sends true or " +
      "false, which the servers read",
    refusal: "422 Request query parameter privateonly must be equal to one of the allowed values: true, false"
  },
  {
    operations: ["jobs.deletePermissionsForUser"],
    difference: "Prism refuses every request: its path parameter uniqueName cannot be given",
    reason: "the description declares a uniqueName path parameter its path /jobs/v2/{jobId}/pems/{username} " +
      "does not have (see the deviations); no request satisfies it",
    refusal: "422 Request path must have required property 'uniquename'"
  },
  {
    operations: ["jobs.downloadOutput"],
    difference: "Prism cannot answer a download of a job output",
    reason: "the description declares the bytes as application/octet-stream; Prism makes no example of " +
      "them: without an Accept header (the SDK sends none, any type will do) it looks for JSON and answers " +
      "406, and asked for application/octet-stream it fails with 500. A limit of the mock, so the call " +
      "fails with InvalidRequest (406: the request as sent is refused); the test server's tour checks the bytes",
    refusal: "406 The server cannot produce a representation for your accept header"
  }
] as const satisfies ReadonlyArray<PrismCorrection>

const refused: ReadonlySet<string> = new Set(
  [...refusals, ...metaRefusals, ...actorRefusals].flatMap((c) => c.operations)
)
// Prism answers these without a body: a correction makes their whole answer, status and all.
const unanswered: ReadonlySet<string> = new Set(actorsUnanswered)

/** Every correction, with its reason. */
export const prismCorrections: ReadonlyArray<PrismCorrection> = [
  {
    operations: described(["profiles", "systems", "apps", "files", "jobs", "meta", "notifications", "actors"])
      .filter((op) => op.enveloped && !refused.has(op.id) && !unanswered.has(op.id))
      .map((op) => op.id),
    difference: "status \"string\" in every envelope",
    reason: "the description types the envelope's status as any string (\"success or failure\"); the servers " +
      "send success or error, and the SDK reads the envelope by it. Prism's answers get status success",
    fix: { answer: (answer) => editJson(answer, (json) => record(json) ? { ...json, status: "success" } : json) }
  },
  {
    operations: ["systems.add", "systems.update"],
    difference: "request without status",
    reason: "the description requires a system's status; the servers default it to UP, and the SDK leaves it " +
      "optional. The test adds status UP",
    fix: { request: adding({ status: "UP" }) }
  },
  {
    operations: ["apps.add", "apps.update"],
    difference: "request without available, inputs' details and semantics",
    reason: "the description requires them (and an ontology in an input's semantics); the servers make a " +
      "new app available unless told otherwise, and take an input without details or semantics. The " +
      "test adds them",
    fix: {
      request: (json) => {
        const app = adding({ available: true })(json)
        if (!record(app) || !Array.isArray(app["inputs"])) return app
        return { ...app, inputs: app["inputs"].map(adding({ details: {}, semantics: { ontology: [] } })) }
      }
    }
  },
  {
    operations: ["jobs.submit"],
    difference: "request without archive and parameters",
    reason: "the description requires them; the servers take a job without them (archiving has a " +
      "default, and parameters left out take the app's defaults). The test adds archive false and no " +
      "parameters",
    fix: { request: adding({ archive: false, parameters: {} }) }
  },
  {
    operations: [
      "apps.updatePermissionsForUser",
      "jobs.updatePermissionsForUser",
      "meta.updateMetadataPermissionsForUser",
      "meta.updateSchemaPermissionsForUser"
    ],
    difference: "request without username in the body",
    reason: "the description requires the user in the body as well; the servers read it from the path, " +
      "where the SDK puts it. The test copies it into the body",
    fix: {
      request: (json, url) => adding({ username: decodeURIComponent(url.pathname.split("/").at(-1) ?? "") })(json)
    }
  },
  {
    operations: ["files.listPermissions", "files.listPermissionsOnDefaultSystem", "files.updatePermissions"],
    difference: "file permissions as {owner, name, permissions[]}",
    reason: "the description models a file's permissions as one {owner, name, permissions[]} object; the " +
      "servers answer the entries themselves, one per user (see the deviations). The test lists the entries",
    fix: {
      answer: (answer) =>
        editJson(
          answer,
          result((list) =>
            Array.isArray(list)
              ? list.flatMap((entry) =>
                record(entry) && Array.isArray(entry["permissions"]) ? entry["permissions"] : []
              )
              : list
          )
        )
    }
  },
  {
    operations: ["jobs.get", "jobs.manage", "jobs.submit"],
    difference: "a job's notifications without event",
    reason: "the conversion to OpenAPI 3 put the eight modules' models in one namespace, where the " +
      "notifications service's Notification (uuid, attempts, success, …) replaced the jobs module's " +
      "{url, event, persistent}; the servers send the latter. The test adds the event",
    fix: {
      answer: (answer) =>
        editJson(
          answer,
          result((job) =>
            record(job) && Array.isArray(job["notifications"])
              ? { ...job, notifications: job["notifications"].map(adding({ event: "*" })) }
              : job
          )
        )
    }
  },
  ...metaFixes,
  ...actorFixes,
  ...refusals,
  ...metaRefusals,
  ...actorRefusals,
  ...actorPartRefusals
]
