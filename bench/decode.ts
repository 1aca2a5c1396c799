/** Decode cost per item of the platforms' schemas, as the SDK decodes them (unknown fields ignored). */
import * as Schema from "effect/Schema"
import { GroupDescriptor } from "../src/flowserv/schemas/Group.js"
import { RunHandle } from "../src/flowserv/schemas/Run.js"
import { User } from "../src/flowserv/schemas/User.js"
import { Group as ScimGroup } from "../src/scim/schemas/Group.js"
import { User as ScimUser } from "../src/scim/schemas/User.js"
import { Item } from "../src/testkit/synthetic/SyntheticClient.js"

const cases: ReadonlyArray<readonly [string, Schema.Schema<any, any, never>, unknown]> = [
  ["synthetic Item", Item, { id: "item-1", index: 1, name: "Item number 1" }],
  ["flowserv User", User, { id: "0f3a", username: "alice" }],
  ["flowserv GroupDescriptor", GroupDescriptor, { id: "g1", name: "Team 1", workflow: "helloworld" }],
  ["flowserv RunHandle (SUCCESS)", RunHandle, {
    id: "r1",
    workflowId: "helloworld",
    groupId: "g1",
    state: "SUCCESS",
    createdAt: "2026-11-22T09:00:00.000000",
    startedAt: "2026-11-22T09:00:01.000000",
    finishedAt: "2026-11-22T09:00:05.000000",
    arguments: [{ name: "sleeptime", value: 1 }],
    parameters: [],
    files: [{ id: "f1", name: "results/greetings.txt" }]
  }],
  ["SCIM Group (3 members)", ScimGroup, {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
    id: "7c1d3b7e-5d1a-4f0e-9f59-2b4cf3f1a001",
    displayName: "Curators",
    members: [1, 2, 3].map((n) => ({ value: `user-${n}`, display: `User ${n}`, type: "User" })),
    meta: { resourceType: "Group", created: "2026-11-22T09:00:00Z", lastModified: "2026-11-22T09:00:00Z" }
  }],
  ["SCIM User", ScimUser, {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    id: "7c1d3b7e-5d1a-4f0e-9f59-2b4cf3f1a002",
    userName: "ada",
    name: { givenName: "Ada", familyName: "Lovelace" },
    active: true,
    emails: [{ value: "ada@example.org", primary: true }],
    meta: { resourceType: "User", created: "2026-11-22T09:00:00Z" }
  }]
]

/** µs per item, decoding arrays of `n` items (median of `rounds`). */
export const decodeCost = (options: { readonly n: number; readonly rounds: number }, extra = cases) => {
  const result: Record<string, number> = {}
  for (const [name, schema, sample] of extra) {
    const decode = Schema.decodeUnknownSync(Schema.Array(schema), { onExcessProperty: "ignore" })
    const input = Array.from({ length: options.n }, () => structuredClone(sample))
    decode(input)
    const times: Array<number> = []
    for (let round = 0; round < options.rounds; round++) {
      const start = performance.now()
      decode(input)
      times.push(((performance.now() - start) * 1000) / options.n)
    }
    times.sort((a, b) => a - b)
    result[name] = times[Math.floor(times.length / 2)]!
  }
  return result
}
