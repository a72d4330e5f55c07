import { render } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { AppProvider } from "@/app/provider";
import { AppRoutes } from "@/app/router";
import { createQueryClient } from "@wechat/api/query-client";
import { createServices } from "@/lib/services";

/** The whole console at a path, in English, over the given fetch, with the API on its own origin. */
export function renderApp(path: string, fetch: (request: Request) => Promise<Response>) {
  const services = createServices({ apiUrl: "http://api.test", fetch, storage: localStorage });
  const view = render(
    <AppProvider services={services} queryClient={createQueryClient()} locale="en">
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
      </MemoryRouter>
    </AppProvider>,
  );
  return { ...view, services };
}
