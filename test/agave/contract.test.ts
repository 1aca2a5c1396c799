/**
 * Every exchange of the tour of the 106 operations, as the Agave test server recorded it, against
 * AgavePy's description converted to OpenAPI 3 — with the corrections the servers make to it, each
 * listed with its reason.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { AgaveTestServer } from "../../src/testkit/agave/AgaveTestServer.js"
import { agaveLayer, login } from "../helpers/agave.js"
import { metaCorrections } from "../helpers/agaveMetaCorrections.js"
import * as MetaTour from "../helpers/agaveMetaTour.js"
import * as Tour from "../helpers/agaveTour.js"
import { loadContract } from "../helpers/openApi.js"

const contract = loadContract({
  path: join(dirname(fileURLToPath(import.meta.url)), "../fixtures/agave/agavepy-8modules.openapi3.converted.json"),
  multiSegment: ["filePath", "sourcefilePath"],
  // Search terms (attribute.operator=value, orderBy, order): the servers read them, the description names none.
  extraQuery: (name) =>
    /^[A-Za-z_$][\w$.-]*\.(eq|neq|lt|lte|gt|gte|like|nlike|rlike|in|nin|on|before|after|between)$/.test(name) ||
    name === "orderBy" || name === "order"
})

/** Where the servers (and so the test server) differ from the converted description, and why. */
const partOne: ReadonlyArray<{ readonly problem: RegExp; readonly reason: string }> = [
  {
    problem: /response 200 \/message must be string$/,
    reason: "a success envelope's message is null (`\"message\" : null` in the guides); the description types it string"
  },
  {
    problem: /→ 200: response 200 \/result must be string$/,
    reason: "the Empty*Response models type `result` string; the servers answer an empty object, or the " +
      "changed resource, for deletes and updates"
  },
  {
    problem:
      /status (201|202|404|400|403|409) is not declared$|a body on a (404|400|403|409) declared without content$/,
    reason: "the description declares a 200 alone; the servers answer 201 for creations, 202 for " +
      "uploads, and error envelopes with their status"
  },
  {
    problem: /\/(memoryPerNode|defaultProcessorsPerNode|defaultNodeCount|defaultMemoryPerNode) must be string$/,
    reason: "the servers send these numbers as numbers (`\"memoryPerNode\" : 32.0`, `\"nodeCount\" : 1`)"
  },
  {
    problem: /\/result\/(startTime|endTime|localId|archivePath|archiveSystem|outputPath) must be string$/,
    reason: "a job that has not started or ended, or that does not archive, has them null"
  },
  {
    problem: /\/outputs\/0\/value must have required property 'type'$/,
    reason: "an app's output has no parameter type (the description reuses ApplicationParameterValue)"
  },
  {
    problem: /body \/defaultMaxRunTime must be integer$/,
    reason: "a run time is HH:MM:SS (`\"defaultMaxRunTime\": \"00:10:00\"`), as the Application model says"
  },
  {
    problem: /body media type application\/x-www-form-urlencoded is not among application\/json$/,
    reason: "the profiles service reads forms (see the deviations)"
  },
  {
    problem: /body \/ must have required property '(status|available|parameters|archive|username)'$/,
    reason: "the servers default a system's status (UP), an app's availability, a job's parameters and " +
      "archiving, and read the user of a role or permission from the path"
  },
  {
    problem: /role must be equal to one of the allowed values$/,
    reason: "the servers know a GUEST role (Swagger 2.0 SystemRoleType); AgavePy's model leaves it out"
  },
  {
    problem: /response 200 \/result must be array$/,
    reason: "listPermissionsForUser answers one entry (the apps sharing guide)"
  },
  {
    problem: /a body on a 200 declared without content$/,
    reason: "downloads are declared without content; the servers send the bytes"
  },
  {
    problem: /^POST \/token → \d+: POST \/token: no such operation$/,
    reason: "the token endpoint is the API gateway's, outside the description"
  },
  {
    problem: /^GET \/jobs\/v2\/[^/]+\/outputs\/listings\/[^ ]* → \d+: .*no such operation$/,
    reason: "the top of a job's outputs has no file path, which the description's template requires"
  },
  {
    problem: /^[A-Z]+ \/files\/v2\/(media|listings|history|pems)(\/[^ ]*)?\/\/[^ ]* → \d+: .*no such operation$/,
    reason: "an absolute path (`/home/…`) makes a doubled slash the description's templates cannot read"
  },
  {
    problem: /(publicOnly|privateOnly): \/ must be equal to one of the allowed values$/,
    reason: "the description's enum for these booleans holds the strings true and false, which is what is sent"
  }
]

const corrections = [...partOne, ...metaCorrections]

describe("the Agave test server's exchanges against AgavePy's description", () => {
  it.effect("every exchange of the tour", () =>
    Effect.gen(function*() {
      yield* Effect.all([Tour.profiles, Tour.systems, Tour.apps, Tour.files, Tour.jobs], { discard: true })
      yield* Effect.all([MetaTour.meta, MetaTour.notifications], { discard: true })
      const server = yield* AgaveTestServer
      const exchanges = server.exchanges()
      assert.isAbove(exchanges.length, 100)
      assert.strictEqual(server.dropped(), 0)
      const problems = contract.exchangeProblems(exchanges)
      assert.deepStrictEqual(problems.filter((problem) => !corrections.some((c) => c.problem.test(problem))), [])
      const unused = corrections.filter((c) => !problems.some((problem) => c.problem.test(problem)))
      assert.deepStrictEqual(unused.map((c) => c.reason), [])
    }).pipe(Effect.provide(agaveLayer(login, { recordBodies: true, recordLimit: 10_000 }))))
})
