import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

const app = process.env.APP || "rows";
export default defineConfig({
  plugins: [solid()],
  base: "./",
  build: { outDir: process.env.OUT || "dist/" + app, emptyOutDir: true,
           rollupOptions: { input: app + ".html" } },
});
