import { ApiError } from "@wechat/api";
import { useState, type FormEvent } from "react";
import { useT, type Translate } from "@/lib/i18n";
import { NotAdminError, useSignIn } from "../api/auth";

function errorText(error: unknown, t: Translate): string {
  if (error instanceof NotAdminError) return t("notAdmin");
  if (!(error instanceof ApiError)) return t("offline");
  switch (error.code) {
    case "invalid_credentials":
      return t("invalidCredentials");
    case "account_disabled":
      return t("accountDisabled");
    case "too_many_requests":
      return t("tooManyAttempts");
    default:
      return error.status === 400 ? error.message : t("somethingWrong");
  }
}

export function SignInForm({ notice }: { notice?: string | null }) {
  const t = useT();
  const signIn = useSignIn();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ username: username.trim(), password });
  };
  return (
    <form className="auth-form" onSubmit={submit}>
      <h1>{t("signInTitle")}</h1>
      {notice ? <p className="notice" role="status">{notice}</p> : null}
      <label className="field">
        <span>{t("username")}</span>
        <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label className="field">
        <span>{t("password")}</span>
        <input name="password" type="password" autoComplete="current-password" required value={password}
          onChange={(e) => setPassword(e.target.value)} />
      </label>
      {signIn.isError ? <p className="form-error" role="alert">{errorText(signIn.error, t)}</p> : null}
      <button type="submit" className="primary-button" disabled={signIn.isPending}>{t("signIn")}</button>
    </form>
  );
}
