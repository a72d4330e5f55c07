import { ApiError, unwrap, type Api, type Media, type MediaContentType } from "@wechat/api";
import { useQuery } from "@tanstack/react-query";
import { useApi } from "@/lib/services";

export const mediaKeys = { one: (mediaId: string) => ["media", mediaId] as const };

/** A media's metadata and short-lived URLs (10 minutes): fetched again before they expire. */
export function useMedia(mediaId: string | null | undefined) {
  const api = useApi();
  return useQuery<Media>({
    queryKey: mediaKeys.one(mediaId ?? ""),
    queryFn: () => unwrap(api.media.GET("/media/{mediaId}", { params: { path: { mediaId: mediaId! } } })),
    enabled: Boolean(mediaId),
    staleTime: 5 * 60_000,
    refetchInterval: (query) => (query.state.data?.status === "pending" ? 1_000 : 8 * 60_000),
  });
}

const allowedTypes: ReadonlySet<string> = new Set<MediaContentType>([
  "image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4", "application/pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint", "application/zip", "text/plain",
]);

/** The content type media-service accepts for a file, or null when it accepts none. */
export function uploadTypeOf(file: File): MediaContentType | null {
  const type = file.type.toLowerCase();
  if (allowedTypes.has(type)) return type as MediaContentType;
  if (type === "application/x-zip-compressed") return "application/zip";
  return null;
}

export class UploadError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** PUTs the bytes to the presigned URL with the headers it was signed over, reporting progress (0..1). */
function put(url: string, headers: Record<string, string>, file: File, onProgress: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("PUT", url);
    for (const [name, value] of Object.entries(headers)) {
      // The browser sets these itself and refuses to let a page set them.
      if (!/^(content-length|host)$/i.test(name)) request.setRequestHeader(name, value);
    }
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => (request.status < 300 ? resolve() : reject(new UploadError(`upload_status_${request.status}`)));
    request.onerror = () => reject(new UploadError("upload_failed"));
    request.send(file);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Uploads a file through media-service: reserve (type and size checked), PUT the bytes straight to storage,
 * then wait until the service has verified them (and made a thumbnail of an image). Answers the ready media.
 */
export async function uploadMedia(api: Api, file: File, conversationId: string | undefined, onProgress: (fraction: number) => void): Promise<Media> {
  const contentType = uploadTypeOf(file);
  if (!contentType) throw new UploadError("unsupported_content_type");
  const upload = await unwrap(api.media.POST("/media/uploads", {
    body: { contentType, sizeBytes: file.size, fileName: file.name || "file", conversationId },
  }));
  await put(upload.uploadUrl, { ...upload.uploadHeaders }, file, onProgress);
  for (let attempt = 0; attempt < 120; attempt += 1) {
    const media = await unwrap(api.media.GET("/media/{mediaId}", { params: { path: { mediaId: upload.mediaId } } }));
    if (media.status === "ready") return media;
    if (media.status === "rejected") throw new UploadError(media.rejectionReason ?? "rejected");
    await sleep(Math.min(250 * 2 ** attempt, 1_000));
  }
  throw new ApiError(504, "media_not_ready", "The upload was not verified in time");
}
