import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { useEffect, type ReactNode } from "react";
import { I18nProvider, type Locale } from "@/lib/i18n";
import { ServicesProvider, type Services } from "@/lib/services";

/** Everything the console's screens rely on: services (session, API), the query cache and the language. */
export function AppProvider({ services, queryClient, locale, children }: {
  services: Services;
  queryClient: QueryClient;
  locale?: Locale;
  children: ReactNode;
}) {
  useEffect(() => {
    // Another tab signed in, refreshed the tokens or signed out: follow it.
    const onStorage = (event: StorageEvent) => event.key === "wechat.session" && services.session.adoptStoredTokens();
    window.addEventListener("storage", onStorage);
    // Whatever ended the session, nothing cached for that admin may show to the next one.
    const unsubscribe = services.session.subscribe((state) => state.status === "signedOut" && queryClient.clear());
    return () => {
      window.removeEventListener("storage", onStorage);
      unsubscribe();
    };
  }, [services, queryClient]);
  return (
    <ServicesProvider services={services}>
      <QueryClientProvider client={queryClient}>
        <I18nProvider locale={locale}>{children}</I18nProvider>
      </QueryClientProvider>
    </ServicesProvider>
  );
}
