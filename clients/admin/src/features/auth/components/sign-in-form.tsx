import { ApiError } from "@wechat/api";
import { retryLaterText, SignInForm as SharedSignInForm } from "@wechat/ui/sign-in-form";
import { useT, type Translate } from "@/lib/i18n";
import { NotAdminError, useSignIn } from "../api/auth";

function errorText(error: unknown, t: Translate): string {
  if (error instanceof NotAdminError) return t("notAdmin");
  if (!(error instanceof ApiError)) return t("offline");
  const retryLater = retryLaterText(error, t);
  if (retryLater !== null) return retryLater;
  switch (error.code) {
    case "invalid_credentials":
      return t("invalidCredentials");
    case "account_disabled":
      return t("accountDisabled");
    default:
      return error.status === 400 ? error.message : t("somethingWrong");
  }
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
