import { unwrap, type AdminUser } from "@wechat/api";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useApi } from "@/lib/services";

export type UserStatus = AdminUser["status"];
export interface UserFilter {
  search: string;
  status: UserStatus | "";
}

const pageSize = 25;

/** Users matching the search and status, page after page (the API's cursor). */
export function useAdminUsers(filter: UserFilter) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: ["admin-users", filter],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => unwrap(api.user.GET("/admin/users", {
      params: {
        query: {
          search: filter.search || undefined,
          status: filter.status || undefined,
          cursor: pageParam ?? undefined,
          limit: pageSize,
        },
      },
    })),
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** Disable (with a reason) or enable an account; every list of users is fetched again afterwards. */
export function useSetUserStatus() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: { userId: string } & ({ action: "disable"; reason: string } | { action: "enable" })) =>
      change.action === "disable"
        ? unwrap(api.user.POST("/admin/users/{userId}/disable", {
          params: { path: { userId: change.userId } }, body: { reason: change.reason },
        }))
        : unwrap(api.user.POST("/admin/users/{userId}/enable", { params: { path: { userId: change.userId } } })),
    onSuccess: () => Promise.all([
      queryClient.invalidateQueries({ queryKey: ["admin-users"] }),
      queryClient.invalidateQueries({ queryKey: ["admin-audit"] }),
    ]),
  });
}
