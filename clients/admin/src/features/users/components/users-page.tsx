import type { AdminUser } from "@wechat/api";
import { useDeferredValue, useState, type FormEvent } from "react";
import { Dialog } from "@wechat/ui/dialog";
import { LoadMore, QueryError } from "@/components/query-state";
import { useFormatDateTime, useT } from "@/lib/i18n";
import { useAdminUsers, useSetUserStatus, type UserStatus } from "../api/users";

function DisableDialog({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const t = useT();
  const setStatus = useSetUserStatus();
  const [reason, setReason] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStatus.mutate({ userId: user.userId, action: "disable", reason: reason.trim() }, { onSuccess: onClose });
  };
  return (
    <Dialog title={t("disableTitle", { name: user.displayName })} onClose={onClose} closeLabel={t("close")}>
      <form className="dialog-form" onSubmit={submit}>
        <p className="hint">{t("disableExplained")}</p>
        <label className="field">
          <span>{t("reason")}</span>
          <textarea name="reason" required maxLength={500} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        {setStatus.isError ? <QueryError error={setStatus.error} /> : null}
        <div className="dialog-actions">
          <button type="button" className="secondary-button" onClick={onClose}>{t("cancel")}</button>
          <button type="submit" className="danger-button" disabled={setStatus.isPending || !reason.trim()}>{t("disable")}</button>
        </div>
      </form>
    </Dialog>
  );
}

function UserRow({ user, onDisable }: { user: AdminUser; onDisable: (user: AdminUser) => void }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const setStatus = useSetUserStatus();
  const disabled = user.status === "disabled";
  return (
    <tr>
      <td>
        <span className="strong">{user.displayName}</span> <span className="muted">@{user.username}</span>
      </td>
      <td>
        <span className={disabled ? "status status-disabled" : "status status-active"}>{disabled ? t("disabled") : t("active")}</span>
        {disabled && user.disabledReason ? <div className="muted small">{t("disabledBecause", { reason: user.disabledReason })}</div> : null}
      </td>
      <td>{formatDateTime(user.createdAt)}</td>
      <td>{user.lastActiveAt ? formatDateTime(user.lastActiveAt) : t("never")}</td>
      <td>{user.scopes.join(", ")}</td>
      <td>
        {disabled ? (
          <button type="button" className="secondary-button" disabled={setStatus.isPending}
            aria-label={`${t("enable")} ${user.username}`}
            onClick={() => setStatus.mutate({ userId: user.userId, action: "enable" })}>
            {t("enable")}
          </button>
        ) : (
          <button type="button" className="secondary-button danger" aria-label={`${t("disable")} ${user.username}`}
            onClick={() => onDisable(user)}>
            {t("disable")}
          </button>
        )}
      </td>
    </tr>
  );
}

export function UsersPage() {
  const t = useT();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<UserStatus | "">("");
  const filter = useDeferredValue({ search: search.trim(), status });
  const users = useAdminUsers(filter);
  const [disabling, setDisabling] = useState<AdminUser | null>(null);
  const items = users.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="page" aria-labelledby="users-title">
      <header className="page-header">
        <h1 id="users-title">{t("users")}</h1>
        <div className="filters">
          <input type="search" className="search-input" aria-label={t("searchUsers")} placeholder={t("searchUsers")}
            value={search} onChange={(e) => setSearch(e.target.value)} />
          <label className="inline-field">
            <span>{t("status")}</span>
            <select value={status} onChange={(e) => setStatus(e.target.value as UserStatus | "")}>
              <option value="">{t("allStatuses")}</option>
              <option value="active">{t("active")}</option>
              <option value="disabled">{t("disabled")}</option>
            </select>
          </label>
        </div>
      </header>
      {users.isError ? <QueryError error={users.error} /> : null}
      <div className="table-scroll">
        <table aria-label={t("usersTable")} aria-busy={users.isFetching}>
          <thead>
            <tr>
              <th scope="col">{t("user")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("created")}</th>
              <th scope="col">{t("lastActive")}</th>
              <th scope="col">{t("roles")}</th>
              <th scope="col">{t("actions")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((user) => <UserRow key={user.userId} user={user} onDisable={setDisabling} />)}
          </tbody>
        </table>
      </div>
      {users.isSuccess && items.length === 0 ? <p className="empty-state">{t("noUsers")}</p> : null}
      <LoadMore hasNextPage={users.hasNextPage} isFetchingNextPage={users.isFetchingNextPage} fetchNextPage={users.fetchNextPage} />
      {disabling ? <DisableDialog user={disabling} onClose={() => setDisabling(null)} /> : null}
    </section>
  );
}
