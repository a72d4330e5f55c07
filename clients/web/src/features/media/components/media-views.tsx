import { useState } from "react";
import { Dialog } from "@/components/dialog";
import { FileIcon } from "@/components/icons";
import { useT } from "@/lib/i18n";
import { useMedia } from "../api/media";

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** An image message: its thumbnail in the timeline, the full image in a dialog on click. */
export function ImageMessage({ mediaId }: { mediaId: string }) {
  const t = useT();
  const media = useMedia(mediaId);
  const [open, setOpen] = useState(false);
  const data = media.data;
  const width = data?.width ?? 240;
  const height = data?.height ?? 180;
  const scale = Math.min(1, 240 / Math.max(width, height));
  const style = { width: Math.round(width * scale), height: Math.round(height * scale) };
  if (!data?.thumbnailUrl && !data?.url) {
    return <span className="image-placeholder" style={style}>{media.isError ? t("failed") : t("processing")}</span>;
  }
  return (
    <>
      <button type="button" className="image-thumb" onClick={() => setOpen(true)} aria-label={t("openImage")}>
        <img src={data.thumbnailUrl ?? data.url ?? undefined} alt={data.fileName || t("image")} style={style} />
      </button>
      {open && data.url ? (
        <Dialog title={data.fileName || t("image")} onClose={() => setOpen(false)} closeLabel={t("close")} wide>
          <img className="image-full" src={data.url} alt={data.fileName || t("image")} />
        </Dialog>
      ) : null}
    </>
  );
}

/** A file message: name, size and a download link. */
export function FileMessage({ mediaId }: { mediaId: string }) {
  const t = useT();
  const media = useMedia(mediaId);
  const data = media.data;
  const name = data?.fileName ?? "…";
  return (
    <span className="file-card">
      <FileIcon width={36} height={36} className="file-icon" />
      <span className="file-text">
        {data?.url ? (
          <a href={data.url} download={name} aria-label={t("download", { name })}>{name}</a>
        ) : (
          <span>{name}</span>
        )}
        {data ? <small>{formatSize(data.sizeBytes)}</small> : null}
      </span>
    </span>
  );
}
