import { ApiError } from "@wechat/api";
import { SignInForm as SharedSignInForm } from "@wechat/ui/sign-in-form";
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
    case "rate_limited":
    case "quota_exceeded":
      return error.retryAfterSeconds === null ? t("tooManyAttempts") : t("tooManyAttemptsWait", { wait: waitText(error.retryAfterSeconds, t) });
    case "busy":
      return error.retryAfterSeconds === null ? t("serverBusy") : t("serverBusyWait", { wait: waitText(error.retryAfterSeconds, t) });
    default:
      return error.status === 400 ? error.message : t("somethingWrong");
  }
}

/** A wait in whole seconds under a minute, else in whole minutes (rounded up, as the server's window is). */
function waitText(seconds: number, t: Translate): string {
  return seconds < 60 ? t("waitSeconds", { count: Math.max(1, seconds) }) : t("waitMinutes", { count: Math.ceil(seconds / 60) });
}

export function SignInForm({ notice }: { notice?: string | null }) {
  const t = useT();
  const signIn = useSignIn();
  return (
    <SharedSignInForm labels={{ title: t("signInTitle"), username: t("username"), password: t("password"), signIn: t("signIn") }}
      notice={notice} noticeRole="status" pending={signIn.isPending}
      error={signIn.isError ? errorText(signIn.error, t) : null} onSignIn={(credentials) => signIn.mutate(credentials)} />
  );
}
