import { SignInForm, SignUpForm, useSessionState } from "@/features/auth";
import { LanguageSelect } from "@/features/profile";
import { useT } from "@/lib/i18n";
import type { ReactNode } from "react";

function AuthLayout({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <main className="auth-page">
      <div className="auth-card">
        <div className="auth-logo" aria-hidden="true"><img src="/favicon.svg" alt="" width={56} height={56} /></div>
        <p className="auth-brand">{t("appName")}</p>
        {children}
      </div>
      <LanguageSelect />
    </main>
  );
}

export function SignInRoute() {
  const t = useT();
  const state = useSessionState();
  const notice = state.status !== "signedOut" ? null
    : state.reason === "revoked" ? t("sessionEnded")
    : state.reason === "disabled" ? t("accountDisabled")
    : null;
  return <AuthLayout><SignInForm notice={notice} /></AuthLayout>;
}

export function SignUpRoute() {
  return <AuthLayout><SignUpForm /></AuthLayout>;
}
