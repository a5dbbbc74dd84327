// Lint rules for the whole project (flat config): TypeScript-aware recommended rules everywhere, React
// hooks rules for the add-in, and browser or Node globals where each kind of code runs.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", ".certs/", ".data/", "test-artifacts/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      eqeqeq: ["error", "smart"],
      "no-console": "off",
    },
  },
  {
    files: ["**/*.js", "api/**", "sim/**", "lib/**", "scripts/**", "bench/**", "test/**"],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["addin/**/*.{ts,tsx}", "test/addin/**"],
    languageOptions: { globals: { ...globals.browser, Office: "readonly" } },
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The rules engine stays pure: no I/O and no clock.
    files: ["api/src/rules/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["node:*", "fs", "http", "https", "pg", "express"] }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: "The time is an argument.",
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "The time is an argument.",
        },
      ],
    },
  }
);
