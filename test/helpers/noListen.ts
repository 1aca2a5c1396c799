/**
 * Setup for `npm run test:quick`: a test that starts a server fails at once, naming the rule, rather
 * than slowing the edit loop down. Files that need one are listed in vitest.quick.config.ts.
 */
import * as Net from "node:net"

Net.Server.prototype.listen = function() {
  throw new Error(
    "test:quick runs no loopback servers: add this test file to `loopback` in vitest.quick.config.ts"
  )
}
