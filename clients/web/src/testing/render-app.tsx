import { render } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { AppProvider } from "@/app/provider";
import { AppRoutes } from "@/app/router";
import { createQueryClient } from "@wechat/api/query-client";
import { createServices } from "@/lib/services";
import { createFakeSocket } from "./fake-socket";

/** The whole app at a path, in English, over the given fetch and the fake WebSocket. */
export function renderApp(path: string, fetch: (request: Request) => Promise<Response>) {
  const services = createServices({ baseUrl: "http://app.test", fetch, storage: localStorage, createSocket: createFakeSocket });
  const queryClient = createQueryClient();
  const view = render(
    <AppProvider services={services} queryClient={queryClient} locale="en">
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
      </MemoryRouter>
    </AppProvider>,
  );
  return { ...view, services, queryClient };
}
