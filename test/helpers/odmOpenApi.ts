/**
 * ODM's OpenAPI description (test/fixtures/odm) as a validator of recorded exchanges: the generic
 * contract check (`openApi.ts`) loaded with ODM's files.
 */
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { loadContract } from "./openApi.js"

export const odmContract = loadContract({ path: join(dirname(fileURLToPath(import.meta.url)), "../fixtures/odm") })

/** What is wrong with a request, by ODM's description; empty when nothing. */
export const requestProblems = odmContract.requestProblems

/** What is wrong with a response, by ODM's description; empty when nothing. */
export const responseProblems = odmContract.responseProblems

/** Every problem of every exchange, each prefixed with its request line. `undeclared` names responses
 *  ODM's prose promises but its description does not declare (their requests are still checked). */
export const exchangeProblems = odmContract.exchangeProblems
