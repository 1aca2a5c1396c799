import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import {
  App,
  AuthRequest,
  Common,
  FileImport,
  isKnownJobStatus,
  isTerminal,
  Job,
  JobStatusResult,
  Profile,
  ProfileRequest,
  RemoteFile,
  System,
  systemRequestSecrets
} from "../../src/agave/schemas/index.js"

const decode = <A, I>(schema: Schema.Schema<A, I>, value: unknown) => Schema.decodeUnknownSync(schema)(value)

describe("Agave schemas", () => {
  it("Profile: the server's snake_case is exposed as sent", () => {
    const profile = decode(Profile, {
      create_time: "20140515180317Z",
      email: "nryan@rangers.mlb.com",
      first_name: "Nolan",
      full_name: "Nolan Ryan",
      last_name: "Ryan",
      mobile_phone: "",
      nonce: "",
      phone: "",
      status: "Active",
      uid: 0,
      username: "nryan"
    })
    assert.deepStrictEqual(profile, {
      create_time: "20140515180317Z",
      email: "nryan@rangers.mlb.com",
      first_name: "Nolan",
      full_name: "Nolan Ryan",
      last_name: "Ryan",
      mobile_phone: "",
      phone: "",
      status: "Active",
      uid: 0,
      username: "nryan"
    })
  })

  it("Profile: AgavePy's camelCase is read into the same fields; snake_case wins when both are sent", () => {
    const profile = decode(Profile, {
      username: "nryan",
      firstName: "Nolan",
      lastName: "Ryan",
      researchArea: "pitching",
      first_name: "N."
    })
    assert.deepStrictEqual(profile, {
      username: "nryan",
      first_name: "N.",
      last_name: "Ryan",
      research_area: "pitching"
    })
    assert.notProperty(profile, "firstName")
  })

  it("Profile: a wrong type is a decode failure, not a silent drop", () => {
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(Profile)({ username: "x", firstName: 3 })))
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(Profile)({ first_name: "x" })))
  })

  it("null stands for absent anywhere a field is optional", () => {
    const job = decode(Job, { id: "j-1", status: "RUNNING", endTime: null, message: null, archivePath: null })
    assert.strictEqual(job.endTime, null)
    const file = decode(RemoteFile, { name: ".", length: 4096, type: "dir", mimeType: null })
    assert.strictEqual(file.type, "dir")
  })

  it("an unknown job status is kept, not a decode failure; the known ones are recognised", () => {
    const status = decode(JobStatusResult, { id: "j-1", status: "HEARTBEAT" })
    assert.strictEqual(status.status, "HEARTBEAT")
    assert.isFalse(isKnownJobStatus(status.status))
    assert.isTrue(isKnownJobStatus("ARCHIVING_FINISHED"))
    assert.isTrue(isTerminal("FINISHED"))
    assert.isTrue(isTerminal("KILLED"))
    assert.isFalse(isTerminal("ARCHIVING"))
    assert.isFalse(isTerminal("HEARTBEAT"))
  })

  it("numbers Agave sends either way decode both ways", () => {
    const app = decode(App, {
      id: "wc-1.00",
      defaultMemoryPerNode: 4,
      defaultNodeCount: "1",
      inputs: [{ id: "query1", value: { default: ["a", "b"], required: true } }],
      parameters: [{ id: "p", value: { type: "enumeration", default: 3, enum_values: [{ a: "A" }] } }]
    })
    assert.strictEqual(app.defaultMemoryPerNode, 4)
    assert.strictEqual(app.defaultNodeCount, "1")
    assert.deepStrictEqual(app.inputs?.[0]?.value?.default, ["a", "b"])
    const job = decode(Job, { id: "j", memoryPerNode: "2GB", nodeCount: 1, inputs: { q: ["agave://s/a"] } })
    assert.strictEqual(job.memoryPerNode, "2GB")
  })

  it("a system's secrets are never decoded from an answer", () => {
    const system = decode(System, {
      id: "s",
      type: "STORAGE",
      public: false,
      default: true,
      storage: { protocol: "SFTP", auth: { type: "PASSWORD", password: "hunter22", username: "u" } }
    })
    assert.deepStrictEqual(system.storage?.auth, { type: "PASSWORD", username: "u" })
  })

  it("request secrets are Redacted until encoded into the body, and listed for scrubbing", () => {
    const password = Redacted.make("s3cret-password")
    const auth: AuthRequest = { type: "PASSWORD", username: "u", password }
    assert.deepStrictEqual(Schema.encodeSync(AuthRequest)(auth), {
      type: "PASSWORD",
      username: "u",
      password: "s3cret-password"
    })
    assert.deepStrictEqual(
      systemRequestSecrets({ id: "s", name: "s", type: "STORAGE", storage: { auth } }),
      [password]
    )
    const encoded = Schema.encodeSync(ProfileRequest)({ username: "u", email: "e", password })
    assert.strictEqual(encoded.password, "s3cret-password")
  })

  it("an upload's answer is the queued file", () => {
    const queued = decode(FileImport, {
      name: "picksumipsum.txt",
      uuid: "0001409758089943-5056a550b8-0001-002",
      owner: "nryan",
      internalUsername: null,
      lastModified: "2014-09-03T10:28:09.943-05:00",
      source: "http://127.0.0.1/picksumipsum.txt",
      path: "nryan/picksumipsum.txt",
      status: "STAGING_QUEUED",
      systemId: "data.agaveapi.co",
      nativeFormat: "raw",
      _links: { self: { href: "https://public.agaveapi.co/files/v2/media/system/data.agaveapi.co//nryan/x" } }
    })
    assert.strictEqual(queued.status, "STAGING_QUEUED")
    assert.strictEqual(queued.systemId, "data.agaveapi.co")
  })

  it("oneOrMany: one item, a list or null, always a list", () => {
    const list = Common.oneOrMany(Schema.Struct({ a: Schema.Number }))
    assert.deepStrictEqual(decode(list, { a: 1 }), [{ a: 1 }])
    assert.deepStrictEqual(decode(list, [{ a: 1 }, { a: 2 }]), [{ a: 1 }, { a: 2 }])
    assert.deepStrictEqual(decode(list, null), [])
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(list)("x")))
  })
})
