package io.wechat.media.verification;

/** What a file's first bytes say it is; containers (ZIP, OLE2) cover several declared types. */
public enum FileSignature {
    JPEG, PNG, GIF, WEBP, PDF, ZIP, OLE2, MP4, TEXT, UNKNOWN
}
