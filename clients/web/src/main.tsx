import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";
import { createQueryClient } from "@wechat/api/query-client";
import { createServices } from "./lib/services";
import "./styles.css";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App services={createServices()} queryClient={createQueryClient()} />
  </StrictMode>,
);
