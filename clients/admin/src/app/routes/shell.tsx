import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { NavLink, Outlet } from "react-router";
import { isForbidden, useMe, useSignOut } from "@/features/auth";
import { LanguageSelect, useT } from "@/lib/i18n";

/**
 * An admin route refused with 403 means the account lost its admin role (or was disabled) since signing in: the
 * session is ended rather than leaving a console whose every page fails.
 */
function useSignOutWhenForbidden() {
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  useEffect(() => queryClient.getQueryCache().subscribe((event) => {
    if (event.type === "updated" && isForbidden(event.query.state.error)) void signOut();
  }), [queryClient, signOut]);
}

/** The signed-in frame: the navigation bar and the page. */
export function AdminShell() {
  const t = useT();
  const signOut = useSignOut();
  const me = useMe().data;
  useSignOutWhenForbidden();
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand"><img src="/favicon.svg" alt="" width={24} height={24} />{t("appName")}</span>
        <nav aria-label={t("adminNavigation")}>
          <NavLink to="/users">{t("users")}</NavLink>
          <NavLink to="/reports">{t("reports")}</NavLink>
          <NavLink to="/stats">{t("stats")}</NavLink>
          <NavLink to="/audit">{t("audit")}</NavLink>
        </nav>
        <span className="topbar-spacer" />
        <LanguageSelect />
        {me ? <span className="muted small">{t("signedInAs", { name: `@${me.username}` })}</span> : null}
        <button type="button" className="secondary-button" onClick={() => void signOut()}>{t("signOut")}</button>
      </header>
      <main className="shell-main">
        <Outlet />
      </main>
    </div>
  );
}
