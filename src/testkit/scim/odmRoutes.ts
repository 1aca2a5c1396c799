/**
 * The HTTP side of the ODM test server: ODM's paths below `/api/v1/scim`, its two credentials
 * (`Genestack-API-Token`, or `Authorization: bearer …`), its media types (bodies declared
 * `application/json`, answers `application/scim+json`), its status codes (201, 204 for PATCH of
 * groups and DELETE, no PUT) and its two error bodies: SCIM errors, and `{"error": {"message": …}}`
 * for 401 and 500.
 *
 * @since 0.1.0
 */
import type { Handler } from "../http/Handler.js"
import { groupFilter, userFilter } from "./odmFilter.js"
import { parsePatch, patchGroup, patchUser } from "./odmPatch.js"
import type { OdmGroup, OdmState, OdmUser } from "./OdmState.js"
import { OdmFailure } from "./OdmState.js"

/**
 * Options of the ODM routes.
 *
 * @since 0.1.0
 */
export interface OdmRoutesOptions {
  /** The SCIM root's path; `/api/v1/scim` as on ODM. */
  readonly basePath?: string
  /** ODM's page size when a query names no `count`: 100. */
  readonly defaultCount?: number
}

const scimType = "application/scim+json"

const answer = (status: number, body?: unknown): Response =>
  body === undefined
    ? new Response(null, { status })
    : new Response(JSON.stringify(body), { status, headers: { "content-type": scimType } })

const failure = (error: OdmFailure): Response =>
  error.status === 401 || error.status >= 500 || error.status === 405 || error.status === 415
    ? answer(error.status, { error: { message: error.message } })
    : answer(error.status, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
      status: String(error.status),
      ...(error.scimType === undefined ? {} : { scimType: error.scimType }),
      detail: error.message
    })

const iso = (millis: number) => new Date(millis).toISOString()

const integerParam = (url: URL, name: string): number | undefined => {
  const raw = url.searchParams.get(name)
  if (raw === null) return undefined
  if (!/^-?\d+$/.test(raw) || Math.abs(Number(raw)) > 2 ** 31 - 1) {
    throw new OdmFailure(400, `Parameter '${name}' must be an int32`, "invalidValue")
  }
  return Number(raw)
}

// Whether members are returned: unless `excludedAttributes` names them, alone or in a list.
const membersWanted = (url: URL): boolean =>
  !(url.searchParams.get("excludedAttributes") ?? "").split(",").some((a) => a.trim().toLowerCase() === "members")

/**
 * The request handler of the ODM test server.
 *
 * @since 0.1.0
 */
