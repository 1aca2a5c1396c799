/**
 * What the decode benchmark decodes: bodies as servers send them, the SDK's schemas for them (of
 * this tree, or of a baseline checkout), and the same fields as plain structs, written by hand the
 * way a user without the SDK would (`Schema.optional`, `Schema.DateTimeUtc`), for the ratio.
 */
import * as Schema from "effect/Schema"
import { join } from "node:path"
import { pathToFileURL } from "node:url"

const S = Schema.String
const o = Schema.optional

// Plain structs, field for field.
const PlainMeta = Schema.Struct({
  resourceType: o(S),
  created: o(S),
  lastModified: o(S),
  location: o(S),
  version: o(S)
})
const common = { schemas: o(Schema.Array(S)), id: S, externalId: o(S), meta: o(PlainMeta) }
const PlainMember = Schema.Struct({ value: S, display: o(S), $ref: o(S), type: o(S) })
const PlainGroup = Schema.Struct({ ...common, displayName: o(S), members: o(Schema.Array(PlainMember)) })
const PlainName = Schema.Struct({
  formatted: o(S),
  familyName: o(S),
  givenName: o(S),
  middleName: o(S),
  honorificPrefix: o(S),
  honorificSuffix: o(S)
})
const PlainEmail = Schema.Struct({ value: o(S), type: o(S), primary: o(Schema.Boolean), display: o(S) })
const PlainUser = Schema.Struct({
  ...common,
  userName: o(S),
  name: o(PlainName),
  displayName: o(S),
  active: o(Schema.Boolean),
  emails: o(Schema.Array(PlainEmail)),
  groups: o(Schema.Array(PlainMember))
})
const plainListResponse = <A, I>(resource: Schema.Schema<A, I>) =>
  Schema.Struct({
    schemas: o(Schema.Array(S)),
    totalResults: Schema.Number,
    startIndex: o(Schema.Number),
    itemsPerPage: o(Schema.Number),
    Resources: Schema.Array(resource)
  })
const RunState = Schema.Literal("PENDING", "RUNNING", "CANCELED", "ERROR", "SUCCESS")
const PlainParameter = Schema.Struct({
  name: S,
  index: Schema.Number,
  dtype: S,
  isRequired: Schema.Boolean,
  label: o(S),
  help: o(S),
  defaultValue: o(Schema.Unknown),
  group: o(S),
  target: o(S),
  range: o(S),
  values: o(Schema.Array(Schema.Unknown))
})
const PlainRunFile = Schema.Struct({
  id: S,
  name: S,
  title: o(S),
  caption: o(S),
  widget: o(Schema.Unknown),
  format: o(Schema.Unknown)
})
const PlainRunHandle = Schema.Struct({
  id: S,
  state: RunState,
  createdAt: Schema.DateTimeUtc,
  workflowId: S,
  groupId: o(S),
  arguments: Schema.Array(Schema.Struct({ name: S, value: Schema.Unknown })),
  parameters: Schema.Array(PlainParameter),
  startedAt: o(Schema.DateTimeUtc),
  finishedAt: o(Schema.DateTimeUtc),
  messages: o(Schema.Array(S)),
  files: o(Schema.Array(PlainRunFile))
})
const PlainRunDescriptor = Schema.Struct({ id: S, state: RunState, createdAt: Schema.DateTimeUtc })
const PlainGroupDescriptor = Schema.Struct({ id: S, name: S, workflow: S })

// Bodies.
const group = (n: number) => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
  id: `7c1d3b7e-5d1a-4f0e-9f59-2b4cf3f1${String(n).padStart(4, "0")}`,
  displayName: `Curators ${n}`,
  members: [1, 2, 3].map((m) => ({ value: `user-${m}`, display: `User ${m}`, type: "User" })),
  meta: { resourceType: "Group", created: "2026-11-22T09:00:00Z", lastModified: "2026-11-22T09:00:00Z" }
})
const user = (n: number) => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
  id: `7c1d3b7e-5d1a-4f0e-9f59-2b4cf3f2${String(n).padStart(4, "0")}`,
  userName: `ada${n}`,
  name: { givenName: "Ada", familyName: "Lovelace" },
  active: true,
  emails: [{ value: `ada${n}@example.org`, primary: true }],
  meta: { resourceType: "User", created: "2026-11-22T09:00:00Z" }
})
const run = (n: number) => ({
  id: `r${n}`,
  workflowId: "helloworld",
  groupId: "g1",
  state: "SUCCESS",
  createdAt: "2026-11-22T09:00:00.000000",
  startedAt: "2026-11-22T09:00:01.000000",
  finishedAt: "2026-11-22T09:00:05.000000",
  arguments: [{ name: "sleeptime", value: 1 }],
  parameters: [],
  files: [{ id: "f1", name: "results/greetings.txt" }]
})
// The same group as a server that writes every absent attribute as null sends it.
const groupWithNulls = (n: number) => ({
  ...group(n),
  externalId: null,
  members: group(n).members.map((member) => ({ ...member, $ref: null })),
  meta: { ...group(n).meta, location: null, version: null }
})
const withoutNulls = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_key, field) => (field === null ? undefined : field)))

const listResponse = (resources: ReadonlyArray<unknown>) => ({
  schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
  totalResults: 10_000,
  startIndex: 1,
  itemsPerPage: resources.length,
  Resources: resources
})
const page = <A>(make: (n: number) => A, size: number) => Array.from({ length: size }, (_, n) => make(n))

