import { defineConfig } from "vite";

const app = process.env.APP || "rows";
export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  base: "./",
  build: { outDir: process.env.OUT || "dist/" + app, emptyOutDir: true,
           rollupOptions: { input: app + ".html" } },
});
