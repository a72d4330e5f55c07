import { ApiError } from "./index";
import { QueryClient } from "@tanstack/react-query";

/** The longest `Retry-After` a query waits on its own before it shows the error instead. */
const LONGEST_RETRY_WAIT_MS = 30_000;

/**
 * The React Query client of the web app and the admin console. Answers that will not change when asked again (4xx) are
 * not retried; network errors, 429 and 5xx are, twice: after the answer's `Retry-After` when it has one (and a wait that
 * long is worth it), else after React Query's backoff.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failures, error) => !(error instanceof ApiError && error.status < 500 && error.status !== 429)
          && !(error instanceof ApiError && (error.retryAfterSeconds ?? 0) * 1000 > LONGEST_RETRY_WAIT_MS) && failures < 2,
        retryDelay: (failures, error) => error instanceof ApiError && error.retryAfterSeconds !== null
          ? error.retryAfterSeconds * 1000
          : Math.min(1000 * 2 ** failures, LONGEST_RETRY_WAIT_MS),
      },
      mutations: { retry: false },
    },
  });
}
