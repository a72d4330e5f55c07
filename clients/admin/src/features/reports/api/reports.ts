import { unwrap, type Report } from "@wechat/api";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useApi } from "@/lib/services";

export type ReportStatus = Report["status"];
export type ReportAction = "dismiss" | "remove_message" | "disable_user";

const pageSize = 25;

export function useReports(status: ReportStatus) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: ["admin-reports", status],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => unwrap(api.chat.GET("/admin/reports", {
      params: { query: { status, cursor: pageParam ?? undefined, limit: pageSize } },
    })),
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** Resolves a report and carries out its action on the server; the lists it changes are fetched again. */
export function useResolveReport() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ reportId, action, note }: { reportId: string; action: ReportAction; note: string }) =>
      unwrap(api.chat.POST("/admin/reports/{reportId}/resolve", {
        params: { path: { reportId } },
        body: note ? { action, note } : { action },
      })),
    onSuccess: () => Promise.all(["admin-reports", "admin-audit", "admin-users"].map((key) =>
      queryClient.invalidateQueries({ queryKey: [key] }))),
  });
}
