import { unwrap } from "@wechat/api";
import { useQuery } from "@tanstack/react-query";
import { useApi } from "@/lib/services";

/** The usage figures, fetched again every half minute while the page is open. */
export function useStats() {
  const api = useApi();
  return useQuery({
    queryKey: ["admin-stats"],
    queryFn: () => unwrap(api.chat.GET("/admin/stats")),
    refetchInterval: 30_000,
  });
}
