/**
 * The routes of the flowserv web API (rob-webapi-flask 0.6.0 on flowserv-core 0.8.1) for users,
 * workflows, groups, runs, uploads and downloads, answering as the real server does: which check comes first, which status
 * and which exact message, and Flask's HTML pages where the app has no JSON answer.
 *
 * @since 0.1.0
 */
import type { Handler } from "../http/Handler.js"
import * as Flask from "./flask.js"
import type { FlowservState, ParameterDoc, WorkflowSeed } from "./FlowservState.js"
import { ServerFailure } from "./FlowservState.js"
import { contentBytes } from "./RunsState.js"
import { archiveResponse, fileResponse, makeViews } from "./views.js"
import { firstFilePart, parseOptions, secureFilename } from "./werkzeug.js"

/**
 * Options of the flowserv routes.
 *
 * @since 0.1.0
 */
export interface FlowservRoutesOptions {
  /** The API prefix; `/flowserv/api/v1` by default. */
  readonly basePath?: string
  /** The `url` the service descriptor reports (the real server builds it from its environment). */
  readonly serviceUrl?: string
  /** The largest request body accepted (`ROB_WEBAPI_CONTENTLENGTH`); 16 MiB by default. */
  readonly maxContentLength?: number
  /** Answer every download with 500, as the real server does (rob-webapi-flask 0.6.0 calls Flask 2.2's
   *  `send_file` with an argument it no longer has). By default files are served. */
  readonly failDownloads?: boolean
}

/** The route ids and patterns the real service descriptor lists (including routes it does not serve). */
const descriptorRoutes: ReadonlyArray<readonly [string, string]> = [
  ["files:delete", "uploads/{userGroupId}/files/{fileId}"],
  ["files:download", "uploads/{userGroupId}/files/{fileId}"],
  ["files:list", "uploads/{userGroupId}/files"],
  ["files:upload", "uploads/{userGroupId}/files"],
  ["groups:create", "workflows/{workflowId}/groups"],
  ["groups:delete", "groups/{userGroupId}"],
  ["groups:get", "groups/{userGroupId}"],
  ["groups:list", "groups"],
  ["groups:runs", "groups/{userGroupId}/runs?state={state}"],
  ["groups:update", "groups/{userGroupId}"],
  ["leaderboard", "workflows/{workflowId}/leaderboard?orderBy={orderBy}&includeAll={includeAll}"],
  ["runs:cancel", "runs/{runId}"],
  ["runs:delete", "runs/{runId}"],
  ["runs:download:archive", "runs/{runId}/downloads/archive"],
  ["runs:download:file", "runs/{runId}/downloads/files/{fileId}"],
  ["runs:get", "runs/{runId}"],
  ["runs:start", "groups/{userGroupId}/runs"],
  ["service", ""],
  ["users:activate", "users/activate"],
  ["users:list", "users"],
  ["users:login", "users/login"],
  ["users:logout", "users/logout"],
  ["users:pwd:request", "users/password/request"],
  ["users:pwd:reset", "users/password/reset"],
  ["users:register", "users/register"],
  ["users:whoami", "users/whoami"],
  ["workflows:download:archive", "workflows/{workflowId}/downloads/archive"],
  ["workflows:download:file", "workflows/{workflowId}/downloads/files/{fileId}"],
  ["workflows:get", "workflows/{workflowId}"],
  ["workflows:groups", "workflows/{workflowId}/groups"],
  ["workflows:list", "workflows"]
]

interface Context {
  readonly request: Request
  readonly params: ReadonlyArray<string>
  readonly url: URL
}

type Answer = Response | Promise<Response>

interface Route {
  readonly pattern: RegExp
  readonly methods: Partial<Record<string, (context: Context) => Answer>>
}

// A `<param>` of Flask's default converter: one segment, no slash.
const param = "([^/]+)"

/**
 * The request handler of the flowserv test server.
 *
 * @since 0.1.0
 */
