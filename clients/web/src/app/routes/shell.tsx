import { NavLink, Outlet } from "react-router";
import { useState } from "react";
import { ChatIcon, ContactsIcon, OfflineIcon, SettingsIcon, SignOutIcon } from "@/components/icons";
import { useSignOut } from "@/features/auth";
import { useContactRequests } from "@/features/contacts";
import { MyAvatar, ProfileDialog } from "@/features/profile";
import { useMe } from "@/features/users";
import { useT } from "@/lib/i18n";
import { useMessaging } from "@/lib/messaging";

/** Shown whenever the WebSocket is down: nothing live arrives, and what is sent waits in the outbox. */
function OfflineBanner() {
  const t = useT();
  const { status } = useMessaging();
  if (status !== "offline") return null;
  return (
    <div className="offline-banner" role="alert">
      <OfflineIcon width={18} height={18} />
      <span>{t("offline")}</span>
    </div>
  );
}

/** The signed-in frame: the navigation rail (a bottom bar on phones), the offline banner and the page. */
export function AppShell() {
  const t = useT();
  const me = useMe().data;
  const signOut = useSignOut();
  const [profileOpen, setProfileOpen] = useState(false);
  const incoming = (useContactRequests(30_000).data ?? []).filter((request) => request.direction === "incoming" && request.status === "pending").length;
  return (
    <div className="shell">
      <nav className="rail" aria-label={t("mainNavigation")}>
        <button type="button" className="rail-avatar" onClick={() => setProfileOpen(true)} aria-label={t("profile")} title={t("profile")}>
          {me ? <MyAvatar profile={me} size={36} /> : null}
        </button>
        <NavLink to="/chats" className="rail-link" title={t("chats")}>
          <ChatIcon /><span className="rail-label">{t("chats")}</span>
        </NavLink>
        <NavLink to="/people" className="rail-link" title={t("contacts")}>
          <ContactsIcon /><span className="rail-label">{t("contacts")}</span>
          {incoming > 0 ? <span className="rail-badge" aria-hidden="true">{incoming}</span> : null}
        </NavLink>
        <NavLink to="/settings" className="rail-link" title={t("accountSettings")}>
          <SettingsIcon /><span className="rail-label">{t("accountSettings")}</span>
        </NavLink>
        <span className="rail-spacer" />
        <button type="button" className="rail-link" onClick={() => void signOut()} title={t("signOut")}>
          <SignOutIcon /><span className="rail-label">{t("signOut")}</span>
        </button>
      </nav>
      <div className="shell-main">
        <OfflineBanner />
        <Outlet />
      </div>
      {profileOpen ? <ProfileDialog onClose={() => setProfileOpen(false)} /> : null}
    </div>
  );
}
