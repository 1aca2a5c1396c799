// A library built on the SDK, as a user writes one: exported values whose types are inferred, compiled
// with `declaration: true`. Each export makes the compiler name SDK types (errors, handles, options)
// in the emitted .d.ts; a type it cannot name by an import path fails the build (TS2742/TS4023).
import { FetchHttpClient } from "@effect/platform"
import { Effect, Layer, Option, Redacted, Stream } from "effect"
import { Paging, RequestOptions, Retry } from "effect-research-sdk"
import {
  Flowserv,
  Groups,
  RunArguments,
  Runs,
  UploadFile,
  Uploads,
  Users,
  withToken,
  Workflows
} from "effect-research-sdk/flowserv"
import { NodeFiles } from "effect-research-sdk/node"
import { Filter, Odm, Patch, Scim, ScimAuth, ScimGroups, ScimUsers } from "effect-research-sdk/scim"
import {
  Fault,
  FaultPlan,
  FlowservTestServer,
  injectFaults,
  layerHttpClient,
  OdmTestServer,
  syntheticApi
} from "effect-research-sdk/testkit"
import { UndiciHttpClient } from "effect-research-sdk/undici"

export const FlowservLive = Flowserv.layer({ url: "http://localhost:5000/flowserv/api/v1" }).pipe(
  Layer.provide(FetchHttpClient.layer)
)
export const FlowservUndici = Flowserv.layerConfig().pipe(Layer.provide(UndiciHttpClient.layer))
export const ScimLive = Scim.layer({
  url: "https://idp.example.org/scim/v2",
  auth: ScimAuth.bearer(Redacted.make("t"))
})
export const OdmLive = Odm.layer({ host: "https://odm.example.org", token: Redacted.make("t") })

export const login = (username: string, password: string) =>
  Effect.flatMap(Users, (users) => users.login(username, Redacted.make(password)))
export const getGroup = (id: string) => Effect.flatMap(Groups, (groups) => groups.get(id))
export const groupsOf = (workflowId: string) =>
  Stream.unwrap(Effect.map(Groups, (groups) => groups.list({ workflowId })))
export const workflow = (id: string) => Effect.flatMap(Workflows, (workflows) => workflows.get(id))
export const leaderboard = (id: string) =>
  Effect.flatMap(Workflows, (workflows) => workflows.leaderboard(id)).pipe(Effect.map(Option.getOrUndefined))
export const upload = (groupId: string) =>
  Effect.flatMap(Uploads, (uploads) => uploads.upload(groupId, UploadFile.fromBytes("names.txt", "Alice\n")))
export const runOnce = (groupId: string, fileId: string) =>
  Effect.gen(function*() {
    const runs = yield* Runs
    const run = yield* runs.start(groupId, { names: RunArguments.file(fileId) })
    return yield* runs.awaitSuccess(run.id)
  })
export const archive = (runId: string) => Stream.unwrap(Effect.map(Runs, (runs) => runs.downloadArchive(runId)))
export const saveArchive = (runId: string, path: string) => archive(runId).pipe(NodeFiles.writeStream(path))
export const asAlice = <A, E, R>(token: Redacted.Redacted<string>, self: Effect.Effect<A, E, R>) =>
  self.pipe(withToken(token), RequestOptions.withRetryPolicy(Retry.policy({ maxAttempts: 2 })))

export const curators = Stream.unwrap(
  Effect.map(ScimGroups, (groups) => groups.list({ filter: Filter.eq("displayName", "Curators"), pageSize: 50 }))
)
export const rename = (id: string) =>
  Effect.flatMap(ScimGroups, (groups) => groups.patch(id, [Patch.rename("Editors")]))
export const user = (id: string) => Effect.flatMap(ScimUsers, (users) => users.get(id))

export const numbers = Paging.offsetItems({
  start: 0,
  pageSize: 10,
  fetch: (offset: number, limit: number) =>
    Effect.succeed({ items: Array.from({ length: limit }, (_, i) => offset + i), total: 100 })
})

export const TestFlowserv = FlowservTestServer.layerFlowserv()
export const TestOdm = OdmTestServer.layerScim()
export const flaky = injectFaults(
  syntheticApi({ total: 10 }).handler,
  FaultPlan.random({ seed: 1, probability: 0.2, faults: [Fault.Status({ status: 503 })] })
)
export const FlakyHttp = layerHttpClient(flaky.handler)
