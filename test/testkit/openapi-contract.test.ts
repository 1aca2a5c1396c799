/**
 * The generic OpenAPI contract check: it loads ODM's description (3.1, YAML over several files) and
 * AgavePy's (3.0, one JSON file), reads multi-segment path templates, and catches what a description
 * forbids — or the platform tests that rely on it prove nothing.
 */
import { assert, describe, it } from "@effect/vitest"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import type { Exchange, RecordedRequest } from "../../src/testkit/index.js"
import { odmContract } from "../helpers/odmOpenApi.js"
import { loadContract } from "../helpers/openApi.js"

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "../fixtures")
const agave = loadContract({
  path: join(fixtures, "agave/agavepy-8modules.openapi3.converted.json"),
  multiSegment: ["filePath", "sourcefilePath"]
})

const request = (
  method: string,
  path: string,
  options: { readonly body?: string; readonly headers?: Record<string, string>; readonly omitted?: "binary" } = {}
): RecordedRequest => ({
  method,
  url: `https://tenant.example.org${path}`,
  headers: { authorization: "Bearer t", ...options.headers },
  body: options.body,
  ...(options.omitted === undefined ? {} : { bodyOmitted: options.omitted })
})

const exchange = (request: RecordedRequest, status: number, body: unknown): Exchange => ({
  request,
  status,
  contentType: "application/json",
  body: JSON.stringify(body)
})

