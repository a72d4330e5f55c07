import { createApi, type Api } from "@wechat/api";
import { createContext, useContext, type ReactNode } from "react";
import { authenticatedFetch, Session } from "@wechat/api/session";

/** What the whole app shares: the session and the typed API client that sends its token. */
export interface Services {
  session: Session;
  api: Api;
  /** The WebSocket URL for an access token, on the app's own host. */
  socketUrl: (token: string) => string;
  storage: Storage;
  createSocket?: (url: string) => WebSocket;
}

export interface ServicesOptions {
  baseUrl?: string;
  fetch?: (request: Request) => Promise<Response>;
  storage?: Storage;
  createSocket?: (url: string) => WebSocket;
}

export function createServices(options: ServicesOptions = {}): Services {
  const baseUrl = options.baseUrl ?? window.location.origin;
  const storage = options.storage ?? window.localStorage;
  const send = options.fetch ?? ((request: Request) => fetch(request));
  const session = new Session({ baseUrl, storage, fetch: (input, init) => send(new Request(input, init)) });
  const api = createApi({ baseUrl, fetch: authenticatedFetch(session, send) });
  const socketBase = baseUrl.replace(/^http/, "ws");
  return {
    session,
    api,
    storage,
    createSocket: options.createSocket,
    socketUrl: (token) => `${socketBase}/ws?token=${encodeURIComponent(token)}`,
  };
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
