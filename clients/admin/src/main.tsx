import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";
import { loadConfig } from "./lib/config";
import { createQueryClient } from "@wechat/api/query-client";
import { createServices } from "./lib/services";
import "./styles.css";

const { apiUrl } = await loadConfig();
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App services={createServices({ apiUrl })} queryClient={createQueryClient()} />
  </StrictMode>,
);