describe("the OpenAPI contract check", () => {
  it("loads ODM's description and AgavePy's, every operation of both", () => {
    assert.sameMembers([...odmContract.operations], [
      "GET /api/v1/scim/Groups",
      "POST /api/v1/scim/Groups",
      "GET /api/v1/scim/Groups/{id}",
      "PATCH /api/v1/scim/Groups/{id}",
      "DELETE /api/v1/scim/Groups/{id}",
      "GET /api/v1/scim/Users",
      "POST /api/v1/scim/Users",
      "GET /api/v1/scim/Users/{id}",
      "PATCH /api/v1/scim/Users/{id}",
      "DELETE /api/v1/scim/Users/{id}"
    ])
    assert.strictEqual(agave.operations.length, 135)
  })

  it("multi-segment file paths, the most specific template, and a literal trailing slash", () => {
    const listing = agave.find("GET", "/files/v2/listings/system/storage-1/home/alice/dir%20a/file.txt")
    assert.strictEqual(listing?.template, "/files/v2/listings/system/{systemId}/{filePath}")
    assert.deepStrictEqual(listing?.params, { systemId: "storage-1", filePath: "home/alice/dir a/file.txt" })
    assert.strictEqual(
      agave.find("GET", "/files/v2/media/system/s1/a/b.txt")?.template,
      "/files/v2/media/system/{systemId}/{filePath}"
    )
    assert.strictEqual(agave.find("GET", "/files/v2/media/a/b.txt")?.template, "/files/v2/media/{sourcefilePath}")
    assert.strictEqual(agave.find("GET", "/apps/v2/name/head-1.0")?.template, "/apps/v2/name/{name}")
    assert.strictEqual(agave.find("GET", "/apps/v2/head-1.0")?.template, "/apps/v2/{appId}")
    assert.strictEqual(agave.find("GET", "/apps/v2/")?.template, "/apps/v2/")
    assert.isUndefined(agave.find("GET", "/apps/v2"))
    // Empty segments are not a file path.
    assert.isUndefined(agave.find("GET", "/files/v2/listings/system/s1/a//b"))
    assert.isUndefined(agave.find("GET", "/files/v2/listings/system/s1/"))
    assert.deepStrictEqual(agave.requestProblems(request("GET", "/apps/v2")), ["GET /apps/v2: no such operation"])
  })

  it("checks Agave requests: parameter types, security, media types, JSON bodies", () => {
    assert.deepStrictEqual(agave.requestProblems(request("GET", "/jobs/v2/?limit=10&offset=20")), [])
    assert.match(agave.requestProblems(request("GET", "/jobs/v2/?limit=ten")).join(), /limit: \/ must be integer/)
    assert.match(agave.requestProblems(request("GET", "/jobs/v2/?limit=9999999999")).join(), /int32/)
    assert.match(agave.requestProblems(request("GET", "/jobs/v2/?status.eq=FINISHED")).join(), /not declared/)
    const searching = loadContract({
      path: join(fixtures, "agave/agavepy-8modules.openapi3.converted.json"),
      extraQuery: (name) =>
        /^[\w.]+\.(eq|neq|lt|lte|gt|gte|like|nlike|rlike|in|nin|on|before|after|between)$/.test(name)
    })
    assert.deepStrictEqual(searching.requestProblems(request("GET", "/jobs/v2/?status.eq=FINISHED")), [])
    assert.match(
      agave.requestProblems(request("GET", "/jobs/v2/", { headers: { authorization: "" } })).join(),
      /no credential for any of oauth2_accessCode \(oauth2\), oauth2_implicit \(oauth2\)/
    )
    // A JSON body by a `$ref` to components.requestBodies.
    assert.deepStrictEqual(
      agave.requestProblems(request("POST", "/systems/v2/s1/roles", {
        body: JSON.stringify({ username: "bob", role: "USER" }),
        headers: { "content-type": "application/json" }
      })),
      []
    )
    assert.match(
      agave.requestProblems(request("POST", "/systems/v2/s1/roles", {
        body: "{not json",
        headers: { "content-type": "application/json" }
      })).join(),
      /not JSON/
    )
    // A multipart upload: its media type is checked, its (binary, unrecorded) fields are not.
    const upload = (contentType: string) =>
      agave.requestProblems(request("POST", "/files/v2/media/system/s1/dir/in.txt", {
        headers: { "content-type": `${contentType}; boundary=x` },
        omitted: "binary"
      }))
    assert.deepStrictEqual(upload("multipart/form-data"), [])
    assert.match(upload("application/octet-stream").join(), /media type application\/octet-stream is not among/)
    assert.match(
      agave.requestProblems(
        request("GET", "/jobs/v2/j1", { body: "{}", headers: { "content-type": "application/json" } })
      )
        .join(),
      /a body where the operation takes none/
    )
  })

  it("checks Agave responses against their schemas", () => {
    const listing = request("GET", "/files/v2/listings/system/s1/home/alice")
    const file = {
      name: ".",
      path: "/home/alice",
      length: 4096,
      type: "dir",
      lastModified: "2016-08-11T15:29:17.000-05:00"
    }
    assert.deepStrictEqual(agave.responseProblems(exchange(listing, 200, { status: "success", result: [file] })), [])
    assert.match(
      agave.responseProblems(exchange(listing, 200, { status: "success", result: [{ ...file, length: "big" }] }))
        .join(),
      /result\/0\/length must be integer/
    )
    assert.match(
      agave.responseProblems(exchange(listing, 200, { result: [{ ...file, lastModified: "yesterday" }] })).join(),
      /date-time/
    )
    assert.match(
      agave.responseProblems(exchange(listing, 404, { status: "error" })).join(),
      /status 404 is not declared/
    )
    assert.match(
      agave.responseProblems({ ...exchange(listing, 200, {}), contentType: "text/html" }).join(),
      /media type text\/html/
    )
    assert.match(
      agave.responseProblems({ ...exchange(listing, 200, {}), body: "", bodyOmitted: "too large" }).join(),
      /too large to record/
    )
  })

  it("reads OpenAPI 3.0 as 3.0 (nullable, boolean exclusiveMinimum), YAML across files, path-level and $ref parameters", () => {
    const dir = mkdtempSync(join(tmpdir(), "contract-"))
    try {
      writeFileSync(
        join(dir, "api.yaml"),
        [
          "openapi: 3.0.3",
          "info: { title: t, version: '1' }",
          "security: [{ key: [] }]",
          "paths:",
          "  /things/{thingId}:",
          "    parameters: [{ $ref: '#/components/parameters/ThingId' }]",
          "    get:",
          "      parameters:",
          "        - { name: tags, in: query, explode: false, schema: { type: array, items: { type: integer } } }",
          "      responses:",
          "        '200': { $ref: './responses.yaml#/Thing' }",
          "        default: { description: error, content: { application/json: { schema: { type: object, required: [code] } } } }",
          "components:",
          "  securitySchemes: { key: { type: apiKey, in: header, name: X-Key } }",
          "  parameters:",
          "    ThingId: { name: thingId, in: path, required: true, schema: { type: integer, minimum: 0, exclusiveMinimum: true } }"
        ].join("\n")
      )
      writeFileSync(
        join(dir, "responses.yaml"),
        [
          "Thing:",
          "  description: a thing",
          "  content:",
          "    application/json:",
          "      schema:",
          "        type: object",
          "        required: [name]",
          "        properties: { name: { type: string, nullable: true }, size: { type: number, nullable: true } }"
        ].join("\n")
      )
      const contract = loadContract({ path: dir })
      const get = (path: string, headers: Record<string, string> = { "x-key": "k" }) =>
        ({ method: "GET", url: `http://x.test${path}`, headers, body: undefined }) as RecordedRequest
      assert.deepStrictEqual(contract.requestProblems(get("/things/1?tags=1,2,3")), [])
      assert.match(contract.requestProblems(get("/things/0")).join(), /thingId: \/ must be > 0/)
      assert.match(contract.requestProblems(get("/things/1?tags=1,x")).join(), /tags: \/1 must be integer/)
      assert.match(
        contract.requestProblems(get("/things/1", {})).join(),
        /no credential for any of key \(header X-Key\)/
      )
      const answer = (status: number, body: unknown) => exchange(get("/things/1"), status, body)
      assert.deepStrictEqual(contract.responseProblems(answer(200, { name: null, size: null })), [])
      assert.match(contract.responseProblems(answer(200, { name: 1 })).join(), /name must be string,null/)
      assert.deepStrictEqual(contract.responseProblems(answer(503, { code: "down" })), [])
      assert.match(contract.responseProblems(answer(503, {})).join(), /code/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
