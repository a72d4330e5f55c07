/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The admin console is an origin of its own: it calls the API cross-origin, at the URL its config.json names
// (written next to the build by `make up`, and into its bucket by Terraform in AWS; `VITE_API_URL` in development).
export default defineConfig({
  plugins: [react()],
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  server: {
    port: Number(process.env.ADMIN_DEV_PORT ?? 5174),
    strictPort: true,
  },
  build: {
    target: "es2022",
    manifest: true,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/testing/setup.ts"],
    restoreMocks: true,
    testTimeout: 30_000,
  },
});
