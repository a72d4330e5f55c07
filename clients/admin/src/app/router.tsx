import type { ReactNode } from "react";
import { BrowserRouter, Navigate, Route, Routes, useLocation } from "react-router";
import { AuditPage } from "@/features/audit";
import { useSessionState } from "@/features/auth";
import { ReportsPage } from "@/features/reports";
import { StatsPage } from "@/features/stats";
import { UsersPage } from "@/features/users";
import { useServices } from "@/lib/services";
import { AdminShell } from "./routes/shell";
import { SignInRoute } from "./routes/sign-in";

/** Only a session whose token carries the admin scope gets past the sign-in page. */
function SignedInAdmin({ children }: { children: ReactNode }) {
  const state = useSessionState();
  const { session } = useServices();
  const location = useLocation();
  if (state.status !== "signedIn" || !session.scopes.includes("admin")) {
    return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  }
  return children;
}

function SignedOut({ children }: { children: ReactNode }) {
  const state = useSessionState();
  const { session } = useServices();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  if (state.status === "signedIn" && session.scopes.includes("admin")) {
    return <Navigate to={from && from !== "/sign-in" ? from : "/users"} replace />;
  }
  return children;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignedOut><SignInRoute /></SignedOut>} />
      <Route element={<SignedInAdmin><AdminShell /></SignedInAdmin>}>
        <Route path="/users" element={<UsersPage />} />
        <Route path="/reports" element={<ReportsPage />} />
        <Route path="/stats" element={<StatsPage />} />
        <Route path="/audit" element={<AuditPage />} />
      </Route>
      <Route path="*" element={<Navigate to="/users" replace />} />
    </Routes>
  );
}

export function AppRouter() {
  return (
    <BrowserRouter>
      <AppRoutes />
    </BrowserRouter>
  );
}
