import { ApiError, type Api } from "@wechat/api";
import { useSyncExternalStore } from "react";
import { newClientMessageId, type Outbox } from "@/lib/outbox";
import { uploadMedia, UploadError } from "@/features/media";

/** A file on its way: shown in the timeline with a progress bar until its message is sent. */
export interface PendingUpload {
  clientMessageId: string;
  conversationId: string;
  kind: "image" | "file";
  fileName: string;
  previewUrl: string | null;
  progress: number;
  errorCode: string | null;
}

let uploads: PendingUpload[] = [];
const listeners = new Set<() => void>();

function set(next: PendingUpload[]) {
  uploads = next;
  for (const listener of listeners) listener();
}

function patch(clientMessageId: string, change: Partial<PendingUpload>) {
  set(uploads.map((upload) => (upload.clientMessageId === clientMessageId ? { ...upload, ...change } : upload)));
}

export function dismissUpload(clientMessageId: string): void {
  const upload = uploads.find((item) => item.clientMessageId === clientMessageId);
  if (upload?.previewUrl) URL.revokeObjectURL(upload.previewUrl);
  set(uploads.filter((item) => item.clientMessageId !== clientMessageId));
}

export function useUploads(conversationId: string): PendingUpload[] {
  const all = useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, () => uploads);
  return all.filter((upload) => upload.conversationId === conversationId);
}

/**
 * Uploads a picked file and sends it as an image or file message through the outbox (so the send itself is
 * idempotent and survives a drop like any other message).
 */
export async function sendFile(api: Api, outbox: Outbox, conversationId: string, file: File, kind: "image" | "file"): Promise<void> {
  const clientMessageId = newClientMessageId();
  set([...uploads, {
    clientMessageId,
    conversationId,
    kind,
    fileName: file.name,
    previewUrl: kind === "image" ? URL.createObjectURL(file) : null,
    progress: 0,
    errorCode: null,
  }]);
  try {
    const media = await uploadMedia(api, file, conversationId, (progress) => patch(clientMessageId, { progress }));
    patch(clientMessageId, { progress: 1 });
    outbox.enqueue({ clientMessageId, conversationId, type: kind, mediaId: media.mediaId });
    dismissUpload(clientMessageId);
  } catch (error) {
    const code = error instanceof ApiError || error instanceof UploadError ? error.code : "upload_failed";
    patch(clientMessageId, { errorCode: code });
  }
}
