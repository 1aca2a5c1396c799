/**
 * The HTTP face of the Agave test server: every route the SDK's records call (matched with the
 * records' own path templates), answered from a {@link Tenant} in Agave's envelope
 * (`{"status", "message", "version", "result"}`), the gateway's 401 fault for a missing, unknown or
 * expired token, plain OAuth JSON at the token endpoint, streamed downloads, and the `naked` and
 * `filter` query parameters as the servers read them.
 *
 * @since 0.1.0
 */
import type * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { AppRecords } from "../../agave/records/Apps.js"
import { TenantRecords, TokenRecords } from "../../agave/records/Auth.js"
import { FileRecords } from "../../agave/records/Files.js"
import { JobExtraRecords, JobRecords } from "../../agave/records/Jobs.js"
import { ProfileRecords } from "../../agave/records/Profiles.js"
import { SystemRecords } from "../../agave/records/Systems.js"
import * as PathTemplate from "../../core/PathTemplate.js"
import type { Handler } from "../http/Handler.js"
import type { CompileTemplate } from "../http/PathMatch.js"
import * as Router from "../http/Router.js"
import { actorRoutes } from "./ActorRoutes.js"
import type { UploadRequest } from "./Files.js"
import { metaRoutes } from "./MetaRoutes.js"
import { notificationRoutes } from "./NotificationRoutes.js"
import type { Op, Outcome } from "./Outcome.js"
import { Refusal } from "./Outcome.js"
import type { Tenant } from "./Tenant.js"

/**
 * The version the envelope reports.
 *
 * @since 0.1.0
 * @category constants
 */
export const version = "2.2.27-test"

const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })

const envelope = (status: number, message: string | null, result: unknown) =>
  jsonResponse(status, { status: status < 400 ? "success" : "error", message, version, result })

const failure = (refusal: Refusal) => envelope(refusal.status, refusal.message, null)

// The fields `filter=a,b.c` keeps, at every item.
const pick = (value: unknown, fields: ReadonlyArray<ReadonlyArray<string>>): unknown => {
  if (Array.isArray(value)) return value.map((item) => pick(item, fields))
  if (typeof value !== "object" || value === null) return value
  const out: Record<string, unknown> = {}
  for (const path of fields) {
    let from: unknown = value
    let to = out
    for (let i = 0; i < path.length; i++) {
      if (typeof from !== "object" || from === null || !(path[i]! in from)) break
      from = (from as Record<string, unknown>)[path[i]!]
      if (i === path.length - 1) to[path[i]!] = from
      else to = (to[path[i]!] ??= {}) as Record<string, unknown>
    }
  }
  return out
}

const answer = <A>(outcome: Outcome<A>, url: URL): Response => {
  if (outcome._tag === "Refusal") return failure(outcome)
  const filter = url.searchParams.get("filter")
  const result = filter === null || filter === ""
    ? outcome.result
    : pick(outcome.result, filter.split(",").map((f) => f.split(".")))
  return url.searchParams.get("naked") === "true"
    ? jsonResponse(outcome.status, result)
    : envelope(outcome.status, null, result)
}

// A download: the bytes as a stream of 64 KiB chunks, outside the envelope.
const download = (outcome: Outcome<Uint8Array>): Response => {
  if (outcome._tag === "Refusal") return failure(outcome)
  const bytes = outcome.result
  let offset = 0
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close()
      controller.enqueue(bytes.slice(offset, offset + 65536))
      offset += 65536
    }
  })
  return new Response(body, {
    status: 200,
    headers: { "content-type": "application/octet-stream", "content-length": String(bytes.length) }
  })
}

// The records' own templates, read by the records' own path matcher.
const compileTemplate: CompileTemplate = (template) => {
  const compiled = PathTemplate.make(template)
  return {
    template,
    match: (pathname) => compiled.match(pathname),
    specificity: template.split("/").filter((segment) => segment !== "" && !segment.startsWith("{")).length
  }
}

const basic = (authorization: string | null): { readonly key: string; readonly secret: string } | undefined => {
  const match = authorization === null ? null : /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization)
  if (match === null) return undefined
  let decoded: string
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(atob(match[1]!), (c) => c.charCodeAt(0)))
  } catch {
    return undefined
  }
  const colon = decoded.indexOf(":")
  return colon === -1 ? undefined : { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) }
}

