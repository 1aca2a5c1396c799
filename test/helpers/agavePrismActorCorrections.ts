/**
 * Where Prism, serving AgavePy's description of Abaco, differs from Abaco, and what the Prism test
 * does about it (see `agavePrismCorrections`), each with its reason: the reasons are the actors'
 * deviations of `src/agave/deviations.ts`, seen from the mock, and Abaco's own code
 * (`actors/controllers.py`) where the description is silent.
 */
import type { PrismCorrection } from "./agavePrismEdits.js"
import { answering, asText, enveloping, record } from "./agavePrismEdits.js"

/** Prism refuses every request of these, and must: Abaco takes what the description does not allow. */
export const actorRefusals = [
  {
    operations: ["actors.sendBinaryMessage"],
    difference: "Prism refuses a binary message",
    reason: "a binary message is the bytes themselves, sent as application/octet-stream (Abaco's OpenAPI 3 " +
      "sendMessage; its messages guide); the description declares a JSON body alone for the messages path. " +
      "The call fails with InvalidRequest (415: the request as sent is refused); the test server's tour sends bytes",
    refusal: "415 Invalid content type"
  }
] as const satisfies ReadonlyArray<PrismCorrection>

/** Prism refuses some requests of these, and must: an entry that makes them makes others too. */
export const actorPartRefusals = [
  {
    operations: ["actors.sendMessage"],
    difference: "Prism refuses a call with a nonce",
    reason: "Abaco takes an actor's nonce in the x-nonce query parameter instead of a token (the nonce scheme " +
      "of its OpenAPI 3); AgavePy's description knows OAuth alone, and Prism refuses a request without an " +
      "Authorization header. withNonce sends none, by design, so the call fails with Unauthorized (401); " +
      "the entry sends the message with the token too, which Prism takes. The test server's tour spends a nonce",
    refusal: "401 Invalid security scheme used"
  }
] as const satisfies ReadonlyArray<PrismCorrection>

/** The nonce of the description's model, as Prism fills it (its answer to getNonce). */
const describedNonce = (id: string) => ({
  actor_id: "string",
  create_time: "string",
  id,
  last_use_time: "string",
  level: "string",
  max_uses: "string",
  remaining_uses: -2147483648
})

/** Requests completed and answers corrected. */
export const actorFixes: ReadonlyArray<PrismCorrection> = [
  {
    operations: ["actors.updateState"],
    difference: "an actor's state sent as JSON, typed string",
    reason: "an actor's state is any JSON value (Abaco's OpenAPI 3: an arbitrary JSON-serializable object); the " +
      "description types the body a string. The test sends the state's JSON as a string",
    fix: { request: asText }
  },
  {
    operations: ["actors.updateState"],
    difference: "updateState answered with the state, not the actor",
    reason: "Abaco answers the actor, its new state included (controllers.py, ActorStateResource.post: " +
      "ok(result=actor.display())); the description answers an ActorState. The test adds the actor's id to " +
      "Prism's {state}",
    fix: answering((state) => record(state) ? { id: "string", ...state } : state)
  },
  {
    operations: ["actors.updatePermissions", "actors.addNonce"],
    difference: "a whole envelope nested in the result",
    reason: "the description's ActorPermissionsResponse and EmptyActorNonceRequestResponse nest an envelope in " +
      "the result (see the deviations); Abaco answers the permissions, or the new nonce, as the result. The " +
      "test lifts the inner result",
    fix: answering((inner) => record(inner) && "result" in inner ? inner["result"] : inner)
  },
  {
    operations: ["actors.getPermissions", "actors.updatePermissions"],
    difference: "actor permissions as {permissions: string}",
    reason: "Abaco answers the permissions themselves, a level per user name ({\"nryan\": \"UPDATE\"}); the " +
      "description's ActorPermissions holds one permissions string. The test answers the string as a user " +
      "name with the owner's level, UPDATE",
    fix: answering((permissions) =>
      record(permissions) && typeof permissions["permissions"] === "string"
        ? { [permissions["permissions"]]: "UPDATE" }
        : permissions
    )
  },
  {
    operations: ["actors.addNonce"],
    difference: "addNonce answered with a string",
    reason: "the description's nested answer holds a string where Abaco answers the new nonce (controllers.py, " +
      "ActorNoncesResource.post: ok(result=nonce.display())). The test answers the nonce as Prism answers " +
      "getNonce, with the string as its id",
    fix: answering((id) => typeof id === "string" ? describedNonce(id) : id)
  },
  {
    operations: ["actors.listNonces", "actors.getNonce", "actors.addNonce"],
    difference: "a nonce's max_uses typed string",
    reason: "Abaco sends a nonce's max_uses (maxUses in camelCase) as a number, -1 for unlimited uses; the " +
      "description types it string. The test answers -1",
    fix: answering((nonces) => {
      const numbered = (nonce: unknown) =>
        record(nonce) && typeof nonce["max_uses"] === "string" ? { ...nonce, max_uses: -1 } : nonce
      return Array.isArray(nonces) ? nonces.map(numbered) : numbered(nonces)
    })
  },
  {
    operations: ["actors.deleteMessages"],
    difference: "deleteMessages answered without a body",
    reason: "the description declares no answer for deleteMessages, so Prism sends none; Abaco answers " +
      "{msg: \"Actor mailbox purged.\", _links} in its envelope (controllers.py, MessagesResource.delete). " +
      "The test answers that",
    fix: { answer: enveloping("The request was successful", { msg: "Actor mailbox purged." }) }
  },
  {
    operations: ["actors.getSearch"],
    difference: "getSearch answered without a body",
    reason: "the description names a searchDatabase model it never defines and declares no answer, so Prism " +
      "sends none; Abaco answers a search page {_metadata, search: [...]} (controllers.py, SearchResource). " +
      "The test answers a page of one actor",
    fix: {
      answer: enveloping("Search completed successfully.", {
        _metadata: { totalCount: 1, recordsSkipped: 0, recordLimit: 100, countReturned: 1 },
        search: [{ id: "string", image: "abacosamples/wc" }]
      })
    }
  }
]

/** The operations Prism answers without a body: their whole answer is a correction's. */
export const actorsUnanswered: ReadonlyArray<string> = ["actors.deleteMessages", "actors.getSearch"]
