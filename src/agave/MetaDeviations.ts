/**
 * Where the metadata and notifications records differ from AgavePy's description, and why (part of
 * the list in `deviations`).
 *
 * @since 0.1.0
 */
import type { Deviation } from "./deviations.js"

const anyValue = "a document's value is any JSON on the server (the metadata guide: \"it accepts any valid " +
  "JSON-formatted metadata or plain text String\"; objects in every example); the 1.2 model says string. " +
  "The value is decoded with the caller's schema (withValue), unknown JSON by default"

const nestedEnvelope = "the 1.2 MultipleMetadataResponse nests an envelope inside the envelope (its result is " +
  "a list of MetadataResponse, each {status, message, version, result}); the server's result is a list of " +
  "documents (metadata listing and search guides), which is what is decoded"

const bulkAnswer = "no guide or server source describes the bulk endpoints beyond AgavePy's " +
  "MetadataStringResponse, which does not say what the string holds; the result is kept as sent (any JSON), " +
  "so that a server answering the documents, or a summary, never turns a completed bulk write into a " +
  "decode failure"

const onePage = "a single document has no pages: the 1.2 description copies limit and offset from the " +
  "listings, and the server ignores them"

const schemaSearch = "the 1.2 description declares a uuid path parameter that /meta/v2/schemas does not have " +
  "(copied from getSchema), so AgavePy cannot call it as described"

const schemaQuery = "the server searches schemas as it searches documents: a MongoDB query q, and privileged " +
  "for administrators (science-apis MetadataSchemaCollection; Swagger 2.0 listMetadataSchema declares q)"

/**
 * The metadata service's differences.
 *
 * @since 0.1.0
 * @category deviations
 */
export const metaDeviations: ReadonlyArray<Deviation> = [
  ...["bulkCreate", "bulkUpdate", "bulkDelete"].map((name) => ({
    difference: `meta.${name}: answer any != string`,
    reason: bulkAnswer
  })),
  ...["status", "message", "version", "result"].map((field) => ({
    difference: `model MetadataResponse.${field}: not decoded`,
    reason: nestedEnvelope
  })),
  { difference: "model Metadata.value: any != string", reason: anyValue },
  { difference: "meta.getMetadata: query -limit", reason: onePage },
  { difference: "meta.getMetadata: query -offset", reason: onePage },
  { difference: "meta.getSchema: query -limit", reason: onePage },
  { difference: "meta.getSchema: query -offset", reason: onePage },
  { difference: "meta.searchSchema: path parameter -uuid", reason: schemaSearch },
  { difference: "meta.searchSchema: query +q", reason: schemaQuery },
  { difference: "meta.searchSchema: query +privileged", reason: schemaQuery },
  {
    difference: "meta.searchSchema: answer list != one",
    reason: "the 1.2 description answers one MetadataSchema; the server lists the schemas that match (a page " +
      "of them, like every listing), which is streamed"
  },
  {
    difference: "model MetadataSchema.schema: any != string",
    reason: "a stored schema is the JSON Schema object itself (metadata schema guide: \"schema\": {\"title\": …}); " +
      "the 1.2 model says string"
  }
]

/**
 * The notifications service's differences.
 *
 * @since 0.1.0
 * @category deviations
 */
export const notificationDeviations: ReadonlyArray<Deviation> = [
  {
    difference: "model Notification.uuid: not decoded",
    reason: "read as id: the server answers a notification's UUID as id (notifications guide: \"id\": " +
      "\"7612526206168863206-242ac114-0001-011\"); a uuid is read when a server sends one, and exposed as id"
  }
]

/**
 * Defects of the metadata and notifications descriptions the conformance test does not see.
 *
 * @since 0.1.0
 * @category deviations
 */
export const metaNotes: ReadonlyArray<Deviation> = [
  {
    difference: "NotificationRequest without event",
    reason: "the 1.2 and Swagger 2.0 NotificationRequest models name url, associatedUuid and persistent; the " +
      "server requires event too (notifications guide) and reads a retry policy: both are sent. persistent is " +
      "optional (false by default on the server)"
  },
  {
    difference: "Notification without event, status, policy",
    reason: "the server's notification carries event, status, lastUpdated and policy besides the described " +
      "fields (notifications guide); they are decoded"
  },
  {
    difference: "bulk bodies: lists of strings",
    reason: "the converted description types bulkCreate's and bulkUpdate's items as strings while its own " +
      "example holds documents; documents (with their uuid, to update) are sent"
  },
  {
    difference: "MetadataRequest.value and addSchema's body typed string",
    reason: "a value is any JSON and a schema a JSON Schema object; they are sent as JSON, not as a string " +
      "holding JSON"
  },
  {
    difference: "metadata permission failures answered 401",
    reason: "the server answers 401 \"User does not have permission to update metadata\" when a user may not " +
      "change or delete a document: the token was fine, so it is Forbidden (and never refreshes the token); a " +
      "missing document under a permission resource is answered 400 \"No metadata item found for user with id " +
      "X\": NotFound"
  },
  {
    difference: "notifications: 412 for a fired notification",
    reason: "changing a transient notification that has fired is answered 412 Precondition Failed: Conflict"
  }
]