export const makeOdmRoutes = (state: OdmState, options: OdmRoutesOptions = {}): Handler => {
  const basePath = (options.basePath ?? "/api/v1/scim").replace(/\/+$/, "")
  const defaultCount = options.defaultCount ?? 100

  const caller = (request: Request): OdmUser => {
    const authorization = /^bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1]
    const token = request.headers.get("genestack-api-token") ?? authorization
    const user = token === undefined ? undefined : state.userByToken(token.trim())
    if (user === undefined) throw new OdmFailure(401, "User is not authenticated")
    return user
  }

  const readBody = async (request: Request): Promise<Record<string, unknown>> => {
    const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase()
    if (mediaType !== "application/json") {
      throw new OdmFailure(415, `Content type '${mediaType || "none"}' not supported`)
    }
    let body: unknown
    try {
      body = JSON.parse(await request.text())
    } catch {
      throw new OdmFailure(400, "Malformed JSON request body", "invalidSyntax")
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw new OdmFailure(400, "The request body must be a JSON object", "invalidSyntax")
    }
    return body as Record<string, unknown>
  }

  const origin = (url: URL) => url.origin + basePath

  const groupJson = (group: OdmGroup, url: URL, withMembers = true) => ({
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
    id: group.id,
    displayName: group.displayName,
    ...(group.externalId === undefined ? {} : { externalId: group.externalId }),
    ...(withMembers
      ? {
        members: [...group.members.keys()].map((id) => ({
          value: id,
          display: state.users.get(id)?.displayName ?? id,
          $ref: `${origin(url)}/Users/${id}`
        }))
      }
      : {}),
    meta: { resourceType: "Group", created: iso(group.created), lastModified: iso(group.lastModified) }
  })

  const userJson = (user: OdmUser) => ({
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    id: user.id,
    userName: user.userName,
    displayName: user.displayName,
    active: user.active,
    emails: user.email === undefined ? [] : [{ type: "work", value: user.email, primary: true }],
    ...(user.externalId === undefined ? {} : { externalId: user.externalId }),
    meta: { resourceType: "User", created: iso(user.created), lastModified: iso(user.lastModified) }
  })

  // RFC 7644 §3.4.2.4: startIndex below 1 means 1, a negative count means 0.
  const page = <A>(url: URL, all: ReadonlyArray<A>, render: (a: A) => unknown) => {
    const startIndex = Math.max(1, integerParam(url, "startIndex") ?? 1)
    const count = Math.max(0, integerParam(url, "count") ?? defaultCount)
    const resources = all.slice(startIndex - 1, startIndex - 1 + count).map(render)
    return answer(200, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
      totalResults: all.length,
      startIndex,
      itemsPerPage: resources.length,
      Resources: resources
    })
  }

  // Only `filter` and `excludedAttributes=members` are read: ODM ignores other spellings and values.
  // The same reading for a listing and a single group.
  const findGroups = (request: Request, url: URL) => {
    const user = caller(request)
    const filter = url.searchParams.get("filter")
    const matches = filter === null ? () => true : groupFilter(filter)
    return page(url, state.visibleGroups(user).filter(matches), (g) => groupJson(g, url, membersWanted(url)))
  }

  const createGroup = async (request: Request, url: URL) => {
    const user = caller(request)
    const body = await readBody(request)
    const { displayName, externalId, members } = body
    if (typeof displayName !== "string" || displayName === "") {
      throw new OdmFailure(400, "displayName is required", "invalidValue")
    }
    if (externalId !== undefined && typeof externalId !== "string") {
      throw new OdmFailure(400, "externalId must be a string", "invalidValue")
    }
    if (members !== undefined && !(Array.isArray(members) && members.length === 0)) {
      throw new OdmFailure(400, "The members attribute must be empty when a group is created", "invalidValue")
    }
    return answer(201, groupJson(state.createGroup(user, displayName, externalId), url))
  }

  const groupRoutes = async (request: Request, url: URL, id: string) => {
    const user = caller(request)
    switch (request.method) {
      case "GET": {
        return answer(200, groupJson(state.visibleGroup(user, id), url, membersWanted(url)))
      }
      case "PATCH": {
        const group = state.administeredGroup(user, id)
        const touched = patchGroup(state, group, parsePatch(await readBody(request)))
        return touched ? answer(204) : answer(200, groupJson(group, url))
      }
      case "DELETE":
        state.groups.delete(state.administeredGroup(user, id).id)
        return answer(204)
    }
    throw new OdmFailure(405, `Request method '${request.method}' is not supported`)
  }

  const findUsers = (request: Request, url: URL) => {
    state.requireManageOrganization(caller(request))
    const filter = url.searchParams.get("filter")
    const matches = filter === null ? () => true : userFilter(filter)
    return page(url, [...state.users.values()].filter((u) => u.active && matches(u)), userJson)
  }

  // Creates, or updates the user with the same login. One e-mail at most.
  const createUser = async (request: Request) => {
    state.requireManageOrganization(caller(request))
    const { active, displayName, emails, externalId, userName } = await readBody(request)
    if (typeof userName !== "string" || userName === "") {
      throw new OdmFailure(400, "userName is required", "invalidValue")
    }
    if (typeof displayName !== "string" || displayName === "") {
      throw new OdmFailure(400, "displayName is required", "invalidValue")
    }
    if (emails !== undefined && (!Array.isArray(emails) || emails.length > 1)) {
      throw new OdmFailure(400, "Only one email can be specified", "invalidValue")
    }
    const email = (emails?.[0] as { value?: unknown } | undefined)?.value
    if (email !== undefined && typeof email !== "string") throw new OdmFailure(400, "Invalid email", "invalidValue")
    const existing = state.userByName(userName)
    for (const other of state.users.values()) {
      if (email !== undefined && other.email === email && other !== existing) {
        throw new OdmFailure(409, `Email '${email}' is used by another user`, "uniqueness")
      }
    }
    const user = existing ?? state.addUser({ userName, displayName })
    user.displayName = displayName
    user.email = email ?? user.email
    user.externalId = typeof externalId === "string" ? externalId : user.externalId
    user.active = typeof active === "boolean" ? active : true
    user.lastModified = state.now()
    return answer(201, userJson(user))
  }

  const userRoutes = async (request: Request, id: string) => {
    state.requireManageOrganization(caller(request))
    switch (request.method) {
      case "GET":
        return answer(200, userJson(state.activeUser(id)))
      case "PATCH": {
        const user = state.anyUser(id)
        patchUser(state, user, parsePatch(await readBody(request)))
        return answer(200, userJson(user))
      }
      case "DELETE":
        state.activeUser(id).active = false
        return answer(204)
    }
    throw new OdmFailure(405, `Request method '${request.method}' is not supported`)
  }

  const route = async (request: Request): Promise<Response> => {
    const url = new URL(request.url)
    const injected = state.failures.shift()
    if (injected !== undefined) throw new OdmFailure(injected, "Injected failure")
    if (!url.pathname.startsWith(basePath + "/")) throw new OdmFailure(404, "Not found")
    const [collection, id, ...rest] = url.pathname.slice(basePath.length + 1).split("/").map(decodeURIComponent)
    if (rest.length > 0) throw new OdmFailure(404, "Not found")
    if (collection === "Groups" && id === undefined) {
      if (request.method === "GET") return findGroups(request, url)
      if (request.method === "POST") return createGroup(request, url)
    } else if (collection === "Groups" && id !== undefined) {
      return groupRoutes(request, url, id)
    } else if (collection === "Users" && id === undefined) {
      if (request.method === "GET") return findUsers(request, url)
      if (request.method === "POST") return createUser(request)
    } else if (collection === "Users" && id !== undefined) {
      return userRoutes(request, id)
    } else {
      throw new OdmFailure(404, "Not found")
    }
    throw new OdmFailure(405, `Request method '${request.method}' is not supported`)
  }

  return async (request) => {
    try {
      return await route(request)
    } catch (error) {
      if (error instanceof OdmFailure) return failure(error)
      return failure(new OdmFailure(500, "Internal server error"))
    }
  }
}
