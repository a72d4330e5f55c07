import { useState, type FormEvent, type ReactNode } from "react";
import type { Translate } from "./i18n";

export interface SignInFormProps {
  /** The texts in the reader's language. */
  labels: { title: string; username: string; password: string; signIn: string };
  notice?: string | null;
  /** How the notice is announced: politely ("status") or at once ("alert"). */
  noticeRole?: "status" | "alert";
  pending: boolean;
  /** Why the last attempt failed, in the reader's language. */
  error?: string | null;
  onSignIn: (credentials: { username: string; password: string }) => void;
  /** Below the button (a link to sign up, say). */
  children?: ReactNode;
}

/** The username and password form; the app signs in with what it is given and says what went wrong. */
export function SignInForm({ labels, notice, noticeRole = "alert", pending, error, onSignIn, children }: SignInFormProps) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSignIn({ username: username.trim(), password });
  };
  return (
    <form className="auth-form" onSubmit={submit}>
      <h1>{labels.title}</h1>
      {notice ? <p className="notice" role={noticeRole}>{notice}</p> : null}
      <label className="field">
        <span>{labels.username}</span>
        <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label className="field">
        <span>{labels.password}</span>
        <input name="password" type="password" autoComplete="current-password" required value={password}
          onChange={(e) => setPassword(e.target.value)} />
      </label>
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      <button type="submit" className="primary-button" disabled={pending}>{labels.signIn}</button>
      {children}
    </form>
  );
}

/** The keys of an app's texts for a sign-in the server refuses for now. */
export type RetryLaterKey = "tooManyAttempts" | "tooManyAttemptsWait" | "serverBusy" | "serverBusyWait" | "waitSeconds" | "waitMinutes";

const RATE_LIMITED = ["too_many_requests", "rate_limited", "quota_exceeded"];

/**
 * What to tell a reader whom the server asks to come back later (rate limited, or busy) in the app's words, with the
 * wait when the answer says how long: whole seconds under a minute, else whole minutes rounded up, as the server's
 * window is. Null for any other error.
 */
export function retryLaterText(error: { code: string; retryAfterSeconds: number | null }, t: Translate<RetryLaterKey>): string | null {
  const limited = RATE_LIMITED.includes(error.code);
  if (!limited && error.code !== "busy") return null;
  const seconds = error.retryAfterSeconds;
  if (seconds === null) return t(limited ? "tooManyAttempts" : "serverBusy");
  const wait = seconds < 60 ? t("waitSeconds", { count: Math.max(1, seconds) }) : t("waitMinutes", { count: Math.ceil(seconds / 60) });
  return t(limited ? "tooManyAttemptsWait" : "serverBusyWait", { wait });
}
