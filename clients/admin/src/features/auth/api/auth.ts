import { ApiError, unwrap } from "@wechat/api";
import { scopesOf, type SessionState } from "@wechat/api/session";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { useServices } from "@/lib/services";

/** The session's state (signed in as whom, or signed out and why), re-rendering on every change. */
export function useSessionState(): SessionState {
  const { session } = useServices();
  return useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.getState(),
  );
}

/** Thrown when the credentials are right but the account has no admin role: its tokens are not kept. */
export class NotAdminError extends Error {
  constructor() {
    super("not an admin");
    this.name = "NotAdminError";
  }
}

/**
 * Signs in and keeps the session only when its access token carries the `admin` scope. Anyone else's new session
 * is ended on the server at once, so that no refresh token of theirs lingers in this origin.
 */
export function useSignIn() {
  const { api, session } = useServices();
  return useMutation({
    mutationFn: async (credentials: { username: string; password: string }) => {
      const pair = await unwrap(api.user.POST("/auth/login", { body: credentials }));
      if (!scopesOf(pair.accessToken).includes("admin")) {
        await api.user.POST("/auth/logout", { body: { refreshToken: pair.refreshToken } }).catch(() => undefined);
        throw new NotAdminError();
      }
      return pair;
    },
    onSuccess: (pair) => session.signIn(pair),
  });
}

/** Ends the session on the server and forgets everything cached. */
export function useSignOut() {
  const { api, session } = useServices();
  const queryClient = useQueryClient();
  return async () => {
    const refreshToken = session.refreshToken;
    try {
      if (refreshToken) await api.user.POST("/auth/logout", { body: { refreshToken } });
    } catch {
      // Offline: the tokens are forgotten below all the same; the refresh token expires on its own.
    }
    session.signOut("user");
    queryClient.clear();
  };
}

/** Whether an error of an admin route means the signed-in account lost its admin role (or its session). */
export function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403;
}

/** The signed-in admin's own profile, for the header. */
export function useMe() {
  const { api } = useServices();
  return useQuery({ queryKey: ["me"], queryFn: () => unwrap(api.user.GET("/users/me")), staleTime: Infinity });
}
