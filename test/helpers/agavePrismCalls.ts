/**
 * One call of every Agave operation through the public services, with a sample input and what the
 * answer of Prism (serving AgavePy's description, static answers) must decode to: a table by module
 * and AgavePy's operation name, whose type requires an entry for every record of the eight modules.
 * Part 1's five modules are here; metadata and notifications in `agavePrismMetaCalls`, actors in
 * `agavePrismActorCalls`. Prism fills a string with "string", an enum with its first value, a
 * boolean with true. File paths are one segment (Prism reads a path variable as one). Where Prism
 * refuses a call, the entry expects the error (`test/helpers/agavePrismCorrections.ts` says why).
 */
import { assert } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import type * as Stream from "effect/Stream"
import { AgaveApps } from "../../src/agave/Apps.js"
import { AgaveFiles } from "../../src/agave/Files.js"
import { AgaveJobs } from "../../src/agave/Jobs.js"
import { AgaveProfiles } from "../../src/agave/Profiles.js"
import type { AgaveRecords } from "../../src/agave/records/index.js"
import type {
  App,
  Job,
  Permission,
  Profile,
  RemoteFile,
  StoredCredential,
  System
} from "../../src/agave/schemas/index.js"
import * as Search from "../../src/agave/Search.js"
import { AgaveSystems } from "../../src/agave/Systems.js"
import { text } from "./agave.js"
import { agavePrismActorCalls } from "./agavePrismActorCalls.js"
import type { Calls } from "./agavePrismChecks.js"
import { all, done, expect, fails, one } from "./agavePrismChecks.js"
import { agavePrismMetaCalls } from "./agavePrismMetaCalls.js"

export type { Call, Calls } from "./agavePrismChecks.js"

// The description's Profile is camelCase (firstName, researchArea): read into the servers' spelling.
const profile = (p: Profile) =>
  assert.deepInclude(p, { username: "string", first_name: "string", research_area: "string" })
// A stored credential's secrets (which the description's model carries) are never decoded.
const noSecrets = (auth: object | null | undefined) => {
  assert.isDefined(auth)
  for (const secret of ["password", "privateKey", "credential"]) assert.notProperty(auth, secret)
}
const system = (s: System) => {
  assert.deepInclude(s, { id: "string", type: "EXECUTION", status: "UP", default: true })
  assert.strictEqual(s.storage?.protocol, "GRIDFTP")
  noSecrets(s.storage?.auth)
  noSecrets(s.login?.auth)
}
const credential = (c: StoredCredential) => {
  assert.deepInclude(c, { type: "LOCAL", parentType: "STORAGE", default: true })
  noSecrets(c)
}
const app = (a: App) => {
  assert.deepInclude(a, { id: "string", isPublic: true, available: true, parallelism: "SERIAL" })
  assert.strictEqual(a.inputs?.[0]?.id, "string")
}
const permission = (p: Permission) => assert.deepStrictEqual([p.username, p.permission?.read], ["string", true])
// A status the SDK does not know ("string") is tolerated, not a decode failure.
const job = (j: Job) => {
  assert.deepInclude(j, { id: "string", status: "string", appId: "string" })
  assert.strictEqual(j.notifications?.[0]?.event, "*")
}
const file = (f: RemoteFile) => assert.deepStrictEqual([f.name, f.system], ["string", "string"])
const event = (h: { readonly status?: string | null | undefined; readonly description?: string | null | undefined }) =>
  assert.deepStrictEqual([h.status, h.description], ["string", "string"])
// The description declares no content for a file's bytes: Prism sends none, and the stream ends.
const empty = (stream: Stream.Stream<Uint8Array, { readonly _tag: string }>) =>
  expect(all(stream), (chunks) => assert.strictEqual(chunks.reduce((n, chunk) => n + chunk.length, 0), 0))

const appId = "wc-1.00"
const systemId = "data.agave.test"
const jobId = "4511-007"
const username = "rclemens"
const filePath = "in.txt"
const secret = Redacted.make("a-very-secret-password")
const storage = {
  host: "example.org",
  port: 22,
  protocol: "SFTP",
  rootDir: "/",
  homeDir: "/home",
  auth: { type: "PASSWORD", username: "nr", password: secret }
} as const
const newSystem = { id: "nryan.storage", name: "Mine", type: "STORAGE", storage } as const
const newApp = {
  name: "wc",
  version: "1.00",
  executionSystem: "exec.agave.test",
  executionType: "CLI",
  parallelism: "SERIAL",
  deploymentSystem: "data.agave.test",
  deploymentPath: "apps/wc-1.00",
  templatePath: "wrapper.sh",
  testPath: "test.sh",
  inputs: [{ id: "query1", value: { required: true } }],
  parameters: []
} as const
const password = { type: "PASSWORD", password: secret } as const
const profiles = AgaveProfiles
const systems = AgaveSystems
const apps = AgaveApps
const files = AgaveFiles
const jobs = AgaveJobs

