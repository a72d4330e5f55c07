import type { QueryClient } from "@tanstack/react-query";
import type { Services } from "@/lib/services";
import { AppProvider } from "./provider";
import { AppRouter } from "./router";

export function App({ services, queryClient }: { services: Services; queryClient: QueryClient }) {
  return (
    <AppProvider services={services} queryClient={queryClient}>
      <AppRouter />
    </AppProvider>
  );
}
