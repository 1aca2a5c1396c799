import { defineConfig } from "vitest/config"
import base from "./vitest.config.js"

/**
 * Test files that start servers on 127.0.0.1 (the testkit's `serve`/`layerServer`, SCIMMY). `npm run
 * test:quick` leaves them out; `npm test` and CI run everything. A quick-run file that starts a server
 * fails (test/helpers/noListen.ts), so this list cannot silently fall behind.
 */
export const loopback = [
  "test/core/abort.test.ts",
  "test/core/hardening.test.ts",
  "test/core/retry-after.test.ts",
  "test/flowserv/download-memory.test.ts",
  "test/flowserv/loopback.test.ts",
  "test/reliability/echoed-secrets.test.ts",
  "test/reliability/hostile-bodies.test.ts",
  "test/reliability/ids.test.ts",
  "test/reliability/interruption.test.ts",
  "test/reliability/numbers.test.ts",
  "test/reliability/secrets.test.ts",
  "test/reliability/streams.test.ts",
  "test/scim/odm-groups.test.ts",
  "test/scim/scimmy-groups.test.ts",
  "test/scim/scimmy-users.test.ts",
  "test/undici/undici.test.ts"
]

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    exclude: ["**/node_modules/**", ...loopback],
    setupFiles: ["./test/helpers/noListen.ts"],
    // No JSON report: that one feeds CI's summary line, which comes from the full run.
    reporters: ["default"]
  }
})
