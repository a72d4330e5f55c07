/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig, loadEnv } from "vite";

// The API prefixes the app calls; in development Vite forwards them (and /ws) to the local edge, so the
// browser sees one origin exactly as behind CloudFront. Client-side routes avoid these prefixes.
const apiPrefixes = [
  "/auth", "/users", "/contacts", "/blocks", "/conversations", "/messages", "/presence",
  "/media", "/devices", "/settings", "/notifications", "/.well-known",
];

export default defineConfig(({ mode }) => {
  const edgeUrl = loadEnv(mode, process.cwd(), "VITE_").VITE_EDGE_URL ?? "http://localhost:8080";
  const toEdge = { target: edgeUrl, changeOrigin: true };
  return {
    plugins: [react()],
    resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
    server: {
      port: Number(process.env.WEB_DEV_PORT ?? 5173),
      strictPort: true,
      proxy: {
        ...Object.fromEntries(apiPrefixes.map((prefix) => [`^${prefix.replace(".", "\\.")}(/|\\?|$)`, toEdge])),
        "/ws": {
          ...toEdge,
          ws: true,
          // Through this proxy the browser and the API share one origin, as behind CloudFront; the edge would
          // check the dev server's Origin against its CORS origins (API Gateway checks none), so drop it.
          configure: (proxy) => proxy.on("proxyReqWs", (request) => request.removeHeader("origin")),
        },
      },
    },
    build: {
      target: "es2022",
      manifest: true,
    },
    test: {
      environment: "jsdom",
      setupFiles: ["./src/testing/setup.ts"],
      restoreMocks: true,
      // Whole-app tests render many components in jsdom: generous limits keep them steady on a busy machine.
      testTimeout: 30_000,
    },
  };
});
