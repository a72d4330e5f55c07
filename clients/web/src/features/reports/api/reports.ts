import { unwrap, type CreateReport } from "@wechat/api";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "@/lib/services";

/** Reports a message or a person of a conversation to the moderators (`POST /reports`). */
export function useReport() {
  const api = useApi();
  return useMutation({
    mutationFn: (report: CreateReport) => unwrap(api.chat.POST("/reports", { body: report })),
  });
}
