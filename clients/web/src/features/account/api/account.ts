import { unwrap } from "@wechat/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useServices } from "@/lib/services";

export const accountKeys = {
  sessions: ["account", "sessions"] as const,
};

/** My signed-in sessions, the one of this browser marked `current`. */
export function useSessions() {
  const { api } = useServices();
  return useQuery({
    queryKey: accountKeys.sessions,
    queryFn: async () => (await unwrap(api.user.GET("/auth/sessions"))).items,
  });
}

/** Signs one of my other sessions out; the list is read again. */
export function useEndSession() {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) =>
      unwrap(api.user.DELETE("/auth/sessions/{sessionId}", { params: { path: { sessionId } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountKeys.sessions }),
  });
}

/** Changes my password: every other session is signed out by the server; this one stays. */
export function useChangePassword() {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      unwrap(api.user.POST("/users/me/password", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.sessions }),
  });
}

/** Deletes my account for good, then forgets everything this browser holds of it. */
export function useDeleteAccount() {
  const { api, session, storage } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => unwrap(api.user.DELETE("/users/me", { body: { password } })),
    onSuccess: () => {
      storage.removeItem("wechat.device.id");
      session.signOut("user");
      queryClient.clear();
    },
  });
}
