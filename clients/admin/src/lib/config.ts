/** Where the API is: the one thing the console learns at start, so that one build serves every environment. */
export interface AdminConfig {
  apiUrl: string;
}

/**
 * Reads `/config.json` from the console's own origin (written there by `make up`, and by Terraform in AWS). Without
 * one (Vite's dev server) the API is `VITE_API_URL`, else the local edge.
 */
export async function loadConfig(fetchConfig: typeof fetch = fetch): Promise<AdminConfig> {
  try {
    const response = await fetchConfig("/config.json", { cache: "no-cache" });
    if (response.ok) {
      const config = (await response.json()) as Partial<AdminConfig>;
      if (typeof config.apiUrl === "string" && config.apiUrl) return { apiUrl: config.apiUrl.replace(/\/$/, "") };
    }
  } catch {
    // No config file: the development fallback below.
  }
  return { apiUrl: import.meta.env.VITE_API_URL ?? "http://localhost:8080" };
}
