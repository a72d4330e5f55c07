import { useState, type FormEvent, type ReactNode } from "react";

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
