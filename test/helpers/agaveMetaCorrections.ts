/**
 * Where the metadata and notifications servers (and so the test server) differ from AgavePy's
 * description converted to OpenAPI 3, and why: the contract test's corrections for these modules.
 */
export const metaCorrections: ReadonlyArray<{ readonly problem: RegExp; readonly reason: string }> = [
  {
    problem: /(body \/value|response 200 \/result\/value) must be string$/,
    reason: "a document's value is any JSON (metadata guide); the description types it string"
  },
  {
    problem: /^POST \/meta\/v2\/schemas(\/[^ ]+)? → \d+: body \/ must be string$/,
    reason: "a schema is posted as the JSON Schema object itself (metadata schema guide), not a string holding it"
  },
  {
    problem: /response 200 \/result\/schema must be string$/,
    reason: "a stored schema's schema is the JSON Schema object (metadata schema guide)"
  },
  {
    problem: /response 200 \/result\/internalUsername must be string$/,
    reason: "a document or schema owned by no internal user has internalUsername null (metadata guides)"
  },
  {
    problem: /^POST \/meta\/v2\/bulk\/(create|update) → \d+: body \/\d+ must be string$/,
    reason: "bulk create and update send documents, as the description's own example does; it types the " +
      "items as strings"
  },
  {
    problem: /^GET \/meta\/v2\/schemas\?[^ ]* → \d+: query parameter (q|privileged) is not declared$/,
    reason: "the server searches schemas with q and privileged as it searches documents (see the deviations)"
  },
  {
    problem: /^POST \/notifications\/v2\/[^ ]* → \d+: body \/ must have required property 'persistent'$/,
    reason: "persistent is optional: a notification is transient (false) unless asked (notifications guide)"
  },
  {
    problem: /response 200 \/result\/(lastSent must be string|responseCode must be integer)$/,
    reason: "a notification never sent has lastSent and responseCode null (notifications guide)"
  }
]
