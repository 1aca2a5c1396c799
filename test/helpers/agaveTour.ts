/**
 * A tour of every one of the 76 Agave operations through the services, one effect per service, each
 * checking what it gets: run against the Agave test server by the service and contract tests.
 */
import { assert } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { AgaveApps } from "../../src/agave/Apps.js"
import { AgaveFiles } from "../../src/agave/Files.js"
import { AgaveJobs } from "../../src/agave/Jobs.js"
import { AgaveProfiles } from "../../src/agave/Profiles.js"
import type { App, Job, System } from "../../src/agave/schemas/index.js"
import * as Search from "../../src/agave/Search.js"
import { AgaveSystems } from "../../src/agave/Systems.js"
import { wordCountApp } from "../../src/testkit/agave/Tenant.js"
import { text } from "./agave.js"

const all = <A, E>(stream: Stream.Stream<A, E>) => Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)
const bytes = (stream: Stream.Stream<Uint8Array, unknown>) =>
  Effect.map(
    Stream.runCollect(stream),
    (chunks) => new TextDecoder().decode(Buffer.concat(Chunk.toReadonlyArray(chunks)))
  )

/** profiles (6) */
export const profiles = Effect.gen(function*() {
  const profiles = yield* AgaveProfiles
  const me = yield* profiles.get()
  assert.strictEqual(me.username, "nryan")
  assert.strictEqual(me.full_name, "Nolan Ryan")
  const created = yield* profiles.create({
    body: {
      username: "testuser",
      password: Redacted.make("abcd-1234-long"),
      email: "t@test.com",
      first_name: "Test"
    }
  })
  assert.strictEqual(created.username, "testuser")
  const updated = yield* profiles.update({ username: "testuser", body: { last_name: "User" } })
  assert.strictEqual(updated.full_name, "Test User")
  assert.strictEqual((yield* profiles.listByUsername({ username: "testuser" })).email, "t@test.com")
  const found = yield* all(profiles.list({ search: Search.make<typeof me>().eq("last_name", "User") }))
  assert.deepStrictEqual(found.map((p) => p.username), ["testuser"])
  const page = yield* profiles.listPage({ limit: 1, email: "rclemens@example.org" })
  assert.deepStrictEqual(page.map((p) => p.username), ["rclemens"])
  yield* profiles.delete({ username: "testuser" })
  const gone = yield* Effect.flip(profiles.listByUsername({ username: "testuser" }))
  assert.strictEqual(gone._tag, "NotFound")
})

