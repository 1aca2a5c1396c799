/**
 * Where Prism, serving AgavePy's description, differs from the metadata and notifications servers,
 * and what the Prism test does about it (see `agavePrismCorrections`), each with its reason: the
 * reasons are the deviations of `src/agave/MetaDeviations.ts`, seen from the mock.
 */
import type { PrismCorrection } from "./agavePrismEdits.js"
import { adding, answering, asText, record } from "./agavePrismEdits.js"

/** Prism refuses these, and must: the servers take what the description does not allow. */
export const metaRefusals = [
  {
    operations: ["meta.searchSchema"],
    difference: "Prism refuses every schema search: its path parameter uuid cannot be given",
    reason: "the description declares a uuid path parameter /meta/v2/schemas does not have (copied from " +
      "getSchema; see the deviations); no request satisfies it, so the call fails with InvalidRequest. The " +
      "test server's tour checks the search",
    refusal: "400 Request path must have required property 'uuid'"
  }
] as const satisfies ReadonlyArray<PrismCorrection>

/** Requests completed and answers corrected. */
export const metaFixes: ReadonlyArray<PrismCorrection> = [
  {
    operations: ["meta.addMetadata", "meta.updateMetadata"],
    difference: "a document's value sent as JSON, typed string",
    reason: "a value is any JSON on the servers (the metadata guide: \"it accepts any valid JSON-formatted " +
      "metadata or plain text String\"); the description types it string. The test sends the value's JSON " +
      "as a string",
    fix: { request: (json) => record(json) && "value" in json ? { ...json, value: asText(json["value"]) } : json }
  },
  {
    operations: ["meta.bulkCreate", "meta.bulkUpdate"],
    difference: "bulk items sent as documents, typed strings",
    reason: "the description types the items of bulkCreate and bulkUpdate as strings, while its own example " +
      "holds documents, which the servers read. The test sends each document's JSON as a string",
    fix: { request: (json) => Array.isArray(json) ? json.map(asText) : json }
  },
  {
    operations: ["meta.addSchema", "meta.updateSchema"],
    difference: "a JSON Schema sent as the object, typed string",
    reason: "a schema is posted as the JSON Schema object itself (metadata schema guide); the description " +
      "types the body a string. The test sends the schema's JSON as a string",
    fix: { request: asText }
  },
  {
    operations: ["meta.listMetadata"],
    difference: "a document listing nests an envelope per document",
    reason: "the 1.2 MultipleMetadataResponse's result is a list of MetadataResponse envelopes; the servers' " +
      "result is the list of documents (metadata listing and search guides). The test lists the documents",
    fix: answering((list) =>
      Array.isArray(list) ? list.map((item) => record(item) && "result" in item ? item["result"] : item) : list
    )
  },
  {
    operations: ["notifications.update"],
    difference: "notification request without persistent",
    reason: "the description requires persistent; the servers make a notification transient unless asked " +
      "(notifications guide), and the SDK leaves it optional. The test adds persistent false",
    fix: { request: adding({ persistent: false }) }
  }
]
