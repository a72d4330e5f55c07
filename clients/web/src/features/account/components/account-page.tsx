import { ApiError } from "@wechat/api";
import { useState, type FormEvent } from "react";
import { useI18n } from "@/lib/i18n";
import { formatListTime } from "@/lib/time";
import { useChangePassword, useDeleteAccount, useEndSession, useSessions } from "../api/account";

function errorText(error: unknown, fallback: string): string {
  return error instanceof ApiError ? error.message : fallback;
}

function ChangePassword() {
  const { t } = useI18n();
  const change = useChangePassword();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate({ currentPassword, newPassword }, {
      onSuccess: () => {
        setCurrentPassword("");
        setNewPassword("");
      },
    });
  };
  return (
    <section className="account-section" aria-labelledby="change-password">
      <h2 id="change-password">{t("changePassword")}</h2>
      <form onSubmit={submit}>
        <label className="field">
          <span>{t("currentPassword")}</span>
          <input type="password" required autoComplete="current-password" value={currentPassword}
                 onChange={(event) => setCurrentPassword(event.target.value)} />
        </label>
        <label className="field">
          <span>{t("newPassword")}</span>
          <input type="password" required minLength={8} maxLength={128} autoComplete="new-password" value={newPassword}
                 onChange={(event) => setNewPassword(event.target.value)} />
        </label>
        {change.error ? <p className="form-error" role="alert">{errorText(change.error, t("somethingWrong"))}</p> : null}
        {change.isSuccess ? <p role="status">{t("passwordChanged")}</p> : null}
        <button type="submit" className="primary-button" disabled={change.isPending}>{t("changePassword")}</button>
      </form>
    </section>
  );
}

function Sessions() {
  const { t, locale } = useI18n();
  const sessions = useSessions();
  const end = useEndSession();
  return (
    <section className="account-section" aria-labelledby="sessions">
      <h2 id="sessions">{t("sessions")}</h2>
      {sessions.error ? <p className="form-error" role="alert">{errorText(sessions.error, t("somethingWrong"))}</p> : null}
      <ul className="session-list" aria-label={t("sessions")}>
        {(sessions.data ?? []).map((session) => (
          <li key={session.sessionId} className="session-item">
            <span className="session-device">{session.deviceLabel}</span>
            {session.current ? <span className="session-current">{t("thisDevice")}</span> : null}
            {session.lastUsedAt ? <span className="session-used">{t("lastUsed", { time: formatListTime(session.lastUsedAt, locale) })}</span> : null}
            {session.current ? null : (
              <button type="button" className="secondary-button" disabled={end.isPending}
                      aria-label={t("signOutSession", { device: session.deviceLabel })}
                      onClick={() => end.mutate(session.sessionId)}>
                {t("signOut")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function DeleteAccount() {
  const { t } = useI18n();
  const remove = useDeleteAccount();
  const [password, setPassword] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    remove.mutate(password);
  };
  return (
    <section className="account-section danger" aria-labelledby="delete-account">
      <h2 id="delete-account">{t("deleteAccount")}</h2>
      <p>{t("deleteAccountWarning")}</p>
      <form onSubmit={submit}>
        <label className="field">
          <span>{t("confirmWithPassword")}</span>
          <input type="password" required autoComplete="current-password" value={password}
                 onChange={(event) => setPassword(event.target.value)} />
        </label>
        {remove.error ? <p className="form-error" role="alert">{errorText(remove.error, t("somethingWrong"))}</p> : null}
        <button type="submit" className="danger-button" disabled={remove.isPending}>{t("deleteAccount")}</button>
      </form>
    </section>
  );
}

/** Account settings: the password, the signed-in sessions, and deleting the account. */
export function AccountPage() {
  const { t } = useI18n();
  return (
    <main className="account-page">
      <h1>{t("accountSettings")}</h1>
      <ChangePassword />
      <Sessions />
      <DeleteAccount />
    </main>
  );
}
