import { ApiError } from "@wechat/api";
import { useT } from "@/lib/i18n";

/** The error of a failed query, said plainly (the API's own message for a 4xx). */
export function QueryError({ error }: { error: unknown }) {
  const t = useT();
  const text = error instanceof ApiError ? (error.status < 500 ? error.message : t("somethingWrong")) : t("offline");
  return <p className="form-error" role="alert">{text}</p>;
}

/** "Load more" under a paged list, while the API has a next page. */
export function LoadMore({ hasNextPage, isFetchingNextPage, fetchNextPage }: {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}) {
  const t = useT();
  if (!hasNextPage) return null;
  return (
    <button type="button" className="secondary-button load-more" disabled={isFetchingNextPage} onClick={() => void fetchNextPage()}>
      {isFetchingNextPage ? t("loading") : t("loadMore")}
    </button>
  );
}
