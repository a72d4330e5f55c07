import { SignInForm, useSessionState } from "@/features/auth";
import { LanguageSelect, useT } from "@/lib/i18n";
import { useServices } from "@/lib/services";

export function SignInRoute() {
  const t = useT();
  const state = useSessionState();
  const { session } = useServices();
  // A session that is still signed in here lost its admin role (its renewed token no longer carries the scope).
  const notice = state.status === "signedIn" && !session.scopes.includes("admin") ? t("adminRoleLost")
    : state.status === "signedOut" && state.reason === "revoked" ? t("sessionEnded") : null;
  return (
    <main className="auth-page">
      <div className="auth-card">
        <div className="auth-logo" aria-hidden="true"><img src="/favicon.svg" alt="" width={48} height={48} /></div>
        <p className="auth-brand">{t("appName")}</p>
        <SignInForm notice={notice} />
      </div>
      <LanguageSelect />
    </main>
  );
}
