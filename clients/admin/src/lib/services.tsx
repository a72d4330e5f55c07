import { createApi, type Api } from "@wechat/api";
import { authenticatedFetch, Session } from "@wechat/api/session";
import { createContext, useContext, type ReactNode } from "react";

/** What the whole console shares: the session and the typed API client that sends its token to the API's origin. */
export interface Services {
  session: Session;
  api: Api;
}

export interface ServicesOptions {
  apiUrl: string;
  fetch?: (request: Request) => Promise<Response>;
  storage?: Storage;
}

export function createServices(options: ServicesOptions): Services {
  const send = options.fetch ?? ((request: Request) => fetch(request));
  const session = new Session({
    baseUrl: options.apiUrl,
    storage: options.storage ?? window.localStorage,
    fetch: (input, init) => send(new Request(input, init)),
  });
  return { session, api: createApi({ baseUrl: options.apiUrl, fetch: authenticatedFetch(session, send) }) };
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error("useServices outside ServicesProvider");
  return services;
}

export function useApi(): Api {
  return useServices().api;
}
