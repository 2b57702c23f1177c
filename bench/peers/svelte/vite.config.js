import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

const app = process.env.APP || "rows";
export default defineConfig({
  plugins: [svelte()],
  base: "./",
  build: { outDir: process.env.OUT || "dist/" + app, emptyOutDir: true,
           rollupOptions: { input: app + ".html" } },
});
