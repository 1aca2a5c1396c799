import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The JSON report feeds the one-line summary that .ci/run prints.
    reporters: ["default", ["json", { outputFile: "test-results/results.json" }]],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Type tests (*.test-d.ts) pin every operation's error channel; `npm test` checks them with tsc.
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" }
  }
})
