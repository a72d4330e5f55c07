import { ApiError } from "@wechat/api";
import { QueryClient } from "@tanstack/react-query";

/** Answers that will not change when asked again (4xx) are not retried; network errors and 5xx are, twice. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failures, error) => !(error instanceof ApiError && error.status < 500 && error.status !== 429) && failures < 2,
      },
      mutations: { retry: false },
    },
  });
}
