import * as effectEslint from "@effect/eslint-plugin"
import tseslint from "typescript-eslint"

export default [
  // test/fixtures holds third-party files copied verbatim (see each SOURCE.md).
  {
    ignores: ["dist/**", "node_modules/**", "coverage/**", "test-results/**", "docs/examples/**", "test/fixtures/**"]
  },
  ...tseslint.configs.recommended,
  ...effectEslint.configs.dprint,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-empty-object-type": "off",
      "@typescript-eslint/no-namespace": "off",
      "@effect/dprint": ["error", {
        config: {
          indentWidth: 2,
          lineWidth: 120,
          semiColons: "asi",
          quoteStyle: "alwaysDouble",
          trailingCommas: "never",
          operatorPosition: "maintain",
          "arrowFunction.useParentheses": "force"
        }
      }]
    }
  }
]