/** systems (21) */
export const systems = Effect.gen(function*() {
  const systems = yield* AgaveSystems
  const listed = yield* all(systems.list({ type: "STORAGE" }))
  assert.deepInclude(listed.map((s) => [s.id, s.default]), ["data.agave.test", true])
  const search = yield* all(systems.list({ search: Search.make<System>().eq("executionType", "CLI") }))
  assert.deepStrictEqual(search.map((s) => s.id), ["exec.agave.test"])
  const added = yield* systems.add({
    body: {
      id: "nryan.storage",
      name: "Mine",
      type: "STORAGE",
      storage: {
        host: "example.org",
        port: 22,
        protocol: "SFTP",
        rootDir: "/",
        homeDir: "/home",
        auth: { type: "PASSWORD", username: "nr", password: Redacted.make("sftp-password-long") }
      }
    }
  })
  assert.strictEqual(added.storage?.auth?.type, "PASSWORD")
  assert.strictEqual((yield* systems.get({ systemId: "nryan.storage" })).name, "Mine")
  const updated = yield* systems.update({
    systemId: "nryan.storage",
    body: {
      id: "nryan.storage",
      name: "Mine, renamed",
      type: "STORAGE",
      storage: {
        host: "example.org",
        port: 22,
        protocol: "SFTP",
        auth: { type: "PASSWORD", username: "nr", password: Redacted.make("sftp-password-long") }
      }
    }
  })
  assert.strictEqual(updated.revision, 2)
  yield* systems.manage({ systemId: "nryan.storage", body: { action: "CLONE", id: "nryan.clone" } })
  yield* systems.delete({ systemId: "nryan.clone" })
  yield* systems.updateRole({ systemId: "nryan.storage", body: { username: "rclemens", role: "USER" } })
  yield* systems.updateRoleForUser({ systemId: "nryan.storage", username: "guest", body: { role: "GUEST" } })
  const roles = yield* all(systems.listRoles({ systemId: "nryan.storage" }))
  assert.deepStrictEqual(roles.map((r) => [r.username, r.role]), [["nryan", "OWNER"], ["rclemens", "USER"], [
    "guest",
    "GUEST"
  ]])
  assert.strictEqual(
    (yield* systems.getRoleForUser({ systemId: "nryan.storage", username: "guest" })).role,
    "GUEST"
  )
  yield* systems.deleteRoleForUser({ systemId: "nryan.storage", username: "guest" })
  yield* systems.deleteRoles({ systemId: "nryan.storage" })
  assert.strictEqual((yield* systems.listRolesPage({ systemId: "nryan.storage" })).length, 1)
  const secret = Redacted.make("a-very-secret-password")
  yield* systems.updateCredentials({
    systemId: "nryan.storage",
    body: { type: "PASSWORD", username: "nr", password: secret }
  })
  yield* systems.updateCredentialsForInternalUser({
    systemId: "nryan.storage",
    internalUsername: "alice",
    body: { type: "PASSWORD", password: secret }
  })
  yield* systems.updateCredentialsForInternalUserByType({
    systemId: "nryan.storage",
    internalUsername: "bob",
    credentialType: "STORAGE",
    body: { type: "PASSWORD", password: secret }
  })
  const stored = yield* all(systems.listCredentials({ systemId: "nryan.storage" }))
  assert.strictEqual(stored.length, 3)
  assert.notInclude(JSON.stringify(stored), "very-secret")
  assert.strictEqual(
    (yield* all(systems.listCredentialsForInternalUser({ systemId: "nryan.storage", internalUsername: "alice" })))
      .length,
    1
  )
  const bob = yield* systems.listCredentialsForInternalUserByType({
    systemId: "nryan.storage",
    internalUsername: "bob",
    credentialType: "STORAGE"
  })
  assert.strictEqual(bob[0]?.internalUsername, "bob")
  yield* systems.deleteCredentialsForInternalUserByType({
    systemId: "nryan.storage",
    internalUsername: "bob",
    credentialType: "STORAGE"
  })
  yield* systems.deleteCredentialsForInternalUser({ systemId: "nryan.storage", internalUsername: "alice" })
  yield* systems.deleteCredentials({ systemId: "nryan.storage" })
  assert.deepStrictEqual(yield* all(systems.listCredentials({ systemId: "nryan.storage" })), [])
  yield* systems.delete({ systemId: "nryan.storage" })
  const missing = yield* Effect.flip(systems.get({ systemId: "nryan.storage" }))
  assert.strictEqual(missing._tag, "NotFound")
  if (missing._tag === "NotFound") {
    assert.deepStrictEqual([missing.resource, missing.id], ["system", "nryan.storage"])
  }
})

/** apps (17) */
export const apps = Effect.gen(function*() {
  const apps = yield* AgaveApps
  const { inputs, outputs, parameters, ...rest } = wordCountApp
  const body = {
    ...rest,
    name: "mywc",
    version: "0.1",
    inputs: [...inputs],
    outputs: [...outputs],
    parameters: [...parameters],
    tags: ["mine"],
    ontology: ["term:1"],
    modules: []
  }
  const added = yield* apps.add({ body })
  assert.strictEqual(added.id, "mywc-0.1")
  assert.strictEqual((yield* apps.get({ appId: "mywc-0.1" })).label, "Word count")
  assert.strictEqual((yield* apps.update({ appId: "mywc-0.1", body: { ...body, label: "Mine" } })).revision, 2)
  const ids = (list: ReadonlyArray<{ readonly id: string }>) => list.map((app) => app.id)
  assert.deepStrictEqual(ids(yield* all(apps.list({ privateOnly: true }))), ["mywc-0.1"])
  assert.deepStrictEqual(ids(yield* all(apps.list({ search: Search.make<App>().like("id", "wc*") }))), ["wc-1.00"])
  assert.deepStrictEqual(ids(yield* all(apps.listByName({ name: "mywc" }))), ["mywc-0.1"])
  assert.deepStrictEqual(ids(yield* all(apps.listByTag({ tag: "mine" }))), ["mywc-0.1"])
  assert.deepStrictEqual(ids(yield* all(apps.listByOntologyTerm({ term: "term:1" }))), ["mywc-0.1"])
  assert.deepStrictEqual(ids(yield* all(apps.listBySystemId({ systemId: "exec.agave.test", publicOnly: true }))), [
    "wc-1.00"
  ])
  yield* apps.updateApplicationPermissions({
    appId: "mywc-0.1",
    body: { username: "rclemens", permission: "READ_EXECUTE" }
  })
  yield* apps.updatePermissionsForUser({ appId: "mywc-0.1", username: "guest", body: { permission: "READ" } })
  const pems = yield* all(apps.listPermissions({ appId: "mywc-0.1" }))
  assert.deepStrictEqual(pems.map((p) => p.username), ["nryan", "rclemens", "guest"])
  const guest = yield* apps.listPermissionsForUser({ appId: "mywc-0.1", username: "guest" })
  assert.deepStrictEqual(guest.map((p) => [p.username, p.permission?.read, p.permission?.execute]), [[
    "guest",
    true,
    false
  ]])
  yield* apps.deletePermissionsForUser({ appId: "mywc-0.1", username: "guest" })
  yield* apps.deletePermissions({ appId: "mywc-0.1" })
  const form = yield* apps.getJobSubmissionForm({ appId: "mywc-0.1" })
  assert.deepInclude(form as object, { appId: "mywc-0.1" })
  const published = yield* apps.manage({ appId: "mywc-0.1", body: { action: "publish" } })
  assert.isTrue(published.isPublic)
  yield* apps.delete({ appId: "mywc-0.1" })
  assert.strictEqual((yield* Effect.flip(apps.get({ appId: "mywc-0.1" })))._tag, "NotFound")
})