const badRequest = (message: string) => new Refusal(400, message)

const readJson = async (request: Request): Promise<unknown> => {
  const text = await request.text()
  try {
    return JSON.parse(text)
  } catch {
    throw badRequest("The request body is not valid JSON")
  }
}

const readForm = async (request: Request): Promise<URLSearchParams> => new URLSearchParams(await request.text())

const readUpload = async (request: Request): Promise<UploadRequest> => {
  let data: FormData
  try {
    data = await request.formData()
  } catch {
    throw badRequest("The request body is not a valid multipart form")
  }
  const text = (name: string) => {
    const value = data.get(name)
    return typeof value === "string" ? value : undefined
  }
  const file = data.get("fileToUpload")
  return {
    fileName: text("fileName"),
    fileType: text("fileType"),
    callbackURL: text("callbackURL"),
    urlToIngest: text("urlToIngest"),
    file: file === null || typeof file === "string"
      ? undefined
      : { filename: file.name, content: new Uint8Array(await file.arrayBuffer()) }
  }
}

/**
 * Options of the routes.
 *
 * @since 0.1.0
 * @category models
 */
export interface AgaveRoutesOptions {
  /** The clock the tenant's operations read (the test's `TestClock`, say). */
  readonly clock: Clock.Clock
}

type Params = Readonly<Record<string, string>>

/**
 * A route's answer for an authenticated caller.
 *
 * @since 0.1.0
 * @category models
 */
export type Authed = (user: string, params: Params, request: Request, url: URL) => Response | Promise<Response>

/**
 * What a service's routes (in their own module) are made with: a route for a record behind the
 * gateway, an operation's answer in the envelope, a JSON body read or refused with 400.
 *
 * @since 0.1.0
 * @category models
 */
export interface RouteKit {
  readonly on: (
    record: { readonly method: string; readonly path: { readonly template: string } },
    handle: Authed
  ) => Router.Route
  readonly run: <A>(op: Op<A>, url: URL) => Response
  readonly readJson: (request: Request) => Promise<unknown>
}

