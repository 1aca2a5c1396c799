/**
 * A real SCIM 2.0 server for the tests: SCIMMY (scimmy 1.3 + scimmy-routers 1.3 on express 4)
 * with an in-memory store, on 127.0.0.1 at a free port. SCIMMY does the protocol (filters,
 * PatchOp, ListResponse paging, SCIM errors); the store only keeps resources and enforces unique
 * names (409 `uniqueness`), as real providers do.
 */
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import express from "express"
import { randomUUID } from "node:crypto"
import type { AddressInfo } from "node:net"
import SCIMMY from "scimmy"
import SCIMMYRouters from "scimmy-routers"

type Stored = Record<string, unknown> & { id: string }

/** One server's data: resources by id, per endpoint. */
export interface ScimmyStore {
  readonly Groups: Map<string, Stored>
  readonly Users: Map<string, Stored>
}

interface Context {
  readonly store: ScimmyStore
}

type Kind = keyof ScimmyStore

// The attribute that must be unique per resource type.
const uniqueAttribute: Record<Kind, string> = { Groups: "displayName", Users: "userName" }

const plain = (value: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(value))

const handlers = (kind: Kind) => ({
  egress: (resource: { id?: string; filter?: { match: (values: Array<unknown>) => Array<unknown> } }, ctx: Context) => {
    const store = ctx.store[kind]
    if (resource.id !== undefined) {
      const found = store.get(resource.id)
      if (found === undefined) throw new SCIMMY.Types.Error(404, null!, `Resource ${resource.id} not found`)
      return found
    }
    const all = [...store.values()]
    if (resource.filter === undefined) return all
    // SCIMMY's matcher throws on a value path (`members[value eq "x"]`) over a resource that lacks
    // the attribute: match on copies with empty lists, return the stored resources.
    const copies = all.map((item) => ({ members: [], emails: [], ...item }))
    const matched = new Set(resource.filter.match(copies).map((item) => (item as Stored).id))
    return all.filter((item) => matched.has(item.id))
  },
  ingress: (resource: { id?: string }, instance: unknown, ctx: Context) => {
    const store = ctx.store[kind]
    const data = plain(instance)
    const unique = uniqueAttribute[kind]
    const key = String(data[unique] ?? "").toLowerCase()
    for (const other of store.values()) {
      if (other.id !== resource.id && String(other[unique] ?? "").toLowerCase() === key) {
        throw new SCIMMY.Types.Error(409, "uniqueness", `${unique} already in use`)
      }
    }
    const now = new Date()
    if (resource.id !== undefined) {
      const existing = store.get(resource.id)
      if (existing === undefined) throw new SCIMMY.Types.Error(404, null!, `Resource ${resource.id} not found`)
      const created = (existing.meta as { created: Date }).created
      const updated: Stored = { ...data, id: resource.id, meta: { created, lastModified: now } }
      store.set(resource.id, updated)
      return updated
    }
    const id = randomUUID()
    const stored: Stored = { ...data, id, meta: { created: now, lastModified: now } }
    store.set(id, stored)
    return stored
  },
  degress: (resource: { id?: string }, ctx: Context) => {
    if (resource.id === undefined || !ctx.store[kind].delete(resource.id)) {
      throw new SCIMMY.Types.Error(404, null!, `Resource ${resource.id} not found`)
    }
  }
})

let declared = false
// SCIMMY keeps its resource types in module state: declare them once, with handlers that work on
// whichever server's store the request's context names.
const declareOnce = () => {
  if (declared) return
  declared = true
  const group = handlers("Groups")
  const user = handlers("Users")
  SCIMMY.Resources.declare(
    SCIMMY.Resources.Group.egress(group.egress as any).ingress(group.ingress as any).degress(group.degress as any)
  )
  SCIMMY.Resources.declare(
    SCIMMY.Resources.User.egress(user.egress as any).ingress(user.ingress as any).degress(user.degress as any)
  )
}

/** How the server authenticates: a bearer token, or basic auth with a user name and password. */
export type ScimmyAuth =
  | { readonly type: "bearer"; readonly token: string }
  | { readonly type: "basic"; readonly username: string; readonly password: string }

export interface Scimmy {
  /** The SCIM root: `http://127.0.0.1:<port>/scim/v2`. */
  readonly url: string
  readonly store: ScimmyStore
  /** Requests received, in order: method and URL (path and query). */
  readonly requests: Array<{ readonly method: string; readonly url: string; readonly contentType?: string }>
}

/** SCIMMY on 127.0.0.1 at a free port for the lifetime of the scope. */
export const scimmy = (
  auth: ScimmyAuth = { type: "bearer", token: "scimmy-test-token" }
): Effect.Effect<Scimmy, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.async<{ server: import("node:http").Server; scim: Scimmy }>((resume) => {
      declareOnce()
      const store: ScimmyStore = { Groups: new Map(), Users: new Map() }
      const requests: Scimmy["requests"] = []
      const expected = auth.type === "bearer"
        ? `Bearer ${auth.token}`
        : `Basic ${Buffer.from(`${auth.username}:${auth.password}`, "utf8").toString("base64")}`
      const app = express()
      app.use((req, _res, next) => {
        const contentType = req.headers["content-type"]
        requests.push({ method: req.method, url: req.originalUrl, ...(contentType ? { contentType } : {}) })
        next()
      })
      app.use(
        "/scim/v2",
        new SCIMMYRouters({
          type: auth.type,
          docUri: "http://127.0.0.1/docs",
          handler: (req: express.Request) => {
            if (req.header("authorization") !== expected) throw new Error("Unauthorized")
            return "tester"
          },
          context: (): Context => ({ store })
        }) as unknown as express.Router
      )
      const server = app.listen(0, "127.0.0.1", () => {
        const port = (server.address() as AddressInfo).port
        resume(Effect.succeed({ server, scim: { url: `http://127.0.0.1:${port}/scim/v2`, store, requests } }))
      })
    }),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  ).pipe(Effect.map(({ scim }) => scim))