/** files (17) */
export const files = Effect.gen(function*() {
  const files = yield* AgaveFiles
  const system = "data.agave.test"
  const queued = yield* files.importData({
    systemId: system,
    filePath: "nryan",
    body: { fileToUpload: { content: text("one two\nthree\n"), filename: "in.txt" } }
  })
  assert.strictEqual(queued.status, "STAGING_QUEUED")
  yield* files.importToDefaultSystem({
    sourcefilePath: "nryan",
    body: { fileToUpload: { content: Stream.make(text("streamed "), text("bytes")), filename: "streamed.txt" } }
  })
  const names = (list: ReadonlyArray<{ readonly name: string }>) => list.map((f) => f.name)
  assert.deepStrictEqual(names(yield* all(files.list({ systemId: system, filePath: "nryan" }))), [
    "in.txt",
    "streamed.txt"
  ])
  assert.deepStrictEqual(names(yield* files.listPage({ systemId: system, filePath: "nryan" })), [
    ".",
    "in.txt",
    "streamed.txt"
  ])
  assert.deepStrictEqual(names(yield* all(files.listOnDefaultSystem({ filePath: "/home/nryan/" }))), [
    "in.txt",
    "streamed.txt"
  ])
  assert.strictEqual(
    yield* bytes(files.download({ systemId: system, filePath: "nryan/in.txt" })),
    "one two\nthree\n"
  )
  assert.strictEqual(
    yield* bytes(files.downloadFromDefaultSystem({ sourcefilePath: "/home/nryan/streamed.txt" })),
    "streamed bytes"
  )
  yield* files.manage({ systemId: system, filePath: "nryan", body: { action: "mkdir", path: "work" } })
  yield* files.manageOnDefaultSystem({
    sourcefilePath: "nryan/in.txt",
    body: { action: "copy", path: "nryan/work/copy.txt" }
  })
  const history = yield* all(files.getHistory({ systemId: system, filePath: "nryan/in.txt" }))
  assert.deepStrictEqual(history.map((e) => e.status), ["STAGING_QUEUED", "STAGING_COMPLETED"])
  assert.isAbove((yield* all(files.getHistoryOnDefaultSystem({ filePath: "nryan/work/copy.txt" }))).length, 0)
  yield* files.updatePermissionsOnDefaultSystem({
    filePath: "nryan/in.txt",
    body: { username: "rclemens", permission: "READ" }
  })
  const granted = yield* files.updatePermissions({
    systemId: system,
    filePath: "nryan/in.txt",
    body: { username: "guest", permission: "READ_WRITE" }
  })
  assert.deepStrictEqual(granted.map((p) => p.username), ["rclemens", "guest"])
  assert.deepStrictEqual(
    (yield* all(files.listPermissions({ systemId: system, filePath: "nryan/in.txt" }))).map((p) => p.username),
    ["nryan", "rclemens", "guest"]
  )
  yield* files.deletePermissions({ systemId: system, filePath: "nryan/in.txt" })
  assert.deepStrictEqual(
    (yield* all(files.listPermissionsOnDefaultSystem({ filePath: "nryan/in.txt" }))).map((p) => p.username),
    ["nryan"]
  )
  yield* files.delete({ systemId: system, filePath: "nryan/work" })
  yield* files.deleteFromDefaultSystem({ sourcefilePath: "nryan/streamed.txt" })
  assert.deepStrictEqual(names(yield* all(files.list({ systemId: system, filePath: "nryan" }))), ["in.txt"])
  const missing = yield* Effect.flip(
    files.list({ systemId: "no.such.system", filePath: "x" }).pipe(Stream.runDrain)
  )
  assert.strictEqual(missing._tag, "NotFound")
  if (missing._tag === "NotFound") {
    assert.deepStrictEqual([missing.resource, missing.id], ["system", "no.such.system"])
  }
})