export const makeRoutes = (state: FlowservState, options: FlowservRoutesOptions = {}): Handler => {
  const basePath = (options.basePath ?? "/flowserv/api/v1").replace(/\/+$/, "")
  const maxContentLength = options.maxContentLength ?? 16 * 1024 * 1024
  const serviceUrl = options.serviceUrl ?? "http://localhost:5000/flowserv/api/v1"

  const tokenOf = (request: Request): string | undefined =>
    request.headers.get("api_key") ?? request.headers.get("api-key") ?? undefined

  // ACCESS_TOKEN(request): only an absent header is refused here; the token is checked later, or not at all.
  const requireHeader = (request: Request): string => {
    const token = tokenOf(request)
    if (token === undefined) throw new ServerFailure(403, "not logged in")
    return token
  }

  // jsonbody(): Werkzeug refuses a body that is not `application/json` (or is malformed) with its HTML
  // page; then flowserv's validate_doc checks mandatory and unknown keys, on every endpoint.
  const readJson = async (
    request: Request,
    mandatory: ReadonlyArray<string>,
    optional: ReadonlyArray<string> = []
  ): Promise<Record<string, unknown> | Response> => {
    // get_json() refuses a non-JSON content type before reading; MAX_CONTENT_LENGTH is enforced when the
    // body is read, i.e. after the handler's own checks (the token header comes first).
    const mimetype = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase()
    const isJson = mimetype === "application/json" ||
      (mimetype.startsWith("application/") && mimetype.endsWith("+json"))
    if (!isJson) return Flask.html(request, 400)
    if (Number(request.headers.get("content-length") ?? "0") > maxContentLength) throw new ServerFailure(413, "")
    const bytes = new Uint8Array(await request.arrayBuffer())
    if (bytes.byteLength > maxContentLength) throw new ServerFailure(413, "")
    let doc: unknown
    try {
      doc = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes))
    } catch {
      return Flask.html(request, 400)
    }
    if (typeof doc !== "object" || doc === null) throw new ServerFailure(500, "internal error")
    const has = (key: string) => (Array.isArray(doc) ? doc.includes(key) : Object.hasOwn(doc as object, key))
    for (const key of mandatory) {
      if (!has(key)) throw new ServerFailure(400, `missing element '${key}'`)
    }
    if (Array.isArray(doc)) throw new ServerFailure(500, "internal error")
    for (const key of Object.keys(doc)) {
      if (!mandatory.includes(key) && !optional.includes(key)) throw new ServerFailure(400, `unknown element '${key}'`)
    }
    return doc as Record<string, unknown>
  }

  const withJson = (
    mandatory: ReadonlyArray<string>,
    optional: ReadonlyArray<string>,
    run: (context: Context, doc: Record<string, unknown>) => Answer
  ) =>
  async (context: Context): Promise<Response> => {
    const doc = await readJson(context.request, mandatory, optional)
    return doc instanceof Response ? doc : run(context, doc)
  }

  const userDoc = (user: { id: string; username: string; key: { value: string } | undefined }) => ({
    id: user.id,
    username: user.username,
    token: user.key?.value
  })

  const views = makeViews(state)

  // Callers look the file up before this (so unknown ones are 404 there too, as on the real server);
  // the failure comes before the body is built, so no archive is read only to be thrown away.
  const download = (answer: () => Response | Promise<Response>): Response | Promise<Response> => {
    if (options.failDownloads === true) throw new ServerFailure(500, "send_file() got an unexpected keyword argument")
    return answer()
  }

  // request.files: a multipart body, read up to the size limit; the first file part named `file` is the
  // only one looked at. Its name is read from the raw part header as Werkzeug reads it, then cleaned
  // with secure_filename, as rob-webapi-flask does before flowserv sees it.
  const readUpload = async (request: Request): Promise<{ name: string; bytes: Uint8Array }> => {
    if (Number(request.headers.get("content-length") ?? "0") > maxContentLength) throw new ServerFailure(413, "")
    const type = (request.headers.get("content-type") ?? "").toLowerCase()
    if (!type.startsWith("multipart/form-data") || request.body === null) {
      throw new ServerFailure(400, "no file request")
    }
    const chunks: Array<Uint8Array> = []
    let size = 0
    const reader = request.body.getReader()
    for (;;) {
      const { done, value } = await reader.read().catch((cause) => {
        throw new RequestBodyBroken(cause)
      })
      if (done) break
      size += value.length
      if (size > maxContentLength) {
        await reader.cancel()
        throw new ServerFailure(413, "")
      }
      chunks.push(value)
    }
    const body = new Uint8Array(size)
    let offset = 0
    for (const chunk of chunks) {
      body.set(chunk, offset)
      offset += chunk.length
    }
    const boundary = parseOptions(request.headers.get("content-type")!).get("boundary") ?? ""
    const part = firstFilePart(body, boundary, "file")
    // Werkzeug's form parser gives up silently on a body it cannot read: there are no files then.
    if (part._tag !== "File") throw new ServerFailure(400, "no file request")
    if (part.filename === "") throw new ServerFailure(400, "empty file name")
    return { name: secureFilename(part.filename), bytes: part.content }
  }

  const groupDescriptor = (group: { id: string; name: string; workflowId: string }) => ({
    id: group.id,
    name: group.name,
    workflow: group.workflowId
  })

  const groupHandle = (
    group: { id: string; name: string; workflowId: string; members: ReadonlyArray<string> },
    withRuns: boolean
  ) => ({
    ...groupDescriptor(group),
    config: null,
    files: state.runs.uploadsOf(group.id).map(views.uploadDoc),
    members: group.members.flatMap((id) => {
      const user = state.user(id)
      return user === undefined ? [] : [{ id: user.id, username: user.username }]
    }),
    parameters: state.workflow(group.workflowId).parameters as ReadonlyArray<ParameterDoc>,
    runs: withRuns ? state.runs.runsOf(group.id).map(views.runDescriptor) : undefined
  })

  const workflowDescriptor = (workflow: WorkflowSeed) => ({
    id: workflow.id,
    name: workflow.name,
    description: workflow.description,
    instructions: workflow.instructions
  })

  const ok = (request: Request, body: unknown, status = 200) => Flask.json(request, status, body)

  const routes: ReadonlyArray<Route> = [
    {
      pattern: /^\/$/,
      methods: {
        GET: ({ request }) => {
          const user = state.authenticate(tokenOf(request))
          return ok(request, {
            name: "Reproducible and Reusable Data Analysis Workflow Server (API)",
            version: "0.8.1",
            url: serviceUrl,
            routes: descriptorRoutes.map(([id, pattern]) => ({ id, pattern })),
            username: user?.username
          })
        }
      }
    },
    {
      pattern: /^\/users$/,
      methods: {
        GET: ({ request, url }) => {
          requireHeader(request)
          return ok(request, { users: state.listUsers(url.searchParams.get("query")).map(userDoc) })
        }
      }
    },
    {
      pattern: /^\/users\/register$/,
      methods: {
        POST: withJson(["username", "password"], ["verify"], ({ request }, doc) => {
          const verify = Object.hasOwn(doc, "verify") ? Flask.truthy(doc.verify) : true
          return ok(request, userDoc(state.register(doc.username, doc.password, verify)), 201)
        })
      }
    },
    {
      pattern: /^\/users\/activate$/,
      methods: {
        POST: withJson(["id"], [], ({ request }, doc) => ok(request, userDoc(state.activate(doc.id))))
      }
    },
    {
      pattern: /^\/users\/login$/,
      methods: {
        POST: withJson(
          ["username", "password"],
          [],
          ({ request }, doc) => ok(request, userDoc(state.login(doc.username, doc.password)))
        )
      }
    },
    {
      pattern: /^\/users\/logout$/,
      methods: {
        POST: ({ request }) => ok(request, userDoc(state.logout(requireHeader(request))))
      }
    },
    {
      pattern: /^\/users\/whoami$/,
      methods: {
        GET: ({ request }) => ok(request, userDoc(state.whoami(requireHeader(request))))
      }
    },
    {
      pattern: /^\/users\/password\/request$/,
      methods: {
        POST: withJson(
          ["username"],
          [],
          ({ request }, doc) => ok(request, { requestId: state.requestPasswordReset(doc.username) })
        )
      }
    },
    {
      pattern: /^\/users\/password\/reset$/,
      methods: {
        POST: withJson(
          ["requestId", "password"],
          [],
          ({ request }, doc) => ok(request, userDoc(state.resetPassword(doc.requestId, doc.password)))
        )
      }
    },
    {
      pattern: /^\/workflows$/,
      methods: {
        GET: ({ request }) => ok(request, { workflows: state.workflows().map(workflowDescriptor) })
      }
    },
    {
      pattern: new RegExp(`^/workflows/${param}$`),
      methods: {
        GET: ({ params, request }) => {
          const workflow = state.workflow(params[0]!)
          const token = tokenOf(request)
          const user = state.authenticate(token)
          const postproc = state.runs.postproc(workflow.id)
          return ok(request, {
            ...workflowDescriptor(workflow),
            parameters: workflow.parameters,
            parameterGroups: workflow.parameterGroups,
            postproc: postproc === undefined ? undefined : views.postprocHandle(postproc),
            groups: user === undefined ? undefined : state.listGroups(token!, workflow.id).map(groupDescriptor)
          })
        }
      }
    },
    {
      pattern: new RegExp(`^/workflows/${param}/leaderboard$`),
      methods: {
        GET: ({ params, request, url }) => {
          const includeAll = (url.searchParams.get("includeAll") ?? "") !== ""
          return ok(request, views.leaderboard(params[0]!, url.searchParams.get("orderBy"), includeAll))
        }
      }
    },
    {
      pattern: new RegExp(`^/workflows/${param}/downloads/archive$`),
      methods: {
        GET: ({ params, request }) => {
          const postproc = state.runs.postproc(params[0]!)
          if (postproc === undefined) throw new ServerFailure(404, "unknown file 'no post-processing workflow'")
          return download(() => archiveResponse(request, "results.tar.gz", postproc.files, postproc.at))
        }
      }
    },
    {
      pattern: new RegExp(`^/workflows/${param}/downloads/files/${param}$`),
      methods: {
        GET: ({ params, request }) => {
          const file = state.runs.postproc(params[0]!)?.files.find((f) => f.id === params[1])
          if (file === undefined) throw new ServerFailure(404, `unknown file '${params[1]}'`)
          return download(() => fileResponse(request, file.seed.name, contentBytes(file.seed.content), file.seed))
        }
      }
    },
    {
      pattern: new RegExp(`^/workflows/${param}/groups$`),
      methods: {
        GET: ({ params, request }) => {
          const token = requireHeader(request)
          return ok(request, { groups: state.listGroups(token, params[0]!).map(groupDescriptor) })
        },
        POST: async (context) => {
          const token = requireHeader(context.request)
          return withJson(["name"], ["members"], ({ params, request }, doc) => {
            const members = doc.members
            if (members !== undefined && members !== null && !Array.isArray(members)) {
              throw new ServerFailure(400, "members not a list")
            }
            const group = state.createGroup(token, params[0]!, doc.name, (members ?? undefined) as Array<unknown>)
            return ok(request, groupHandle(group, false), 201)
          })(context)
        }
      }
    },
    {
      pattern: new RegExp(`^/groups/${param}$`),
      methods: {
        GET: ({ params, request }) => {
          const token = requireHeader(request)
          const group = state.group(params[0]!)
          return ok(request, groupHandle(group, state.authenticate(token) !== undefined))
        },
        PUT: async (context) => {
          const token = requireHeader(context.request)
          return withJson([], ["name", "members"], ({ params, request }, doc) => {
            const group = state.updateGroup(token, params[0]!, doc.name, doc.members)
            return ok(request, groupHandle(group, false))
          })(context)
        },
        DELETE: ({ params, request }) => {
          state.deleteGroup(requireHeader(request), params[0]!)
          return Flask.noContent(request)
        }
      }
    },
    {
      pattern: new RegExp(`^/groups/${param}/runs$`),
      methods: {
        // The `state` query parameter the descriptor advertises is ignored.
        GET: ({ params, request }) => {
          const runs = state.runs.listRuns(requireHeader(request), params[0]!)
          return ok(request, { runs: runs.map(views.runDescriptor) })
        },
        POST: async (context) => {
          const token = requireHeader(context.request)
          return withJson([], ["arguments"], ({ params, request }, doc) => {
            const run = state.runs.startRun(token, params[0]!, doc.arguments)
            return ok(request, views.runHandle(run), 201)
          })(context)
        }
      }
    },
    {
      pattern: new RegExp(`^/runs/${param}$`),
      methods: {
        GET: ({ params, request }) =>
          ok(request, views.runHandle(state.runs.memberRun(requireHeader(request), params[0]!))),
        // Cancel is a PUT.
        PUT: async (context) => {
          const token = requireHeader(context.request)
          return withJson(
            [],
            ["reason"],
            ({ params, request }, doc) =>
              ok(request, views.runHandle(state.runs.cancelRun(token, params[0]!, doc.reason)))
          )(context)
        },
        DELETE: ({ params, request }) => {
          state.runs.deleteRun(requireHeader(request), params[0]!)
          return Flask.noContent(request)
        }
      }
    },
    {
      pattern: new RegExp(`^/runs/${param}/downloads/archive$`),
      methods: {
        GET: ({ params, request }) => {
          const run = state.runs.anyRun(params[0]!)
          const files = state.runs.resultFiles(run)
          const at = state.runs.status(run).finishedAt ?? run.createdAt
          return download(() => archiveResponse(request, "run.tar.gz", files, at))
        }
      }
    },
    {
      pattern: new RegExp(`^/runs/${param}/downloads/files/${param}$`),
      methods: {
        GET: ({ params, request }) => {
          const file = state.runs.resultFile(state.runs.anyRun(params[0]!), params[1]!)
          return download(() => fileResponse(request, file.name, contentBytes(file.content), file))
        }
      }
    },
    {
      pattern: new RegExp(`^/uploads/${param}/files$`),
      methods: {
        GET: ({ params, request }) => {
          const files = state.runs.listUploads(requireHeader(request), params[0]!)
          return ok(request, { files: files.map(views.uploadDoc) })
        },
        POST: async ({ params, request }) => {
          const token = requireHeader(request)
          const file = await readUpload(request)
          return ok(request, views.uploadDoc(state.runs.upload(token, params[0]!, file.name, file.bytes)), 201)
        }
      }
    },
    {
      pattern: new RegExp(`^/uploads/${param}/files/${param}$`),
      methods: {
        GET: ({ params, request }) => {
          const file = state.runs.uploadedFile(params[0]!, params[1]!)
          return download(() => fileResponse(request, file.name, file.bytes))
        },
        DELETE: ({ params, request }) => {
          state.runs.deleteUpload(requireHeader(request), params[0]!, params[1]!)
          return Flask.noContent(request)
        }
      }
    }
  ]

  return async (request) => {
    const url = new URL(request.url)
    let path: string
    try {
      path = decodeURIComponent(url.pathname)
    } catch {
      return Flask.html(request, 404)
    }
    if (path === basePath) return Flask.redirect(request, `${url.origin}${basePath}/`)
    if (!path.startsWith(basePath + "/")) return Flask.html(request, 404)
    const local = path.slice(basePath.length)
    for (const route of routes) {
      const match = route.pattern.exec(local)
      if (match === null) continue
      const method = request.method === "HEAD" ? "GET" : request.method
      if (method === "OPTIONS") return preflight(request, route)
      const run = route.methods[method]
      if (run === undefined) return Flask.html(request, 405)
      try {
        return await run({ request, params: match.slice(1), url })
      } catch (error) {
        // The client's body broke off: there is no one to answer; the connection fails instead.
        if (error instanceof RequestBodyBroken) throw error
        if (error instanceof ServerFailure) {
          return error.status === 500
            ? Flask.json(request, 500, Flask.internalServerError)
            : error.status === 413
            ? Flask.json(request, 413, Flask.requestEntityTooLarge)
            : Flask.json(request, error.status, { message: error.message })
        }
        return Flask.json(request, 500, Flask.internalServerError)
      }
    }
    return Flask.html(request, 404)
  }
}

class RequestBodyBroken extends Error {
  constructor(cause: unknown) {
    super("the request body broke off", { cause })
  }
}

const preflight = (request: Request, route: Route): Response => {
  const allow = Object.keys(route.methods)
  if (allow.includes("GET")) allow.push("HEAD")
  allow.push("OPTIONS")
  return new Response(null, {
    status: 200,
    headers: {
      "content-type": "text/html; charset=utf-8",
      allow: allow.sort().join(", "),
      "access-control-allow-origin": request.headers.get("origin") ?? "*",
      "access-control-allow-headers": request.headers.get("access-control-request-headers") ?? "",
      "access-control-allow-methods": "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT",
      vary: "Origin",
      connection: "close"
    }
  })
}
