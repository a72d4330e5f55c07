import { ApiError, unwrap, type OwnProfile } from "@wechat/api";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { Avatar } from "@/components/avatar";
import { Dialog } from "@/components/dialog";
import { uploadMedia, useMedia } from "@/features/media";
import { useMe, userKeys } from "@/features/users";
import { locales, useI18n, type Locale } from "@/lib/i18n";
import { useApi } from "@/lib/services";

/** The language switch, also on the sign-in page. */
export function LanguageSelect() {
  const { t, locale, setLocale } = useI18n();
  return (
    <label className="language-select">
      <span>{t("language")}</span>
      <select value={locale} onChange={(event) => setLocale(event.target.value as Locale)}>
        {locales.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
      </select>
    </label>
  );
}

/** My photo: the avatar media is mine, so its URL is readable by me. */
export function MyAvatar({ profile, size }: { profile: OwnProfile; size: number }) {
  const media = useMedia(profile.avatarMediaId);
  return <Avatar name={profile.displayName} seed={profile.userId} size={size} imageUrl={media.data?.thumbnailUrl ?? media.data?.url} />;
}

function ProfileForm({ profile, onClose }: { profile: OwnProfile; onClose: () => void }) {
  const { t } = useI18n();
  const api = useApi();
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState(profile.displayName);
  const [statusMessage, setStatusMessage] = useState(profile.statusMessage ?? "");
  const [progress, setProgress] = useState<number | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const save = useMutation({
    mutationFn: (update: { displayName?: string; statusMessage?: string | null; avatarMediaId?: string | null }) =>
      unwrap(api.user.PATCH("/users/me", { body: update })),
    onSuccess: (updated) => {
      queryClient.setQueryData(userKeys.me, updated);
      void queryClient.invalidateQueries({ queryKey: userKeys.one(updated.userId) });
    },
  });
  const upload = useMutation({
    mutationFn: (file: File) => uploadMedia(api, file, undefined, setProgress),
    onSuccess: (media) => save.mutate({ avatarMediaId: media.mediaId }),
    onSettled: () => setProgress(null),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ displayName: displayName.trim(), statusMessage: statusMessage.trim() || null }, { onSuccess: onClose });
  };
  const picked = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) upload.mutate(file);
    event.target.value = "";
  };
  const error = save.error ?? upload.error;
  return (
    <form className="profile-form" onSubmit={submit}>
      <div className="profile-photo">
        <MyAvatar profile={profile} size={72} />
        <button type="button" className="secondary-button" onClick={() => picker.current?.click()} disabled={upload.isPending}>{t("changeAvatar")}</button>
        <input ref={picker} type="file" accept="image/jpeg,image/png,image/gif,image/webp" hidden onChange={picked} />
        {progress !== null ? <progress max={1} value={progress} aria-label={t("uploading", { name: t("avatar") })} /> : null}
      </div>
      <p className="person-username">@{profile.username}</p>
      <label className="field">
        <span>{t("displayName")}</span>
        <input required maxLength={64} value={displayName} onChange={(event) => setDisplayName(event.target.value)} />
      </label>
      <label className="field">
        <span>{t("status")}</span>
        <input maxLength={140} placeholder={t("statusPlaceholder")} value={statusMessage} onChange={(event) => setStatusMessage(event.target.value)} />
      </label>
      <LanguageSelect />
      {error ? <p className="form-error" role="alert">{error instanceof ApiError ? error.message : t("somethingWrong")}</p> : null}
      <button type="submit" className="primary-button" disabled={save.isPending}>{t("save")}</button>
    </form>
  );
}

export function ProfileDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  return (
    <Dialog title={t("editProfile")} onClose={onClose} closeLabel={t("close")}>
      {me.data ? <ProfileForm profile={me.data} onClose={onClose} /> : <p className="empty-state">…</p>}
    </Dialog>
  );
}