/**
 * The handler of a tenant.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeRoutes = (tenant: Tenant, options: AgaveRoutesOptions): Handler => {
  const exec = <A>(op: Op<A>): Outcome<A> => Effect.runSync(Effect.withClock(op, options.clock))
  const run = <A>(op: Op<A>, url: URL) => answer(exec(op), url)

  // Every route but the token endpoint and tenant discovery is behind the gateway.
  const authed = (handle: Authed) => async ({ params, request, url }: Router.RouteContext) => {
    const verdict = Effect.runSync(
      Effect.withClock(tenant.tokens.authenticate(request.headers.get("authorization") ?? undefined), options.clock)
    )
    if (verdict._tag === "Fault") return jsonResponse(verdict.status, { fault: verdict.fault })
    try {
      return await handle(verdict.username, params, request, url)
    } catch (error) {
      if (error instanceof Refusal) return failure(error)
      throw error
    }
  }
  const on = (record: { readonly method: string; readonly path: { readonly template: string } }, handle: Authed) =>
    Router.route(record.method, record.path.template, authed(handle))
  const also = (method: string, template: string, handle: Authed) => Router.route(method, template, authed(handle))

  const kit: RouteKit = { on, run, readJson }
  const { apps, files, jobs, profiles, systems } = tenant
  const q = (url: URL) => url.searchParams
  const system = (p: Params) => p["systemId"]

  const routes: Array<Router.Route> = [
    Router.route(TokenRecords.token.method, TokenRecords.token.path.template, async ({ request }) => {
      const granted = Effect.runSync(
        Effect.withClock(
          tenant.tokens.grant(basic(request.headers.get("authorization")), await readForm(request)),
          options.clock
        )
      )
      return granted._tag === "Token" ? jsonResponse(200, granted.body) : jsonResponse(granted.status, granted.body)
    }),
    Router.route(
      TenantRecords.list.method,
      TenantRecords.list.path.template,
      () => envelope(200, null, tenant.tenants())
    ),

    on(ProfileRecords.list, (_, __, ___, url) => run(profiles.list(q(url)), url)),
    on(
      ProfileRecords.create,
      async (user, _, request, url) => run(profiles.create(user, await readForm(request)), url)
    ),
    on(ProfileRecords.get, (user, _, __, url) => run(profiles.me(user), url)),
    on(ProfileRecords.listByUsername, (_, p, __, url) => run(profiles.get(p["username"]!), url)),
    on(
      ProfileRecords.update,
      async (user, p, request, url) => run(profiles.update(user, p["username"]!, await readForm(request)), url)
    ),
    on(ProfileRecords.delete, (user, p, _, url) => run(profiles.delete(user, p["username"]!), url)),

    on(SystemRecords.list, (user, _, __, url) => run(systems.list(user, q(url)), url)),
    on(SystemRecords.add, async (user, _, request, url) => run(systems.add(user, await readJson(request)), url)),
    on(SystemRecords.get, (user, p, _, url) => run(systems.get(user, p["systemId"]!), url)),
    on(
      SystemRecords.update,
      async (user, p, request, url) => run(systems.update(user, p["systemId"]!, await readJson(request)), url)
    ),
    on(
      SystemRecords.manage,
      async (user, p, request, url) => run(systems.manage(user, p["systemId"]!, await readJson(request)), url)
    ),
    on(SystemRecords.delete, (user, p, _, url) => run(systems.delete(user, p["systemId"]!), url)),
    on(SystemRecords.listRoles, (user, p, _, url) => run(systems.listRoles(user, p["systemId"]!, q(url)), url)),
    on(
      SystemRecords.updateRole,
      async (user, p, request, url) =>
        run(systems.updateRole(user, p["systemId"]!, undefined, await readJson(request)), url)
    ),
    on(SystemRecords.deleteRoles, (user, p, _, url) => run(systems.deleteRoles(user, p["systemId"]!), url)),
    on(
      SystemRecords.getRoleForUser,
      (user, p, _, url) => run(systems.getRole(user, p["systemId"]!, p["username"]!), url)
    ),
    on(
      SystemRecords.updateRoleForUser,
      async (user, p, request, url) =>
        run(systems.updateRole(user, p["systemId"]!, p["username"]!, await readJson(request)), url)
    ),
    on(
      SystemRecords.deleteRoleForUser,
      (user, p, _, url) => run(systems.deleteRoles(user, p["systemId"]!, p["username"]!), url)
    ),
    on(
      SystemRecords.listCredentials,
      (user, p, _, url) => run(systems.listCredentials(user, p["systemId"]!, undefined, undefined, q(url)), url)
    ),
    on(
      SystemRecords.updateCredentials,
      async (user, p, request, url) =>
        run(systems.updateCredentials(user, p["systemId"]!, undefined, undefined, await readJson(request)), url)
    ),
    on(SystemRecords.deleteCredentials, (user, p, _, url) => run(systems.deleteCredentials(user, p["systemId"]!), url)),
    on(
      SystemRecords.listCredentialsForInternalUser,
      (user, p, _, url) =>
        run(systems.listCredentials(user, p["systemId"]!, p["internalUsername"]!, undefined, q(url)), url)
    ),
    on(
      SystemRecords.updateCredentialsForInternalUser,
      async (user, p, request, url) =>
        run(
          systems.updateCredentials(user, p["systemId"]!, p["internalUsername"]!, undefined, await readJson(request)),
          url
        )
    ),
    on(
      SystemRecords.deleteCredentialsForInternalUser,
      (user, p, _, url) => run(systems.deleteCredentials(user, p["systemId"]!, p["internalUsername"]!), url)
    ),
    on(
      SystemRecords.listCredentialsForInternalUserByType,
      (user, p, _, url) =>
        run(systems.listCredentials(user, p["systemId"]!, p["internalUsername"]!, p["credentialType"]!, q(url)), url)
    ),
    on(
      SystemRecords.updateCredentialsForInternalUserByType,
      async (user, p, request, url) =>
        run(
          systems.updateCredentials(
            user,
            p["systemId"]!,
            p["internalUsername"]!,
            p["credentialType"]!,
            await readJson(request)
          ),
          url
        )
    ),
    on(
      SystemRecords.deleteCredentialsForInternalUserByType,
      (user, p, _, url) =>
        run(systems.deleteCredentials(user, p["systemId"]!, p["internalUsername"]!, p["credentialType"]!), url)
    ),

    on(AppRecords.list, (user, _, __, url) => run(apps.list(user, q(url)), url)),
    on(AppRecords.add, async (user, _, request, url) => run(apps.add(user, await readJson(request)), url)),
    on(AppRecords.get, (user, p, _, url) => run(apps.get(user, p["appId"]!), url)),
    on(
      AppRecords.update,
      async (user, p, request, url) => run(apps.update(user, p["appId"]!, await readJson(request)), url)
    ),
    on(
      AppRecords.manage,
      async (user, p, request, url) => run(apps.manage(user, p["appId"]!, await readJson(request)), url)
    ),
    on(AppRecords.delete, (user, p, _, url) => run(apps.delete(user, p["appId"]!), url)),
    on(AppRecords.listPermissions, (user, p, _, url) => run(apps.listPermissions(user, p["appId"]!, q(url)), url)),
    on(
      AppRecords.updateApplicationPermissions,
      async (user, p, request, url) =>
        run(apps.updatePermission(user, p["appId"]!, undefined, await readJson(request)), url)
    ),
    on(AppRecords.deletePermissions, (user, p, _, url) => run(apps.deletePermissions(user, p["appId"]!), url)),
    on(
      AppRecords.listPermissionsForUser,
      (user, p, _, url) => run(apps.getPermission(user, p["appId"]!, p["username"]!), url)
    ),
    on(
      AppRecords.updatePermissionsForUser,
      async (user, p, request, url) =>
        run(apps.updatePermission(user, p["appId"]!, p["username"]!, await readJson(request)), url)
    ),
    on(
      AppRecords.deletePermissionsForUser,
      (user, p, _, url) => run(apps.deletePermissions(user, p["appId"]!, p["username"]!), url)
    ),
    on(
      AppRecords.listByName,
      (user, p, _, url) => run(apps.list(user, q(url), { field: "name", value: p["name"]! }), url)
    ),
    on(
      AppRecords.listByTag,
      (user, p, _, url) => run(apps.list(user, q(url), { field: "tags", value: p["tag"]! }), url)
    ),
    on(
      AppRecords.listByOntologyTerm,
      (user, p, _, url) => run(apps.list(user, q(url), { field: "ontology", value: p["term"]! }), url)
    ),
    on(
      AppRecords.listBySystemId,
      (user, p, _, url) => run(apps.list(user, q(url), { field: "executionSystem", value: p["systemId"]! }), url)
    ),
    on(AppRecords.getJobSubmissionForm, (user, p, _, url) => run(apps.form(user, p["appId"]!), url)),

    on(
      FileRecords.downloadFromDefaultSystem,
      (user, p) => download(exec(files.download(user, undefined, p["sourcefilePath"]!)))
    ),
    on(
      FileRecords.importToDefaultSystem,
      async (user, p, request, url) =>
        run(files.upload(user, undefined, p["sourcefilePath"]!, await readUpload(request)), url)
    ),
    on(
      FileRecords.manageOnDefaultSystem,
      async (user, p, request, url) =>
        run(files.manage(user, undefined, p["sourcefilePath"]!, await readJson(request)), url)
    ),
    on(
      FileRecords.deleteFromDefaultSystem,
      (user, p, _, url) => run(files.delete(user, undefined, p["sourcefilePath"]!), url)
    ),
    on(FileRecords.download, (user, p) => download(exec(files.download(user, system(p), p["filePath"]!)))),
    on(
      FileRecords.importData,
      async (user, p, request, url) =>
        run(files.upload(user, system(p), p["filePath"]!, await readUpload(request)), url)
    ),
    on(
      FileRecords.manage,
      async (user, p, request, url) => run(files.manage(user, system(p), p["filePath"]!, await readJson(request)), url)
    ),
    on(FileRecords.delete, (user, p, _, url) => run(files.delete(user, system(p), p["filePath"]!), url)),
    on(
      FileRecords.listOnDefaultSystem,
      (user, p, _, url) => run(files.list(user, undefined, p["filePath"]!, q(url)), url)
    ),
    on(FileRecords.list, (user, p, _, url) => run(files.list(user, system(p), p["filePath"]!, q(url)), url)),
    on(
      FileRecords.getHistoryOnDefaultSystem,
      (user, p, _, url) => run(files.history(user, undefined, p["filePath"]!, q(url)), url)
    ),
    on(FileRecords.getHistory, (user, p, _, url) => run(files.history(user, system(p), p["filePath"]!, q(url)), url)),
    on(
      FileRecords.listPermissionsOnDefaultSystem,
      (user, p, _, url) => run(files.listPermissions(user, undefined, p["filePath"]!, q(url)), url)
    ),
    on(
      FileRecords.updatePermissionsOnDefaultSystem,
      async (user, p, request, url) =>
        run(files.updatePermissions(user, undefined, p["filePath"]!, await readJson(request)), url)
    ),
    on(
      FileRecords.listPermissions,
      (user, p, _, url) => run(files.listPermissions(user, system(p), p["filePath"]!, q(url)), url)
    ),
    on(
      FileRecords.updatePermissions,
      async (user, p, request, url) =>
        run(files.updatePermissions(user, system(p), p["filePath"]!, await readJson(request)), url)
    ),
    on(
      FileRecords.deletePermissions,
      (user, p, _, url) => run(files.deletePermissions(user, system(p), p["filePath"]!), url)
    ),

    on(JobRecords.list, (user, _, __, url) => run(jobs.list(user, q(url)), url)),
    on(JobRecords.submit, async (user, _, request, url) => run(jobs.submit(user, await readJson(request)), url)),
    on(JobRecords.get, (user, p, _, url) => run(jobs.get(user, p["jobId"]!), url)),
    on(
      JobRecords.manage,
      async (user, p, request, url) => run(jobs.manage(user, p["jobId"]!, await readJson(request)), url)
    ),
    on(JobRecords.delete, (user, p, _, url) => run(jobs.delete(user, p["jobId"]!), url)),
    on(JobRecords.getHistory, (user, p, _, url) => run(jobs.history(user, p["jobId"]!, q(url)), url)),
    on(JobRecords.listPermissions, (user, p, _, url) => run(jobs.listPermissions(user, p["jobId"]!, q(url)), url)),
    on(
      JobRecords.updatePermissions,
      async (user, p, request, url) =>
        run(jobs.updatePermission(user, p["jobId"]!, undefined, await readJson(request)), url)
    ),
    on(JobRecords.deletePermissions, (user, p, _, url) => run(jobs.deletePermissions(user, p["jobId"]!), url)),
    on(
      JobRecords.listPermissionsForUser,
      (user, p, _, url) => run(jobs.getPermission(user, p["jobId"]!, p["username"]!), url)
    ),
    on(
      JobRecords.updatePermissionsForUser,
      async (user, p, request, url) =>
        run(jobs.updatePermission(user, p["jobId"]!, p["username"]!, await readJson(request)), url)
    ),
    on(
      JobRecords.deletePermissionsForUser,
      (user, p, _, url) => run(jobs.deletePermissions(user, p["jobId"]!, p["username"]!), url)
    ),
    on(JobRecords.getStatus, (user, p, _, url) => run(jobs.getStatus(user, p["jobId"]!), url)),
    on(
      JobRecords.listOutputs,
      (user, p, _, url) => run(jobs.listOutputs(user, p["jobId"]!, p["filePath"]!, q(url)), url)
    ),
    on(JobExtraRecords.listOutputsRoot, (user, p, _, url) => run(jobs.listOutputs(user, p["jobId"]!, "", q(url)), url)),
    also(
      "GET",
      "/jobs/v2/{jobId}/outputs/listings",
      (user, p, _, url) => run(jobs.listOutputs(user, p["jobId"]!, "", q(url)), url)
    ),
    on(JobRecords.downloadOutput, (user, p) => download(exec(jobs.downloadOutput(user, p["jobId"]!, p["filePath"]!)))),
    ...metaRoutes(tenant.meta, kit),
    ...notificationRoutes(tenant.notifications, kit),
    ...actorRoutes({ actors: tenant.actors, tokens: tenant.tokens, clock: options.clock })
  ]

  return Router.make(routes, {
    compile: compileTemplate,
    notFound: () => envelope(404, "The requested resource does not exist", null),
    methodNotAllowed: () => envelope(405, "Method not allowed", null),
    onError: () => envelope(500, "The test server failed", null)
  })
}
