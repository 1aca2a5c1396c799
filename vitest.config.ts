import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The JSON report feeds the one-line summary that .ci/run prints.
    reporters: ["default", ["json", { outputFile: "test-results/results.json" }]],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    typecheck: { enabled: false }
  }
})
