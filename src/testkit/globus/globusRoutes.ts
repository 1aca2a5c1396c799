/**
 * The HTTP side of the Globus test server: the Groups API's paths below `/v2`, each a thin route that
 * splits the request into a `GlobusRequest` for `GlobusState.serve` and sends its reply as JSON. A body
 * that is not JSON is answered as FastAPI does, with a 422 validation list.
 *
 * @since 0.1.0
 */
import type { Handler } from "../http/Handler.js"
import * as Router from "../http/Router.js"
import { complaint, GlobusFailure, invalid } from "./globusReplies.js"
import type { GlobusReply } from "./globusReplies.js"
import type { GlobusRequest, GlobusState } from "./GlobusState.js"

const send = ({ body, status }: GlobusReply): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })

// The JSON body; `undefined` when there is none. Not JSON: FastAPI's 422.
const readJson = async (request: Request): Promise<unknown> => {
  const text = await request.text()
  if (text.trim().length === 0) return undefined
  try {
    return JSON.parse(text)
  } catch {
    throw invalid([complaint(["body", 0], "JSON decode error", "json_invalid")])
  }
}

const values = (url: URL, name: string): ReadonlyArray<string> | undefined => {
  const all = url.searchParams.getAll(name)
  return all.length === 0 ? undefined : all
}

type Split = (context: Router.RouteContext, body: unknown) => GlobusRequest

const on = (state: GlobusState, method: string, template: string, split: Split, withBody = false): Router.Route =>
  Router.route(method, template, async (context) => {
    try {
      const body = withBody ? await readJson(context.request) : undefined
      return send(state.serve(context.request.headers.get("authorization") ?? undefined, split(context, body)))
    } catch (error) {
      if (error instanceof GlobusFailure) return send(error.reply)
      throw error
    }
  })

/**
 * The request handler of the Globus test server.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeGlobusRoutes = (state: GlobusState): Handler =>
  Router.make([
    on(state, "GET", "/groups/my_groups", ({ url }) => ({ op: "myGroups", statuses: values(url, "statuses") })),
    on(state, "GET", "/groups/statuses", () => ({ op: "statusCounts" })),
    on(state, "POST", "/groups", (_, body) => ({ op: "createGroup", body }), true),
    on(state, "GET", "/groups/{groupId}", ({ params, url }) => ({
      op: "getGroup",
      groupId: params.groupId!,
      include: values(url, "include")
    })),
    on(state, "PUT", "/groups/{groupId}", ({ params }, body) => ({
      op: "updateGroup",
      groupId: params.groupId!,
      body
    }), true),
    on(state, "DELETE", "/groups/{groupId}", ({ params }) => ({ op: "deleteGroup", groupId: params.groupId! })),
    on(state, "POST", "/groups/{groupId}", ({ params }, body) => ({
      op: "batch",
      groupId: params.groupId!,
      body
    }), true),
    on(state, "GET", "/groups/{groupId}/policies", ({ params }) => ({ op: "getPolicies", groupId: params.groupId! })),
    on(state, "PUT", "/groups/{groupId}/policies", ({ params }, body) => ({
      op: "setPolicies",
      groupId: params.groupId!,
      body
    }), true),
    on(state, "GET", "/preferences", () => ({ op: "getPreferences" })),
    on(state, "PUT", "/preferences", (_, body) => ({ op: "setPreferences", body }), true),
    on(state, "GET", "/groups/{groupId}/membership_fields", ({ params }) => ({
      op: "getMembershipFields",
      groupId: params.groupId!
    })),
    on(state, "PUT", "/groups/{groupId}/membership_fields", ({ params }, body) => ({
      op: "setMembershipFields",
      groupId: params.groupId!,
      body
    }), true),
    on(state, "GET", "/subscription_info/{subscriptionId}", ({ params }) => ({
      op: "subscriptionInfo",
      subscriptionId: params.subscriptionId!
    })),
    on(state, "PUT", "/groups/{groupId}/subscription_admin_verified", ({ params }, body) => ({
      op: "setSubscriptionAdminVerified",
      groupId: params.groupId!,
      body
    }), true),
    on(state, "GET", "/groups/{groupId}/children", ({ params, url }) => ({
      op: "children",
      groupId: params.groupId!,
      include: values(url, "include")
    }))
  ], {
    basePath: "/v2",
    notFound: () => send({ status: 404, body: { code: "NOT_FOUND", detail: "Not Found" } }),
    methodNotAllowed: (_request, _url, allowed) =>
      new Response(JSON.stringify({ detail: "Method Not Allowed" }), {
        status: 405,
        headers: { "content-type": "application/json", allow: allowed.join(", ") }
      })
  })
