import { ApiError } from "@wechat/api";
import { retryLaterText, SignInForm as SharedSignInForm } from "@wechat/ui/sign-in-form";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useT, type Translate } from "@/lib/i18n";
import { useSignIn, useSignUp } from "../api/auth";

function errorText(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t("offlineAction");
  const retryLater = retryLaterText(error, t);
  if (retryLater !== null) return retryLater;
  switch (error.code) {
    case "invalid_credentials":
      return t("invalidCredentials");
    case "account_disabled":
      return t("accountDisabled");
    case "username_taken":
      return t("usernameTaken");
    default:
      return error.status === 400 ? error.message : t("somethingWrong");
  }
}

export function SignInForm({ notice }: { notice?: string | null }) {
  const t = useT();
  const signIn = useSignIn();
  return (
    <SharedSignInForm labels={{ title: t("signInTitle"), username: t("username"), password: t("password"), signIn: t("signIn") }}
      notice={notice} noticeRole="alert" pending={signIn.isPending}
      error={signIn.isError ? errorText(signIn.error, t) : null} onSignIn={(credentials) => signIn.mutate(credentials)}>
      <p className="switch">
        {t("noAccount")} <Link to="/sign-up">{t("toSignUp")}</Link>
      </p>
    </SharedSignInForm>
  );
}

export function SignUpForm() {
  const t = useT();
  const signUp = useSignUp();
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [password, setPassword] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signUp.mutate({ username: username.trim(), password, displayName: displayName.trim() });
  };
  return (
    <form className="auth-form" onSubmit={submit}>
      <h1>{t("signUpTitle")}</h1>
      <label className="field">
        <span>{t("username")}</span>
        <input name="username" autoComplete="username" required minLength={3} maxLength={32} pattern="[A-Za-z0-9_.]{3,32}"
          title={t("usernameHint")} value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label className="field">
        <span>{t("displayName")}</span>
        <input name="displayName" autoComplete="nickname" required maxLength={64} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      </label>
      <label className="field">
        <span>{t("password")}</span>
        <input name="password" type="password" autoComplete="new-password" required minLength={8} maxLength={128}
          title={t("passwordHint")} value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      {signUp.isError ? <p className="form-error" role="alert">{errorText(signUp.error, t)}</p> : null}
      <button type="submit" className="primary-button" disabled={signUp.isPending}>{t("createAccount")}</button>
      <p className="switch">
        {t("haveAccount")} <Link to="/sign-in">{t("toSignIn")}</Link>
      </p>
    </form>
  );
}
