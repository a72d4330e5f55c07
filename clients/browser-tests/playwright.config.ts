import { defineConfig } from "@playwright/test";

// The messenger in the machine's Chromium (Playwright's own browser download is not used), against the web app the
// local edge serves, exactly as a person opens it: http://localhost:$EDGE_PORT/.
const baseURL = process.env.WEB_APP_URL ?? `http://localhost:${process.env.EDGE_PORT ?? "8080"}`;

export default defineConfig({
  testDir: "./tests",
  // One scenario of several people in turn: its steps share browser contexts and run in order.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL,
    locale: "en-US",
    viewport: { width: 1280, height: 800 },
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox"],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
});
