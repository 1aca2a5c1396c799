/**
 * Every exchange of the tour of the 106 operations of part 1, metadata and notifications, and of the
 * 30 actors (Abaco) operations in both of Abaco's cases, as the Agave test server recorded it, against
 * AgavePy's description converted to OpenAPI 3 — with the corrections the servers make to it, each
 * listed with its reason.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { AgaveTestServer } from "../../src/testkit/agave/AgaveTestServer.js"
import * as ActorsTour from "../helpers/actorsTour.js"
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

/** Where Abaco (and so the test server) differs from the converted description of the actors service. */
const actorCorrections: ReadonlyArray<
  { readonly problem: RegExp; readonly reason: string; readonly only?: "camel" | "snake" }
> = [
  {
    problem: /^GET \/actors\/v2(\/search\/\w+)?\?[^ ]* → 200: response 200 \/result must be array$/,
    reason: "asked with any query (limit and skip, search terms), Abaco answers a listing as a search page " +
      "{_metadata, search} (Abaco 1.6's search; its OpenAPI 3 documents the search)"
  },
  {
    problem: /^GET \/actors\/v2\/search\/\w+\?[^ ]* → 200: a body on a 200 declared without content$/,
    reason: "the description declares no answer for getSearch (its searchDatabase model is never defined); " +
      "the server answers a search page"
  },
  {
    problem: /^GET \/actors\/v2(\/search\/\w+)?\?[^ ]* → 200: query parameter search is not declared$/,
    reason: "Abaco searches with search (full text), as its OpenAPI 3 declares; AgavePy's description names a q " +
      "the server does not read"
  },
  {
    problem: /^POST \/actors\/v2\/\w+\/messages\?[^ ]* → 200: query parameter (?!x-nonce )\S+ is not declared$/,
    reason: "a message's environment variables are query parameters of their own (Abaco passes every one to the " +
      "execution); the description declares one `environment` parameter"
  },
  {
    problem: /^POST \/actors\/v2\/\w+\/messages[^ ]* → 200: response 200 \/result\/msg must be string$/,
    reason: "the server echoes the message as the actor got it: a JSON message comes back as JSON"
  },
  {
    problem:
      /^POST \/actors\/v2\/\w+\/messages[^ ]* → 200: body media type application\/octet-stream is not among application\/json$/,
    reason: "a binary message is sent as application/octet-stream (Abaco's OpenAPI 3 sendMessage); the " +
      "description knows JSON alone"
  },
  {
    problem: /\/results → 200: response media type application\/octet-stream is not among application\/json$/,
    reason: "an execution's result is the bytes the actor sent, as application/octet-stream outside the envelope"
  },
  {
    problem: /^DELETE \/actors\/v2\/\w+\/messages → 200: a body on a 200 declared without content$/,
    reason: "the description declares no answer for deleteMessages; the server answers {msg, _links} in its envelope"
  },
  {
    problem: /\/state → 200: (response 200 \/result\/state|body \/) must be string$/,
    reason: "an actor's state is any JSON value, sent and answered as such (Abaco's OpenAPI 3)"
  },
  {
    problem: /^DELETE \/actors\/v2\/[^ ]+ → 200: response 200 \/result must be string$/,
    reason: "the Empty*Response models type result String; the server answers null (Abaco's OpenAPI 3: " +
      "nullable, enum [null])"
  },
  {
    problem: /\?x-nonce=[^ ]* → 200: (query parameter x-nonce is not declared|no credential for any of .*)$/,
    reason: "a call with an actor's nonce carries it in the x-nonce query parameter instead of a token (the " +
      "nonce scheme of Abaco's OpenAPI 3); AgavePy's description knows OAuth alone"
  },
  {
    problem: /\/nonces(\/[^ ]+)? → 200: response 200 \/result(\/0)?\/max_uses must be string$/,
    reason: "a snake_case Abaco sends a nonce's max_uses as a number (-1 for unlimited); the description types " +
      "it string",
    only: "snake"
  },
  {
    problem: /^GET \/actors\/v2\/\w+ → 404: status 404 is not declared$/,
    reason: "the description declares 200, 403 and 500; Abaco answers a missing actor with 404 (\"No actor " +
      "found with id: X.\")"
  }
]

describe("the Agave test server's actors exchanges against AgavePy's description", () => {
  for (const shown of ["camel", "snake"] as const) {
    it.effect(`every exchange of the tour of the 30 actors operations, Abaco in ${shown} case`, () =>
      Effect.gen(function*() {
        yield* ActorsTour.tour
        const server = yield* AgaveTestServer
        const exchanges = server.exchanges().filter((exchange) => new URL(exchange.request.url).pathname !== "/token")
        assert.isAbove(exchanges.length, 50)
        assert.strictEqual(server.dropped(), 0)
        const problems = contract.exchangeProblems(exchanges)
        const corrections = actorCorrections.filter((c) => c.only === undefined || c.only === shown)
        assert.deepStrictEqual(problems.filter((problem) => !corrections.some((c) => c.problem.test(problem))), [])
        const unused = corrections.filter((c) => !problems.some((problem) => c.problem.test(problem)))
        assert.deepStrictEqual(unused.map((c) => c.reason), [])
      }).pipe(Effect.provide(agaveLayer(login, { recordBodies: true, recordLimit: 10_000, actors: { case: shown } }))))
  }
})
