/**
 * The test server replays the probes recorded against the real flowserv server
 * (shared/contracts/flowserv/server-behaviour.md): same statuses, same bodies, same quirks.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { FlowservTestServer } from "../../src/testkit/index.js"

interface Probe {
  readonly method: string
  readonly path: string
  readonly token?: string
  readonly body?: unknown
  readonly rawBody?: string
  readonly contentType?: string | null
}

const probe = (p: Probe) =>
  Effect.gen(function*() {
    const server = yield* FlowservTestServer
    const headers: Record<string, string> = {}
    if (p.token !== undefined) headers.api_key = p.token
    // Bytes, not a string: a string body would make Request add a text/plain Content-Type by itself.
    const source = p.rawBody ?? (p.body === undefined ? undefined : JSON.stringify(p.body))
    const body = source === undefined ? undefined : new TextEncoder().encode(source)
    if (body !== undefined && p.contentType !== null) headers["content-type"] = p.contentType ?? "application/json"
    const response = yield* Effect.promise(() =>
      server.handler(
        new Request(server.url + p.path, { method: p.method, headers, ...(body === undefined ? {} : { body }) })
      )
    )
    const text = yield* Effect.promise(() => response.text())
    return {
      status: response.status,
      type: response.headers.get("content-type"),
      length: response.headers.get("content-length"),
      text,
      json: safeJson(text)
    }
  })

const safeJson = (text: string): any => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

const withTestServer = Effect.provide(FlowservTestServer.layer())

// Registers an active user with password "pwd", logs in, returns the token.
const signUp = (username: string) =>
  Effect.gen(function*() {
    yield* probe({ method: "POST", path: "/users/register", body: { username, password: "pwd", verify: false } })
    return (yield* probe({ method: "POST", path: "/users/login", body: { username, password: "pwd" } })).json
      .token as string
  })

// Probes #172–#186: alice creates D4, uploads names.txt, starts a run and polls until it has finished.
const finishedRun = Effect.gen(function*() {
  const server = yield* FlowservTestServer
  const alice = yield* signUp("alice")
  const group =
    (yield* probe({ method: "POST", path: "/workflows/helloworld/groups", token: alice, body: { name: "D4" } }))
      .json.id as string
  const form = new FormData()
  form.append("file", new Blob(["Alice\nBob\n"]), "names.txt")
  const uploaded = yield* Effect.promise(() =>
    server.handler(
      new Request(`${server.url}/uploads/${group}/files`, { method: "POST", headers: { api_key: alice }, body: form })
    ).then((response) => response.json())
  )
  const file = uploaded.id as string
  const started = yield* probe({
    method: "POST",
    path: `/groups/${group}/runs`,
    token: alice,
    body: {
      arguments: [
        { name: "names", value: { type: "$file", value: { fileId: file } } },
        { name: "greeting", value: "Hi" },
        { name: "sleeptime", value: 1 }
      ]
    }
  })
  const run = started.json.id as string
  yield* TestClock.adjust("10 seconds")
  const done = yield* probe({ method: "GET", path: `/runs/${run}`, token: alice })
  assert.strictEqual(done.json.state, "SUCCESS")
  return { alice, group, file, run, done: done.json }
})

describe("the flowserv test server replays the real server's probes", () => {
  it.effect("registration (#7–#23)", () =>
    Effect.gen(function*() {
      const r7 = yield* probe({
        method: "POST",
        path: "/users/register",
        body: { username: "alice", password: "pwd-alice", verify: false }
      })
      assert.strictEqual(r7.status, 201)
      assert.deepStrictEqual(Object.keys(r7.json), ["id", "username"])
      assert.match(r7.text, /\n$/)
      const expectations: ReadonlyArray<readonly [Probe, number, string]> = [
        [
          { method: "POST", path: "/users/register", body: { username: "alice", password: "other", verify: false } },
          400,
          `{"message":"duplicate user 'alice'"}`
        ],
        [
          { method: "POST", path: "/users/register", body: { username: "eve", password: "p", email: "e@x" } },
          400,
          `{"message":"unknown element 'email'"}`
        ],
        [
          { method: "POST", path: "/users/register", body: { username: "eve", password: "" } },
          400,
          `{"message":"empty password"}`
        ],
        [
          { method: "POST", path: "/users/register", body: { username: "", password: "p" } },
          400,
          `{"message":"username too long"}`
        ],
        [
          { method: "POST", path: "/users/register", body: { username: "eve" } },
          400,
          `{"message":"missing element 'password'"}`
        ],
        [{ method: "POST", path: "/users/register", body: [] }, 400, `{"message":"missing element 'username'"}`]
      ]
      for (const [request, status, body] of expectations) {
        const response = yield* probe(request)
        assert.strictEqual(response.status, status, JSON.stringify(request.body))
        assert.strictEqual(response.text, body + "\n")
      }
      const numeric = yield* probe({
        method: "POST",
        path: "/users/register",
        body: { username: "eve", password: 123 }
      })
      assert.strictEqual(numeric.status, 500)
      assert.match(numeric.json.error, /^500 Internal Server Error: /)
      for (const contentType of [null, "application/x-www-form-urlencoded", "text/plain"]) {
        const html = yield* probe({
          method: "POST",
          path: "/users/register",
          body: { username: "eve", password: "p" },
          contentType
        })
        assert.strictEqual(html.status, 400)
        assert.strictEqual(html.type, "text/html; charset=utf-8")
        assert.include(html.text, "<title>400 Bad Request</title>")
      }
      const malformed = yield* probe({ method: "POST", path: "/users/register", rawBody: "{\"username\":" })
      assert.strictEqual(malformed.type, "text/html; charset=utf-8")
    }).pipe(withTestServer))

  it.effect("verify defaults to true and the string \"false\" is true (#11–#13, #24–#32)", () =>
    Effect.gen(function*() {
      const carol = yield* probe({
        method: "POST",
        path: "/users/register",
        body: { username: "carol", password: "pwd" }
      })
      yield* probe({
        method: "POST",
        path: "/users/register",
        body: { username: "albert", password: "pwd", verify: "false" }
      })
      for (const name of ["carol", "albert"]) {
        const login = yield* probe({ method: "POST", path: "/users/login", body: { username: name, password: "pwd" } })
        assert.strictEqual(login.status, 404)
        assert.strictEqual(login.text, `{"message":"unknown user '${name}'"}\n`)
      }
      const activate = yield* probe({ method: "POST", path: "/users/activate", body: { id: carol.json.id } })
      assert.strictEqual(activate.status, 200)
      assert.strictEqual(
        (yield* probe({ method: "POST", path: "/users/activate", body: { id: carol.json.id } })).status,
        200
      )
      assert.strictEqual(
        (yield* probe({ method: "POST", path: "/users/activate", body: { id: carol.json.id, x: 1 } })).text,
        `{"message":"unknown element 'x'"}\n`
      )
      assert.strictEqual(
        (yield* probe({ method: "POST", path: "/users/activate", body: {} })).text,
        `{"message":"missing element 'id'"}\n`
      )
      assert.strictEqual(
        (yield* probe({ method: "POST", path: "/users/login", body: { username: "carol", password: "pwd" } })).status,
        200
      )
    }).pipe(withTestServer))

  it.effect("tokens: same token while valid, any header lists users with their tokens, logout twice is a 500 (#33–#70)", () =>
    Effect.gen(function*() {
      for (const name of ["alice", "alfred"]) {
        yield* probe({
          method: "POST",
          path: "/users/register",
          body: { username: name, password: "pwd", verify: false }
        })
      }
      yield* probe({
        method: "POST",
        path: "/users/register",
        body: { username: "ALICE", password: "pwd", verify: false }
      })
      const first = yield* probe({ method: "POST", path: "/users/login", body: { username: "alice", password: "pwd" } })
      const second = yield* probe({
        method: "POST",
        path: "/users/login",
        body: { username: "alice", password: "pwd" }
      })
      assert.strictEqual(first.json.token, second.json.token)
      assert.strictEqual(
        (yield* probe({ method: "POST", path: "/users/login", body: { username: "alice", password: "pwd", x: 1 } }))
          .status,
        400
      )
      assert.strictEqual(
        (yield* probe({ method: "GET", path: "/users/whoami", token: "badtoken" })).text,
        `{"message":"not logged in"}\n`
      )
      assert.strictEqual((yield* probe({ method: "GET", path: "/users/whoami" })).status, 403)
      const listed = yield* probe({ method: "GET", path: "/users?query=AL", token: "badtoken" })
      assert.deepStrictEqual(listed.json.users.map((u: any) => u.username), ["ALICE", "alfred", "alice"])
      assert.strictEqual(listed.json.users[2].token, first.json.token)
      assert.strictEqual((yield* probe({ method: "GET", path: "/users?query=zzz", token: "x" })).text, `{"users":[]}\n`)
      assert.strictEqual((yield* probe({ method: "GET", path: "/users" })).status, 403)
      const logout = yield* probe({ method: "POST", path: "/users/logout", token: first.json.token })
      assert.deepStrictEqual(Object.keys(logout.json), ["id", "username"])
      const again = yield* probe({ method: "POST", path: "/users/logout", token: first.json.token, body: {} })
      assert.strictEqual(again.status, 500)
      const afterLogout = yield* probe({ method: "GET", path: "/users?query=al", token: first.json.token })
      assert.isUndefined(afterLogout.json.users.find((u: any) => u.username === "alice").token)
    }).pipe(withTestServer))

  it.effect("groups: membership, quirks of update and delete (#74–#171)", () =>
    Effect.gen(function*() {
      const ids: Record<string, string> = {}
      const tokens: Record<string, string> = {}
      for (const name of ["alice", "bob", "alfred"]) {
        ids[name] = (yield* probe({
          method: "POST",
          path: "/users/register",
          body: { username: name, password: "pwd", verify: false }
        })).json.id
        tokens[name] =
          (yield* probe({ method: "POST", path: "/users/login", body: { username: name, password: "pwd" } })).json.token
      }
      const g1 = yield* probe({
        method: "POST",
        path: "/workflows/helloworld/groups",
        token: tokens.alice!,
        body: { name: "G1", members: [ids.bob] }
      })
      assert.strictEqual(g1.status, 201)
      assert.deepStrictEqual(Object.keys(g1.json), [
        "config",
        "files",
        "id",
        "members",
        "name",
        "parameters",
        "workflow"
      ])
      assert.strictEqual(g1.json.config, null)
      const cases: ReadonlyArray<readonly [Probe, number, string]> = [
        [
          { method: "POST", path: "/workflows/helloworld/groups", token: tokens.bob!, body: { name: "G1" } },
          400,
          `{"message":"group 'G1' exists"}`
        ],
        [
          {
            method: "POST",
            path: "/workflows/helloworld/groups",
            token: tokens.alice!,
            body: { name: "G5", parameters: [] }
          },
          400,
          `{"message":"unknown element 'parameters'"}`
        ],
        [
          {
            method: "POST",
            path: "/workflows/helloworld/groups",
            token: tokens.alice!,
            body: { name: "G5", members: ids.bob }
          },
          400,
          `{"message":"members not a list"}`
        ],
        [
          { method: "POST", path: "/workflows/helloworld/groups", token: tokens.alice!, body: { name: "" } },
          400,
          `{"message":"invalid name"}`
        ],
        [
          { method: "POST", path: "/workflows/helloworld/groups", token: tokens.alice!, body: { members: [] } },
          400,
          `{"message":"missing element 'name'"}`
        ],
        [
          { method: "POST", path: "/workflows/helloworld/groups", token: "badtoken", body: { name: "G6" } },
          403,
          `{"message":"not authorized"}`
        ],
        [
          { method: "POST", path: "/workflows/helloworld/groups", body: { name: "G6" } },
          403,
          `{"message":"not logged in"}`
        ],
        [
          { method: "POST", path: "/workflows/nosuchwf/groups", token: tokens.alice!, body: { name: "G6" } },
          404,
          `{"message":"unknown workflow 'nosuchwf'"}`
        ],
        [
          {
            method: "POST",
            path: "/workflows/helloworld/groups",
            token: tokens.alice!,
            body: { name: "G4", members: ["bob"] }
          },
          400,
          `{"message":"unknown user 'bob'"}`
        ],
        [
          { method: "GET", path: "/groups/nosuchgroup", token: tokens.alice! },
          404,
          `{"message":"unknown group 'nosuchgroup'"}`
        ],
        [{ method: "GET", path: `/groups/${g1.json.id}` }, 403, `{"message":"not logged in"}`],
        [{ method: "GET", path: "/workflows/nosuchwf/groups", token: tokens.alice! }, 200, `{"groups":[]}`],
        [
          { method: "GET", path: "/workflows/nosuchwf/groups", token: "badtoken" },
          404,
          `{"message":"unknown workflow 'nosuchwf'"}`
        ],
        [
          { method: "PUT", path: `/groups/${g1.json.id}`, token: tokens.alfred!, body: { name: "hijack" } },
          403,
          `{"message":"not authorized"}`
        ],
        [
          { method: "PUT", path: `/groups/${g1.json.id}`, token: tokens.alice!, body: { parameters: [] } },
          400,
          `{"message":"unknown element 'parameters'"}`
        ],
        [
          { method: "PUT", path: "/groups/nosuchgroup", token: tokens.alice!, body: { name: "x" } },
          404,
          `{"message":"unknown group 'nosuchgroup'"}`
        ],
        [
          { method: "DELETE", path: `/groups/${g1.json.id}`, token: tokens.alfred! },
          403,
          `{"message":"not authorized"}`
        ],
        [{ method: "DELETE", path: `/groups/${g1.json.id}` }, 403, `{"message":"not logged in"}`]
      ]
      for (const [request, status, body] of cases) {
        const response = yield* probe(request)
        assert.strictEqual(response.status, status, `${request.method} ${request.path} ${JSON.stringify(request.body)}`)
        assert.strictEqual(response.text, body + "\n", `${request.method} ${request.path}`)
      }
      // GET by anyone with a header; runs only for a valid token (#89–#93).
      assert.deepStrictEqual(
        (yield* probe({ method: "GET", path: `/groups/${g1.json.id}`, token: tokens.alfred! })).json.runs,
        []
      )
      assert.isUndefined((yield* probe({ method: "GET", path: `/groups/${g1.json.id}`, token: "badtoken" })).json.runs)
      // A bad token lists every group of the workflow, a valid one only the caller's (#96–#99).
      yield* probe({
        method: "POST",
        path: "/workflows/helloworld/groups",
        token: tokens.alfred!,
        body: { name: "G3" }
      })
      assert.strictEqual(
        (yield* probe({ method: "GET", path: "/workflows/helloworld/groups", token: "badtoken" })).json.groups.length,
        2
      )
      assert.strictEqual(
        (yield* probe({ method: "GET", path: "/workflows/helloworld/groups", token: tokens.bob! })).json.groups.length,
        1
      )
      // POST to a group is Flask's 405 page (what flowserv's own client sends for an update, #116).
      const wrong = yield* probe({
        method: "POST",
        path: `/groups/${g1.json.id}`,
        token: tokens.alice!,
        body: { name: "x" }
      })
      assert.strictEqual(wrong.status, 405)
      // No GET /groups (#103).
      assert.strictEqual((yield* probe({ method: "GET", path: "/groups", token: tokens.alice! })).status, 404)
      // A duplicate name is not checked on update (#109); {} changes nothing (#148).
      assert.strictEqual(
        (yield* probe({ method: "PUT", path: `/groups/${g1.json.id}`, token: tokens.alice!, body: { name: "G3" } }))
          .status,
        200
      )
      assert.strictEqual(
        (yield* probe({ method: "PUT", path: `/groups/${g1.json.id}`, token: tokens.alice!, body: {} })).json.name,
        "G3"
      )
      // Not atomic (#164–#167): the ids before an unknown one stay.
      const partial = yield* probe({
        method: "PUT",
        path: `/groups/${g1.json.id}`,
        token: tokens.alice!,
        body: { name: "D3-new", members: [ids.alice, "nosuchuser"] }
      })
      assert.strictEqual(partial.text, `{"message":"unknown user 'nosuchuser'"}\n`)
      const after = yield* probe({ method: "GET", path: `/groups/${g1.json.id}`, token: tokens.alice! })
      assert.strictEqual(after.json.name, "D3-new")
      assert.deepStrictEqual(after.json.members.map((m: any) => m.username), ["alice"])
      // A string member list is iterated per character and empties the group (#170–#171).
      const chars = yield* probe({
        method: "PUT",
        path: `/groups/${g1.json.id}`,
        token: tokens.alice!,
        body: { members: ids.bob }
      })
      assert.strictEqual(chars.text, `{"message":"unknown user '${ids.bob!.slice(0, 1)}'"}\n`)
      const emptied = yield* probe({ method: "GET", path: `/groups/${g1.json.id}`, token: tokens.alice! })
      assert.deepStrictEqual(emptied.json.members, [])
      // Now nobody may touch it (#110–#127).
      assert.strictEqual(
        (yield* probe({ method: "DELETE", path: `/groups/${g1.json.id}`, token: tokens.alice! })).status,
        403
      )
      // Delete by a member: 204, no body, JSON content type (#155).
      const g3 =
        (yield* probe({ method: "GET", path: "/workflows/helloworld/groups", token: tokens.alfred! })).json.groups[0]
      const deleted = yield* probe({ method: "DELETE", path: `/groups/${g3.id}`, token: tokens.alfred! })
      assert.strictEqual(deleted.status, 204)
      assert.strictEqual(deleted.text, "")
      assert.strictEqual(deleted.type, "application/json")
      assert.strictEqual(
        (yield* probe({ method: "DELETE", path: `/groups/${g3.id}`, token: tokens.alfred! })).status,
        404
      )
    }).pipe(withTestServer))

  it.effect("passwords: stored trimmed, compared as sent; reset requests for active users, one at a time", () =>
    Effect.gen(function*() {
      const register = (username: string, password: unknown, verify = false) =>
        probe({ method: "POST", path: "/users/register", body: { username, password, verify } })
      const login = (username: string, password: string) =>
        probe({ method: "POST", path: "/users/login", body: { username, password } })
      yield* register("bob", " pw ")
      assert.strictEqual((yield* login("bob", " pw ")).status, 404)
      assert.strictEqual((yield* login("bob", "pw")).status, 200)
      assert.strictEqual((yield* register("eve", null)).text, `{"message":"empty password"}\n`)
      yield* register("carol", "pw", true)
      const inactive = yield* probe({ method: "POST", path: "/users/password/request", body: { username: "carol" } })
      assert.strictEqual(inactive.status, 200)
      const refused = yield* probe({
        method: "POST",
        path: "/users/password/reset",
        body: { requestId: inactive.json.requestId, password: "new" }
      })
      assert.strictEqual(refused.status, 404)
      const first = yield* probe({ method: "POST", path: "/users/password/request", body: { username: "bob" } })
      const second = yield* probe({ method: "POST", path: "/users/password/request", body: { username: "bob" } })
      const stale = yield* probe({
        method: "POST",
        path: "/users/password/reset",
        body: { requestId: first.json.requestId, password: "new" }
      })
      assert.strictEqual(stale.status, 404)
      const fresh = yield* probe({
        method: "POST",
        path: "/users/password/reset",
        body: { requestId: second.json.requestId, password: "new" }
      })
      assert.strictEqual(fresh.status, 200)
    }).pipe(withTestServer))

  it.effect("a null group name is missing; an oversized body is refused only after the token check", () =>
    Effect.gen(function*() {
      const token = yield* signUp("alice")
      const missing = yield* probe({
        method: "POST",
        path: "/workflows/helloworld/groups",
        token,
        body: { name: null }
      })
      assert.strictEqual(missing.text, `{"message":"missing name"}\n`)
      const server = yield* FlowservTestServer
      const huge = "x".repeat(17 * 1024 * 1024)
      const postHuge = (extra: Record<string, string>) =>
        Effect.promise(() =>
          server.handler(
            new Request(server.url + "/workflows/helloworld/groups", {
              method: "POST",
              headers: { "content-type": "application/json", "content-length": String(huge.length), ...extra },
              body: huge
            })
          )
        )
      const noHeader = yield* postHuge({})
      assert.strictEqual(noHeader.status, 403)
      const tooLarge = yield* postHuge({ api_key: token })
      assert.strictEqual(tooLarge.status, 413)
      assert.match((yield* Effect.promise(() => tooLarge.json())).error, /^413 Request Entity Too Large/)
    }).pipe(withTestServer))

  it.effect("the service descriptor names the user only for a valid token (#1, #129–#130)", () =>
    Effect.gen(function*() {
      const token = yield* signUp("alice")
      const anonymous = yield* probe({ method: "GET", path: "/" })
      assert.strictEqual(anonymous.json.version, "0.8.1")
      assert.strictEqual(anonymous.json.routes.length, 31)
      assert.isUndefined(anonymous.json.username)
      assert.strictEqual((yield* probe({ method: "GET", path: "/", token })).json.username, "alice")
      assert.isUndefined((yield* probe({ method: "GET", path: "/", token: "badtoken" })).json.username)
    }).pipe(withTestServer))

  it.effect("leaderboard, downloads and group listings before any run (#120, #121, #144, #147, #118, #119)", () =>
    Effect.gen(function*() {
      const alice = yield* signUp("alice")
      const bob = yield* signUp("bob")
      const r120 = yield* probe({ method: "GET", path: "/workflows/helloworld/leaderboard" })
      assert.strictEqual(
        r120.text,
        `{"ranking":[],"schema":[{"dtype":"float","label":"Avg. Characters per Line","name":"avg_count"},` +
          `{"dtype":"float","label":"Max. Output Line Length","name":"max_len"},` +
          `{"dtype":"string","label":"Longest Output Line","name":"max_line"}]}\n`
      )
      const r121 = yield* probe({ method: "GET", path: "/workflows/helloworld/downloads/archive" })
      assert.deepStrictEqual([r121.status, r121.text], [
        404,
        `{"message":"unknown file 'no post-processing workflow'"}\n`
      ])
      const group =
        (yield* probe({ method: "POST", path: "/workflows/helloworld/groups", token: alice, body: { name: "D1" } }))
          .json.id as string
      assert.strictEqual(
        (yield* probe({ method: "GET", path: `/groups/${group}/runs`, token: alice })).text,
        `{"runs":[]}\n`
      )
      assert.strictEqual(
        (yield* probe({ method: "GET", path: `/groups/${group}/runs?state=RUNNING`, token: alice })).text,
        `{"runs":[]}\n`
      )
      assert.strictEqual(
        (yield* probe({ method: "GET", path: `/uploads/${group}/files`, token: alice })).text,
        `{"files":[]}\n`
      )
      for (const path of [`/groups/${group}/runs`, `/uploads/${group}/files`]) {
        const r = yield* probe({ method: "GET", path, token: bob })
        assert.deepStrictEqual([r.status, r.text], [403, `{"message":"not authorized"}\n`])
      }
    }).pipe(withTestServer))

  it.effect("uploads, runs, cancel and delete (#173–#198)", () =>
    Effect.gen(function*() {
      const server = yield* FlowservTestServer
      const alice = yield* signUp("alice")
      const bob = yield* signUp("bob")
      const group =
        (yield* probe({ method: "POST", path: "/workflows/helloworld/groups", token: alice, body: { name: "D4" } }))
          .json.id as string
      const upload = (field: string, token: string) => {
        const form = new FormData()
        form.append(field, new Blob(["Alice\nBob\n"]), "names.txt")
        return Effect.promise(async () => {
          const response = await server.handler(
            new Request(`${server.url}/uploads/${group}/files`, {
              method: "POST",
              headers: { api_key: token },
              body: form
            })
          )
          return { status: response.status, text: await response.text() }
        })
      }
      const r173 = yield* upload("file", alice)
      assert.strictEqual(r173.status, 201)
      const file = JSON.parse(r173.text)
      assert.deepStrictEqual(Object.keys(file), ["createdAt", "id", "name", "size"])
      assert.deepStrictEqual([file.name, file.size], ["names.txt", 0])
      assert.deepStrictEqual(yield* upload("file", bob), { status: 403, text: `{"message":"not authorized"}\n` })
      assert.deepStrictEqual(yield* upload("data", alice), { status: 400, text: `{"message":"no file request"}\n` })

      const start = (args: unknown) =>
        probe({ method: "POST", path: `/groups/${group}/runs`, token: alice, body: { arguments: args } })
      const r179 = yield* start([])
      assert.deepStrictEqual([r179.status, r179.text], [400, `{"message":"missing argument for 'names'"}\n`])
      const r180 = yield* start([{ name: "nosuch", value: 1 }])
      assert.deepStrictEqual([r180.status, r180.text], [400, `{"message":"unknown parameter 'nosuch'"}\n`])
      const r178 = yield* start([
        { name: "names", value: { type: "$file", value: { fileId: file.id } } },
        { name: "greeting", value: "Hi" },
        { name: "sleeptime", value: 1 }
      ])
      assert.strictEqual(r178.status, 201)
      assert.deepStrictEqual(Object.keys(r178.json), [
        "arguments",
        "createdAt",
        "groupId",
        "id",
        "parameters",
        "startedAt",
        "state",
        "workflowId"
      ])
      assert.strictEqual(r178.json.state, "RUNNING")
      const run = r178.json.id as string
      const r187 = yield* probe({ method: "GET", path: `/runs/${run}`, token: bob })
      assert.deepStrictEqual([r187.status, r187.text], [403, `{"message":"not authorized"}\n`])
      const r198 = yield* probe({ method: "GET", path: "/runs/nosuchrun", token: alice })
      assert.deepStrictEqual([r198.status, r198.text], [404, `{"message":"unknown run 'nosuchrun'"}\n`])
    }).pipe(withTestServer))

  it.effect("after a run: leaderboard with postproc, cancel of a finished run, deletes (#186–#197)", () =>
    Effect.gen(function*() {
      const { alice, done, file, group, run } = yield* finishedRun
      const r189 = yield* probe({ method: "GET", path: "/workflows/helloworld/leaderboard" })
      assert.deepStrictEqual([r189.status, r189.type], [200, "application/json"])
      // #189 byte for byte, but for the ids and timestamps of this run. Float columns are written as
      // Python writes floats (8.0, not 8).
      const postproc = r189.json.postproc
      const expected = `{"postproc":{"arguments":[{"name":"runs","value":{"type":"$file","value":` +
        `{"fileId":"<server temp dir>","targetPath":"runs/"}}}],"createdAt":"${postproc.createdAt}",` +
        `"files":[{"caption":"The results.","id":"${postproc.files[0].id}","name":"results/compare.json",` +
        `"title":"Results"}],"finishedAt":"${postproc.finishedAt}","id":"${postproc.id}",` +
        `"startedAt":"${postproc.startedAt}","state":"SUCCESS","workflowId":"helloworld"},` +
        `"ranking":[{"group":{"id":"${group}","name":"D4"},"results":[{"name":"avg_count","value":8.0},` +
        `{"name":"max_len","value":9.0},{"name":"max_line","value":"Hi Alice!"}],` +
        `"run":{"createdAt":"${done.createdAt}","finishedAt":"${done.finishedAt}","id":"${run}",` +
        `"startedAt":"${done.startedAt}"}}],` +
        `"schema":[{"dtype":"float","label":"Avg. Characters per Line","name":"avg_count"},` +
        `{"dtype":"float","label":"Max. Output Line Length","name":"max_len"},` +
        `{"dtype":"string","label":"Longest Output Line","name":"max_line"}]}\n`
      assert.strictEqual(r189.text, expected)
      for (const stamp of [postproc.createdAt, postproc.startedAt, postproc.finishedAt, done.createdAt]) {
        assert.match(stamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/)
      }
      // #193: with one run, sorting and includeAll change nothing.
      const r193 = yield* probe({
        method: "GET",
        path: "/workflows/helloworld/leaderboard?orderBy=max_len:asc&includeAll=true"
      })
      assert.strictEqual(r193.text, expected)

      // #194: the message names a bound method, not the state (a bug of flowserv 0.8.1).
      const r194 = yield* probe({ method: "PUT", path: `/runs/${run}`, token: alice, body: { reason: "test" } })
      assert.deepStrictEqual([r194.status, r194.type], [400, "application/json"])
      assert.match(
        r194.text,
        /^\{"message":"invalid operation for run in state <bound method RunObject\.state of <flowserv\.model\.base\.RunObject object at 0x[0-9a-f]+>>"\}\n$/
      )

      // #195–#197: 204 with an empty body, yet Content-Type: application/json and no Content-Length.
      const r195 = yield* probe({ method: "DELETE", path: `/runs/${run}`, token: alice })
      assert.deepStrictEqual([r195.status, r195.type, r195.length, r195.text], [204, "application/json", null, ""])
      const r196 = yield* probe({ method: "GET", path: `/runs/${run}`, token: alice })
      assert.deepStrictEqual([r196.status, r196.text], [404, `{"message":"unknown run '${run}'"}\n`])
      const r197 = yield* probe({ method: "DELETE", path: `/uploads/${group}/files/${file}`, token: alice })
      assert.deepStrictEqual([r197.status, r197.type, r197.length, r197.text], [204, "application/json", null, ""])
    }).pipe(withTestServer))

  it.effect("every download is a 500 with failDownloads, after the lookup (#121, #177, #190–#192)", () =>
    Effect.gen(function*() {
      const { file, group, run, done } = yield* finishedRun
      const r500 = `{"error":"500 Internal Server Error: The server encountered an internal error and was unable ` +
        `to complete your request. Either the server is overloaded or there is an error in the application."}\n`
      const paths = [
        `/uploads/${group}/files/${file}`, // #177
        `/runs/${run}/downloads/archive`, // #190
        `/runs/${run}/downloads/files/${done.files[0].id}`, // #191
        "/workflows/helloworld/downloads/archive" // #192, a post-processing result exists
      ]
      for (const path of paths) {
        const response = yield* probe({ method: "GET", path })
        assert.deepStrictEqual([response.status, response.type, response.text], [500, "application/json", r500], path)
        assert.strictEqual(new TextEncoder().encode(response.text).length, 194) // Content-Length in §5
      }
      // Unknown files are looked up first: still 404.
      const unknown = yield* probe({ method: "GET", path: `/uploads/${group}/files/nosuchfile` })
      assert.deepStrictEqual([unknown.status, unknown.text], [404, `{"message":"unknown file 'nosuchfile'"}\n`])
    }).pipe(Effect.provide(FlowservTestServer.layer({ failDownloads: true }))))

  it.effect("a failing download never builds the body it would have sent", () =>
    Effect.gen(function*() {
      let opened = 0
      const content = () => {
        opened++
        return new ReadableStream<Uint8Array>({
          start: (controller) => {
            controller.enqueue(new Uint8Array(4))
            controller.close()
          }
        })
      }
      const layer = FlowservTestServer.layer({
        failDownloads: true,
        workflows: [{
          id: "big",
          name: "Big",
          parameters: [],
          run: { runningMillis: 1000, files: [{ name: "results/big.bin", content }] }
        }]
      })
      yield* Effect.gen(function*() {
        const alice = yield* signUp("alice")
        const group =
          (yield* probe({ method: "POST", path: "/workflows/big/groups", token: alice, body: { name: "B" } })).json
            .id as string
        const run = (yield* probe({ method: "POST", path: `/groups/${group}/runs`, token: alice, body: {} })).json
          .id as string
        yield* TestClock.adjust("2 seconds")
        const handle = yield* probe({ method: "GET", path: `/runs/${run}`, token: alice })
        assert.strictEqual(handle.json.state, "SUCCESS")
        for (
          const path of [`/runs/${run}/downloads/archive`, `/runs/${run}/downloads/files/${handle.json.files[0].id}`]
        ) {
          assert.strictEqual((yield* probe({ method: "GET", path })).status, 500)
        }
        assert.strictEqual(opened, 0)
      }).pipe(Effect.provide(layer))
    }))
  // Issue 10: the SDK tells a bad token from a refusal only if the server answers both the way the
  // real one does. Probes #86 (create), #113 (PUT group) and #123 (DELETE group) were recorded with an
  // unknown token; the run and upload routes make the same member check (flowserv-core's
  // is_group_member with no user), and whoami refuses the same token with "not logged in" (#41).
  it.effect("an unknown or expired token: 403 not authorized on every member route, not logged in on whoami", () =>
    Effect.gen(function*() {
      const server = yield* FlowservTestServer
      const { alice, file, group, run } = yield* finishedRun
      const upload = (token: string) =>
        Effect.promise(async () => {
          const form = new FormData()
          form.append("file", new Blob(["Carol\n"]), "more.txt")
          const response = await server.handler(
            new Request(`${server.url}/uploads/${group}/files`, {
              method: "POST",
              headers: { api_key: token },
              body: form
            })
          )
          return { status: response.status, text: await response.text() }
        })
      const memberRoutes: ReadonlyArray<Omit<Probe, "token">> = [
        { method: "POST", path: "/workflows/helloworld/groups", body: { name: "G6" } },
        { method: "PUT", path: `/groups/${group}`, body: { name: "x" } },
        { method: "DELETE", path: `/groups/${group}` },
        { method: "GET", path: `/groups/${group}/runs` },
        { method: "POST", path: `/groups/${group}/runs`, body: { arguments: [] } },
        { method: "GET", path: `/runs/${run}` },
        { method: "PUT", path: `/runs/${run}`, body: {} },
        { method: "DELETE", path: `/runs/${run}` },
        { method: "GET", path: `/uploads/${group}/files` },
        { method: "DELETE", path: `/uploads/${group}/files/${file}` }
      ]
      const refusedEverywhere = (token: string) =>
        Effect.gen(function*() {
          for (const route of memberRoutes) {
            const r = yield* probe({ ...route, token })
            assert.deepStrictEqual([r.status, r.text], [403, `{"message":"not authorized"}\n`], route.path)
          }
          assert.deepStrictEqual(yield* upload(token), { status: 403, text: `{"message":"not authorized"}\n` })
          const whoami = yield* probe({ method: "GET", path: "/users/whoami", token })
          assert.deepStrictEqual([whoami.status, whoami.text], [403, `{"message":"not logged in"}\n`])
        })
      yield* refusedEverywhere("badtoken")
      // The same member, a day later: her token has expired (FLOWSERV_AUTH_TTL, on the Clock).
      assert.strictEqual((yield* probe({ method: "GET", path: `/runs/${run}`, token: alice })).status, 200)
      yield* TestClock.adjust("1 day")
      yield* refusedEverywhere(alice)
      // Nothing was changed; a new login gets a new token that works again.
      const again = yield* probe({ method: "POST", path: "/users/login", body: { username: "alice", password: "pwd" } })
      assert.notStrictEqual(again.json.token, alice)
      const group2 = yield* probe({ method: "GET", path: `/groups/${group}/runs`, token: again.json.token })
      assert.deepStrictEqual(group2.json.runs.map((r: { id: string }) => r.id), [run])
      assert.strictEqual(server.state.runs.uploadsOf(group).length, 1)
    }).pipe(withTestServer))
})
