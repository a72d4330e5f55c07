import { unwrap } from "@wechat/api";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useApi } from "@/lib/services";

/** Every admin action, newest first, page after page. */
export function useAuditLog() {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: ["admin-audit"],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => unwrap(api.chat.GET("/admin/audit", {
      params: { query: { cursor: pageParam ?? undefined, limit: 50 } },
    })),
    getNextPageParam: (page) => page.nextCursor,
  });
}
