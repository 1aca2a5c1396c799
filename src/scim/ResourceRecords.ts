/**
 * The SCIM operations as endpoint records (RFC 7644 §3.3–3.6), one table for every resource type:
 * `records(type)` is the table on `/Groups`, `/Users` or any other endpoint below the SCIM root.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import type { Classification, Classifier } from "../core/Classify.js"
import * as Endpoint from "../core/Endpoint.js"
import * as Query from "../core/Query.js"
import { ListResponse } from "./schemas/ListResponse.js"
import { classifier } from "./ScimErrors.js"

/**
 * What the shared operations need to know about a resource type.
 *
 * @since 0.1.0
 * @category models
 */
export interface ResourceType<A, I, Input> {
  /** The endpoint below the SCIM root: `Groups`, `Users`. */
  readonly endpoint: string
  /** The resource type's name as in `meta.resourceType`: `Group`, `User`. */
  readonly resourceType: string
  readonly schema: Schema.Schema<A, I>
  /** The request body for a create or replace, the core schema URN included. */
  readonly body: (input: Input) => Record<string, unknown>
}

// A PATCH answered 200 with a body that is not the resource (`{}`, `null`): the change was applied,
// so this is "no resource returned", like a 204, rather than a failure after the fact. A body with
// an `id` must be the resource.
const NotTheResource = Schema.transform(
  Schema.Union(Schema.Struct({ id: Schema.optional(Schema.Never) }), Schema.Null),
  Schema.Undefined,
  { strict: true, decode: () => undefined, encode: () => null }
)

// Request bodies are built by the resource type (`ResourceType.body`, `Patch.request`).
const body = Schema.Object

const attributes = { attributes: Query.commaList(Query.string), excludedAttributes: Query.commaList(Query.string) }

/**
 * The message of a `NotFound` whose server said nothing more: the service adds the id.
 *
 * @since 0.1.0
 * @category utils
 */
export const unnamed = (resourceType: string): string => `no ${resourceType}`

// A 404 on a single resource is that resource not found, whatever else the server's body says.
const notFound = (resourceType: string): Classifier => (response): Classification | undefined => {
  if (response.status !== 404) return undefined
  const verdict = classifier(response)
  return { ...verdict, tag: "NotFound", message: verdict?.message ?? unnamed(resourceType), resource: resourceType }
}

const docs = "https://datatracker.ietf.org/doc/html/rfc7644#section-3"

/**
 * The operations on one resource type, as records: span names `scim.<endpoint>.<operation>`, the
 * resource's id as `scim.<resourceType>.id`.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const records = <A extends { readonly id: string }, I, Input>(type: ResourceType<A, I, Input>) => {
  // The paths' types name their parameters only; their text is the resource type's endpoint.
  const collection = `/${type.endpoint}` as "/Resources"
  const one = `/${type.endpoint}/{id}` as "/Resources/{id}"
  const name = <const Op extends string>(op: Op) => `scim.${type.endpoint}.${op}` as const
  const spanAttributes = { id: `scim.${type.resourceType.toLowerCase()}.id` }
  const classifier = notFound(type.resourceType)
  return {
    /** Creates a resource (201). */
    create: Endpoint.make({
      name: name("create"),
      method: "POST",
      path: collection,
      body,
      success: type.schema,
      errors: ["Unauthorized", "Forbidden", "Conflict", "InvalidRequest"],
      resultAttributes: (created) => ({ [spanAttributes.id]: created.id }),
      docs: `${docs}.3`
    }),
    /** One resource by id. */
    get: Endpoint.make({
      name: name("get"),
      method: "GET",
      path: one,
      query: attributes,
      success: type.schema,
      errors: ["Unauthorized", "Forbidden", "NotFound", "InvalidRequest"],
      classifier,
      spanAttributes,
      docs: `${docs}.4.1`
    }),
    /** One page of a query, from `startIndex` (1-based) of at most `count` resources. */
    listPage: Endpoint.make({
      name: name("listPage"),
      method: "GET",
      path: collection,
      query: {
        filter: Query.string,
        ...attributes,
        sortBy: Query.string,
        sortOrder: Query.literal("ascending", "descending"),
        startIndex: Query.integer,
        count: Query.integer
      },
      success: ListResponse(type.schema),
      errors: ["Unauthorized", "Forbidden", "InvalidRequest"],
      docs: `${docs}.4.2`
    }),
    /** Applies PATCH operations; `undefined` when the server sends no resource back. */
    patch: Endpoint.make({
      name: name("patch"),
      method: "PATCH",
      path: one,
      body,
      success: Schema.Union(type.schema, NotTheResource),
      onNoContent: () => undefined,
      errors: ["Unauthorized", "Forbidden", "NotFound", "Conflict", "InvalidRequest"],
      classifier,
      spanAttributes,
      docs: `${docs}.5.2`
    }),
    /** Replaces the resource (PUT). */
    replace: Endpoint.make({
      name: name("replace"),
      method: "PUT",
      path: one,
      body,
      success: type.schema,
      errors: ["Unauthorized", "Forbidden", "NotFound", "Conflict", "InvalidRequest"],
      classifier,
      spanAttributes,
      docs: `${docs}.5.1`
    }),
    /** Deletes the resource (204); a retry answered 404 means an earlier attempt deleted it. */
    delete: Endpoint.make({
      name: name("delete"),
      method: "DELETE",
      path: one,
      success: Endpoint.noContent,
      idempotentDelete: true,
      errors: ["Unauthorized", "Forbidden", "NotFound", "InvalidRequest"],
      classifier,
      spanAttributes,
      docs: `${docs}.6`
    })
  }
}

/**
 * The table of records for a resource type.
 *
 * @since 0.1.0
 * @category models
 */
export type Records<A extends { readonly id: string }, I = unknown, Input = unknown> = ReturnType<
  typeof records<A, I, Input>
>
