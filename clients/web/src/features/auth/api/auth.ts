import { unwrap } from "@wechat/api";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { useServices } from "@/lib/services";
import type { SessionState } from "@wechat/api/session";

/** The session's state (signed in as whom, or signed out and why), re-rendering on every change. */
export function useSessionState(): SessionState {
  const { session } = useServices();
  return useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.getState(),
  );
}

export function useSignIn() {
  const { api, session } = useServices();
  return useMutation({
    mutationFn: async (credentials: { username: string; password: string }) =>
      unwrap(api.user.POST("/auth/login", { body: credentials })),
    onSuccess: (pair) => session.signIn(pair),
  });
}

export function useSignUp() {
  const { api, session } = useServices();
  return useMutation({
    mutationFn: async (account: { username: string; password: string; displayName: string }) => {
      await unwrap(api.user.POST("/auth/register", { body: account }));
      return unwrap(api.user.POST("/auth/login", { body: { username: account.username, password: account.password } }));
    },
    onSuccess: (pair) => session.signIn(pair),
  });
}

const deviceKey = "wechat.device";

/**
 * Registers this browser as a `web` device once per sign-in (idempotent on the server for the same token), so
 * that notification-service logs the pushes meant for it.
 */
export async function registerWebDevice(services: ReturnType<typeof useServices>): Promise<void> {
  const { api, storage } = services;
  let token = storage.getItem(`${deviceKey}.token`);
  if (!token) {
    token = `web-${crypto.randomUUID()}`;
    storage.setItem(`${deviceKey}.token`, token);
  }
  const device = await unwrap(api.notification.POST("/devices", { body: { platform: "web", token } }));
  storage.setItem(`${deviceKey}.id`, device.deviceId);
}

/** Ends the session on the server, forgets this browser as a device, and clears everything cached. */
export function useSignOut() {
  const services = useServices();
  const queryClient = useQueryClient();
  return async () => {
    const { api, session, storage } = services;
    const deviceId = storage.getItem(`${deviceKey}.id`);
    const refreshToken = session.refreshToken;
    try {
      if (deviceId) await api.notification.DELETE("/devices/{deviceId}", { params: { path: { deviceId } } });
      if (refreshToken) await api.user.POST("/auth/logout", { body: { refreshToken } });
    } catch {
      // Offline: the tokens are forgotten below all the same; the refresh token expires on its own.
    }
    storage.removeItem(`${deviceKey}.id`);
    session.signOut("user");
    queryClient.clear();
  };
}