/** One benchmark case: the body, how many items it holds, and the goal it is held to. */
export interface DecodeCase {
  readonly name: string
  /** The SDK's schema, from the schemas of a tree. */
  readonly schema: (schemas: Schemas) => Schema.Schema<any, any, never>
  readonly plain: Schema.Schema<any, any, never>
  /** The body the SDK decodes, and the body the plain struct decodes (the same, nulls left out). */
  readonly body: unknown
  readonly plainBody: unknown
  readonly items: number
  /** µs per item the SDK should stay under (or else within 1.5× the plain struct). */
  readonly goal: number | undefined
}

const pageSize = 100

/** The SDK's schemas the cases use. */
export interface Schemas {
  readonly ScimGroup: Schema.Schema<any, any, never>
  readonly ScimUser: Schema.Schema<any, any, never>
  readonly ListResponse: <A, I>(resource: Schema.Schema<A, I, never>) => Schema.Schema<any, any, never>
  readonly RunHandle: Schema.Schema<any, any, never>
  readonly RunListing: Schema.Schema<any, any, never>
  readonly GroupListing: Schema.Schema<any, any, never>
  readonly ItemPage: Schema.Schema<any, any, never>
}

/** The schemas of the tree at `root` (this one by default). */
export const schemasOf = async (root = join(import.meta.dirname, "..")): Promise<Schemas> => {
  const load = (path: string) => import(pathToFileURL(join(root, path)).href)
  const [scimGroup, scimUser, list, run, flowservGroup, synthetic] = await Promise.all([
    load("src/scim/schemas/Group.ts"),
    load("src/scim/schemas/User.ts"),
    load("src/scim/schemas/ListResponse.ts"),
    load("src/flowserv/schemas/Run.ts"),
    load("src/flowserv/schemas/Group.ts"),
    load("src/testkit/synthetic/SyntheticClient.ts")
  ])
  return {
    ScimGroup: scimGroup.Group,
    ScimUser: scimUser.User,
    ListResponse: list.ListResponse,
    RunHandle: run.RunHandle,
    RunListing: run.RunListing,
    GroupListing: flowservGroup.GroupListing,
    ItemPage: synthetic.ItemPage
  }
}

const item = (
  name: string,
  schema: DecodeCase["schema"],
  plain: Schema.Schema<any, any, never>,
  make: (n: number) => unknown,
  goal: number | undefined
): DecodeCase => {
  const body = page(make, pageSize)
  return { name, schema, plain: Schema.Array(plain), body, plainBody: withoutNulls(body), items: pageSize, goal }
}

/** Every case: single resources (decoded a page's worth at a time, as an array) and listing pages. */
export const decodeCases: ReadonlyArray<DecodeCase> = [
  item("SCIM Group", (s) => Schema.Array(s.ScimGroup), PlainGroup, group, 6),
  item("SCIM Group, absent attributes sent as null", (s) => Schema.Array(s.ScimGroup), PlainGroup, groupWithNulls, 6),
  item("SCIM User", (s) => Schema.Array(s.ScimUser), PlainUser, user, 5),
  item("flowserv RunHandle", (s) => Schema.Array(s.RunHandle), PlainRunHandle, run, 5),
  {
    name: `SCIM ListResponse page of ${pageSize} groups`,
    schema: (s) => s.ListResponse(s.ScimGroup),
    plain: plainListResponse(PlainGroup),
    body: listResponse(page(group, pageSize)),
    plainBody: listResponse(page(group, pageSize)),
    items: pageSize,
    goal: undefined
  },
  {
    name: `SCIM ListResponse page of ${pageSize} users`,
    schema: (s) => s.ListResponse(s.ScimUser),
    plain: plainListResponse(PlainUser),
    body: listResponse(page(user, pageSize)),
    plainBody: listResponse(page(user, pageSize)),
    items: pageSize,
    goal: undefined
  },
  {
    name: `flowserv RunListing page of ${pageSize} runs`,
    schema: (s) => s.RunListing,
    plain: Schema.Struct({ runs: Schema.Array(PlainRunDescriptor) }),
    body: { runs: page(run, pageSize).map(({ createdAt, id, state }) => ({ id, state, createdAt })) },
    plainBody: { runs: page(run, pageSize).map(({ createdAt, id, state }) => ({ id, state, createdAt })) },
    items: pageSize,
    goal: undefined
  },
  {
    name: `flowserv GroupListing page of ${pageSize} groups`,
    schema: (s) => s.GroupListing,
    plain: Schema.Struct({ groups: Schema.Array(PlainGroupDescriptor) }),
    body: { groups: page((n) => ({ id: `g${n}`, name: `Team ${n}`, workflow: "helloworld" }), pageSize) },
    plainBody: { groups: page((n) => ({ id: `g${n}`, name: `Team ${n}`, workflow: "helloworld" }), pageSize) },
    items: pageSize,
    goal: undefined
  },
  // The streaming benchmark's pages: a schema that is a plain struct already.
  {
    name: `synthetic page of ${pageSize} items (the streaming benchmark's)`,
    schema: (s) => s.ItemPage,
    plain: Schema.Struct({
      items: Schema.Array(Schema.Struct({ id: S, index: Schema.Number, name: S })),
      total: Schema.Number
    }),
    body: { items: page((n) => ({ id: `item-${n}`, index: n, name: `Item number ${n}` }), pageSize), total: 1_000_000 },
    plainBody: {
      items: page((n) => ({ id: `item-${n}`, index: n, name: `Item number ${n}` }), pageSize),
      total: 1_000_000
    },
    items: pageSize,
    goal: undefined
  }
]