/** jobs (15), and waiting for one */
export const jobs = Effect.gen(function*() {
  const files = yield* AgaveFiles
  const jobs = yield* AgaveJobs
  yield* files.importToDefaultSystem({
    sourcefilePath: "nryan",
    body: { fileToUpload: { content: text("a b c\n"), filename: "in.txt" } }
  })
  const job = yield* jobs.submit({
    body: { name: "count", appId: "wc-1.00", inputs: { query1: ["agave://data.agave.test/nryan/in.txt"] } }
  })
  assert.strictEqual(job.status, "PENDING")
  const watching = yield* Effect.fork(all(jobs.watch(job.id)))
  yield* TestClock.adjust(Duration.minutes(5))
  const seen = (yield* watching.await).pipe((exit) => (exit._tag === "Success"
    ? exit.value.map((s) => s.status)
    : [])
  )
  assert.deepStrictEqual(seen[seen.length - 1], "FINISHED")
  assert.isAbove(seen.length, 3)
  assert.strictEqual((yield* jobs.await(job.id)).status, "FINISHED")
  assert.strictEqual((yield* jobs.awaitSuccess(job.id)).status, "FINISHED")
  assert.strictEqual((yield* jobs.get({ jobId: job.id })).status, "FINISHED")
  assert.strictEqual((yield* jobs.getStatus({ jobId: job.id })).status, "FINISHED")
  assert.deepStrictEqual(
    (yield* all(jobs.list({ search: Search.make<Job>().eq("status", "FINISHED") }))).map((j) => j.id),
    [job.id]
  )
  assert.strictEqual((yield* all(jobs.getHistory({ jobId: job.id }))).at(-1)?.status, "FINISHED")
  const outputs = yield* all(jobs.listOutputsRoot({ jobId: job.id }))
  assert.include(outputs.map((f) => f.name), "output.txt")
  assert.deepStrictEqual(
    (yield* all(jobs.listOutputs({ jobId: job.id, filePath: "output.txt" }))).map((f) => f.name),
    ["output.txt"]
  )
  assert.strictEqual(yield* bytes(jobs.downloadOutput({ jobId: job.id, filePath: "output.txt" })), "1 3 6 in.txt\n")
  yield* jobs.updatePermissions({ jobId: job.id, body: { username: "rclemens", permission: "READ" } })
  yield* jobs.updatePermissionsForUser({ jobId: job.id, username: "guest", body: { permission: "READ" } })
  assert.deepStrictEqual((yield* all(jobs.listPermissions({ jobId: job.id }))).map((p) => p.username), [
    "nryan",
    "rclemens",
    "guest"
  ])
  assert.strictEqual(
    (yield* jobs.listPermissionsForUser({ jobId: job.id, username: "guest" }))[0]?.permission?.read,
    true
  )
  yield* jobs.deletePermissionsForUser({ jobId: job.id, username: "guest" })
  yield* jobs.deletePermissions({ jobId: job.id })
  const again = yield* jobs.manage({ jobId: job.id, body: { action: "resubmit" } })
  assert.notStrictEqual(again.id, job.id)
  const stopped = yield* jobs.manage({ jobId: again.id, body: { action: "stop" } })
  assert.strictEqual(stopped.status, "STOPPED")
  const failed = yield* Effect.flip(jobs.awaitSuccess(again.id))
  assert.strictEqual(failed._tag, "JobFailed")
  yield* jobs.delete({ jobId: again.id })
  const gone = yield* Effect.flip(jobs.get({ jobId: again.id }))
  assert.strictEqual(gone._tag, "NotFound")
  if (gone._tag === "NotFound") assert.deepStrictEqual([gone.resource, gone.id], ["job", again.id])
})
