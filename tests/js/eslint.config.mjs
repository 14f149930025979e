// ESLint for the site's browser scripts (docs/javascripts, not vendor/), run by `make lint`.
// They are classic scripts (one IIFE each, sharing window.ModelAtlas and window.ModelAtlasNeed), not modules.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["docs/javascripts/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser, Tablesort: "readonly" },
    },
    rules: {
      eqeqeq: ["error", "always"],
      "no-var": "error",
      "prefer-const": "error",
      "no-unused-vars": ["error", { args: "after-used" }],
      strict: ["error", "function"],
    },
  },
];
