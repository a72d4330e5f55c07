import type { ReactNode } from "react";
import { BrowserRouter, Navigate, Route, Routes, useLocation } from "react-router";
import { AccountPage } from "@/features/account";
import { useSessionState } from "@/features/auth";
import { MessagingProvider } from "./messaging-provider";
import { SignInRoute, SignUpRoute } from "./routes/auth";
import { ChatRoute, ChatsRoute, NoChatRoute } from "./routes/chats";
import { PeopleRoute } from "./routes/people";
import { AppShell } from "./routes/shell";

// Client-side paths stay clear of the API's prefixes (/conversations, /contacts, /users ...), which CloudFront
// and the local edge send to the API rather than to index.html.

function SignedIn({ children }: { children: ReactNode }) {
  const state = useSessionState();
  const location = useLocation();
  if (state.status !== "signedIn") return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return <MessagingProvider key={state.userId} userId={state.userId}>{children}</MessagingProvider>;
}

function SignedOut({ children }: { children: ReactNode }) {
  const state = useSessionState();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  if (state.status === "signedIn") return <Navigate to={from && from !== "/sign-in" ? from : "/chats"} replace />;
  return children;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignedOut><SignInRoute /></SignedOut>} />
      <Route path="/sign-up" element={<SignedOut><SignUpRoute /></SignedOut>} />
      <Route element={<SignedIn><AppShell /></SignedIn>}>
        <Route path="/chats" element={<ChatsRoute />}>
          <Route index element={<NoChatRoute />} />
          <Route path=":conversationId" element={<ChatRoute />} />
        </Route>
        <Route path="/people" element={<PeopleRoute />} />
        <Route path="/settings" element={<AccountPage />} />
      </Route>
      <Route path="*" element={<Navigate to="/chats" replace />} />
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