/** The five modules of Agave's part 1: profiles, systems, apps, files and jobs. */
const partOne: Calls<"profiles" | "systems" | "apps" | "files" | "jobs"> = {
  profiles: {
    list: expect(Effect.flatMap(profiles, (p) => all(p.list({ email: "r@example.org" }))), one(profile)),
    create: fails(
      "InvalidRequest",
      400,
      Effect.flatMap(
        profiles,
        (p) =>
          p.create({ body: { username: "testuser", password: Redacted.make("abcd-1234-long"), email: "t@test.com" } })
      )
    ),
    get: expect(Effect.flatMap(profiles, (p) => p.get()), profile),
    listByUsername: expect(Effect.flatMap(profiles, (p) => p.listByUsername({ username })), profile),
    update: fails(
      "InvalidRequest",
      400,
      Effect.flatMap(profiles, (p) => p.update({ username, body: { last_name: "Clemens" } }))
    ),
    delete: done(Effect.flatMap(profiles, (p) => p.delete({ username })))
  },
  systems: {
    list: expect(
      Effect.flatMap(
        systems,
        (s) => all(s.list({ type: "STORAGE", search: Search.make<System>().eq("public", false) }))
      ),
      one((s) => assert.deepInclude(s, { id: "string", type: "EXECUTION", status: "UP", public: true, default: true }))
    ),
    add: expect(Effect.flatMap(systems, (s) => s.add({ body: newSystem })), system),
    get: expect(Effect.flatMap(systems, (s) => s.get({ systemId })), system),
    update: expect(Effect.flatMap(systems, (s) => s.update({ systemId, body: newSystem })), system),
    manage: done(Effect.flatMap(systems, (s) => s.manage({ systemId, body: { action: "SETDEFAULT" } }))),
    delete: done(Effect.flatMap(systems, (s) => s.delete({ systemId }))),
    listRoles: expect(
      Effect.flatMap(systems, (s) => all(s.listRoles({ systemId }))),
      one((r) => assert.deepStrictEqual(r, { username: "string", role: "USER" }))
    ),
    updateRole: done(Effect.flatMap(systems, (s) => s.updateRole({ systemId, body: { username, role: "USER" } }))),
    deleteRoles: done(Effect.flatMap(systems, (s) => s.deleteRoles({ systemId }))),
    getRoleForUser: expect(
      Effect.flatMap(systems, (s) => s.getRoleForUser({ systemId, username })),
      (r) => assert.deepStrictEqual(r, { username: "string", role: "USER" })
    ),
    updateRoleForUser: done(
      Effect.flatMap(systems, (s) => s.updateRoleForUser({ systemId, username, body: { role: "PUBLISHER" } }))
    ),
    deleteRoleForUser: done(Effect.flatMap(systems, (s) => s.deleteRoleForUser({ systemId, username }))),
    listCredentials: expect(Effect.flatMap(systems, (s) => all(s.listCredentials({ systemId }))), one(credential)),
    updateCredentials: done(
      Effect.flatMap(systems, (s) => s.updateCredentials({ systemId, body: { ...password, username: "nr" } }))
    ),
    deleteCredentials: done(Effect.flatMap(systems, (s) => s.deleteCredentials({ systemId }))),
    listCredentialsForInternalUser: expect(
      Effect.flatMap(systems, (s) => all(s.listCredentialsForInternalUser({ systemId, internalUsername: "alice" }))),
      one(credential)
    ),
    updateCredentialsForInternalUser: done(
      Effect.flatMap(
        systems,
        (s) => s.updateCredentialsForInternalUser({ systemId, internalUsername: "alice", body: password })
      )
    ),
    deleteCredentialsForInternalUser: done(
      Effect.flatMap(systems, (s) => s.deleteCredentialsForInternalUser({ systemId, internalUsername: "alice" }))
    ),
    listCredentialsForInternalUserByType: expect(
      Effect.flatMap(
        systems,
        (s) =>
          s.listCredentialsForInternalUserByType({ systemId, internalUsername: "alice", credentialType: "STORAGE" })
      ),
      one(credential)
    ),
    updateCredentialsForInternalUserByType: done(
      Effect.flatMap(systems, (s) =>
        s.updateCredentialsForInternalUserByType({
          systemId,
          internalUsername: "alice",
          credentialType: "LOGIN",
          body: password
        }))
    ),
    deleteCredentialsForInternalUserByType: done(
      Effect.flatMap(
        systems,
        (s) =>
          s.deleteCredentialsForInternalUserByType({ systemId, internalUsername: "alice", credentialType: "STORAGE" })
      )
    )
  },
  apps: {
    list: expect(
      Effect.flatMap(apps, (a) => all(a.list({ search: Search.make<App>().like("id", "wc*") }))),
      one((a) => assert.deepInclude(a, { id: "string", isPublic: true }))
    ),
    add: expect(Effect.flatMap(apps, (a) => a.add({ body: newApp })), app),
    get: expect(Effect.flatMap(apps, (a) => a.get({ appId })), app),
    update: expect(Effect.flatMap(apps, (a) => a.update({ appId, body: { ...newApp, label: "Word count" } })), app),
    manage: expect(Effect.flatMap(apps, (a) => a.manage({ appId, body: { action: "publish" } })), app),
    delete: done(Effect.flatMap(apps, (a) => a.delete({ appId }))),
    listPermissions: expect(Effect.flatMap(apps, (a) => all(a.listPermissions({ appId }))), one(permission)),
    updateApplicationPermissions: done(
      Effect.flatMap(apps, (a) => a.updateApplicationPermissions({ appId, body: { username, permission: "READ" } }))
    ),
    deletePermissions: done(Effect.flatMap(apps, (a) => a.deletePermissions({ appId }))),
    listPermissionsForUser: expect(
      Effect.flatMap(apps, (a) => a.listPermissionsForUser({ appId, username })),
      one(permission)
    ),
    updatePermissionsForUser: done(
      Effect.flatMap(apps, (a) => a.updatePermissionsForUser({ appId, username, body: { permission: "READ" } }))
    ),
    deletePermissionsForUser: done(Effect.flatMap(apps, (a) => a.deletePermissionsForUser({ appId, username }))),
    listByName: expect(
      Effect.flatMap(apps, (a) => all(a.listByName({ name: "wc" }))),
      one((a) => assert.strictEqual(a.id, "string"))
    ),
    listByTag: expect(
      Effect.flatMap(apps, (a) => all(a.listByTag({ tag: "counting" }))),
      one((a) => assert.strictEqual(a.id, "string"))
    ),
    listByOntologyTerm: expect(
      Effect.flatMap(apps, (a) => all(a.listByOntologyTerm({ term: "term:1" }))),
      one((a) => assert.strictEqual(a.id, "string"))
    ),
    // The description types the form as a string; the SDK takes any JSON the server generates.
    getJobSubmissionForm: expect(
      Effect.flatMap(apps, (a) => a.getJobSubmissionForm({ appId })),
      (form) => assert.strictEqual(form, "string")
    ),
    listBySystemId: fails(
      "InvalidRequest",
      422,
      Effect.flatMap(apps, (a) => all(a.listBySystemId({ systemId: "exec.agave.test", privateOnly: false })))
    )
  },
  files: {
    downloadFromDefaultSystem: Effect.flatMap(
      files,
      (f) => empty(f.downloadFromDefaultSystem({ sourcefilePath: filePath }))
    ),
    importToDefaultSystem: expect(
      Effect.flatMap(files, (f) =>
        f.importToDefaultSystem({
          sourcefilePath: "inputs",
          body: { fileToUpload: { content: text("one two\n"), filename: filePath } }
        })),
      file
    ),
    manageOnDefaultSystem: done(
      Effect.flatMap(
        files,
        (f) => f.manageOnDefaultSystem({ sourcefilePath: filePath, body: { action: "copy", path: "copy.txt" } })
      )
    ),
    deleteFromDefaultSystem: done(
      Effect.flatMap(files, (f) => f.deleteFromDefaultSystem({ sourcefilePath: filePath }))
    ),
    download: Effect.flatMap(files, (f) => empty(f.download({ systemId, filePath }))),
    importData: expect(
      Effect.flatMap(
        files,
        (f) => f.importData({ systemId, filePath: "inputs", body: { urlToIngest: "https://example.org/in.txt" } })
      ),
      file
    ),
    manage: done(
      Effect.flatMap(files, (f) => f.manage({ systemId, filePath: "nryan", body: { action: "mkdir", path: "work" } }))
    ),
    delete: done(Effect.flatMap(files, (f) => f.delete({ systemId, filePath }))),
    listOnDefaultSystem: expect(
      Effect.flatMap(files, (f) => all(f.listOnDefaultSystem({ filePath: "nryan" }))),
      one(file)
    ),
    list: expect(Effect.flatMap(files, (f) => all(f.list({ systemId, filePath: "nryan" }))), one(file)),
    getHistoryOnDefaultSystem: expect(
      Effect.flatMap(files, (f) => all(f.getHistoryOnDefaultSystem({ filePath }))),
      one(event)
    ),
    getHistory: expect(Effect.flatMap(files, (f) => all(f.getHistory({ systemId, filePath }))), one(event)),
    listPermissionsOnDefaultSystem: expect(
      Effect.flatMap(files, (f) => all(f.listPermissionsOnDefaultSystem({ filePath }))),
      one(permission)
    ),
    updatePermissionsOnDefaultSystem: done(
      Effect.flatMap(
        files,
        (f) => f.updatePermissionsOnDefaultSystem({ filePath, body: { username, permission: "READ" } })
      )
    ),
    listPermissions: expect(
      Effect.flatMap(files, (f) => all(f.listPermissions({ systemId, filePath }))),
      one(permission)
    ),
    updatePermissions: expect(
      Effect.flatMap(
        files,
        (f) =>
          f.updatePermissions({ systemId, filePath, body: { username, permission: "READ_WRITE", recursive: false } })
      ),
      one(permission)
    ),
    deletePermissions: done(Effect.flatMap(files, (f) => f.deletePermissions({ systemId, filePath })))
  },
  jobs: {
    list: expect(
      Effect.flatMap(jobs, (j) => all(j.list({ search: Search.make<Job>().eq("status", "FINISHED") }))),
      one((j) => assert.deepInclude(j, { id: "string", status: "string" }))
    ),
    submit: expect(
      Effect.flatMap(
        jobs,
        (j) =>
          j.submit({ body: { name: "count", appId, inputs: { query1: ["agave://data.agave.test/nryan/in.txt"] } } })
      ),
      job
    ),
    get: expect(Effect.flatMap(jobs, (j) => j.get({ jobId })), job),
    manage: expect(Effect.flatMap(jobs, (j) => j.manage({ jobId, body: { action: "resubmit" } })), job),
    delete: done(Effect.flatMap(jobs, (j) => j.delete({ jobId }))),
    getHistory: expect(Effect.flatMap(jobs, (j) => all(j.getHistory({ jobId }))), one(event)),
    listPermissions: expect(Effect.flatMap(jobs, (j) => all(j.listPermissions({ jobId }))), one(permission)),
    updatePermissions: done(
      Effect.flatMap(jobs, (j) => j.updatePermissions({ jobId, body: { username, permission: "READ" } }))
    ),
    deletePermissions: done(Effect.flatMap(jobs, (j) => j.deletePermissions({ jobId }))),
    listPermissionsForUser: expect(
      Effect.flatMap(jobs, (j) => j.listPermissionsForUser({ jobId, username })),
      one(permission)
    ),
    updatePermissionsForUser: done(
      Effect.flatMap(jobs, (j) => j.updatePermissionsForUser({ jobId, username, body: { permission: "READ_WRITE" } }))
    ),
    deletePermissionsForUser: fails(
      "InvalidRequest",
      422,
      Effect.flatMap(jobs, (j) => j.deletePermissionsForUser({ jobId, username }))
    ),
    getStatus: expect(
      Effect.flatMap(jobs, (j) => j.getStatus({ jobId })),
      (s) => assert.deepStrictEqual(s, { id: "string", status: "string" })
    ),
    listOutputs: expect(Effect.flatMap(jobs, (j) => all(j.listOutputs({ jobId, filePath: "output.txt" }))), one(file)),
    downloadOutput: fails(
      "InvalidRequest",
      406,
      Effect.flatMap(jobs, (j) => all(j.downloadOutput({ jobId, filePath: "output.txt" })))
    )
  }
}

/** Every module: part 1's five, and metadata, notifications and actors. */
export const agavePrismCalls: Calls<keyof typeof AgaveRecords> = {
  ...partOne,
  ...agavePrismMetaCalls,
  ...agavePrismActorCalls
}
