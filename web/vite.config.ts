// Vite build of the single-page app: root web/, output web/dist, served by the Fastify server.
// React 19 JSX through esbuild's automatic runtime (no React plugin needed).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  base: "/",
  esbuild: { jsx: "automatic" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1000,
  },
  server: {
    port: 5173,
    proxy: { "/api": "http://localhost:3000", "/readyz": "http://localhost:3000" },
  },
});
