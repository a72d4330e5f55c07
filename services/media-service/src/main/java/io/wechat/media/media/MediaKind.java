package io.wechat.media.media;

/** The size class of a media type; images also get a thumbnail. */
public enum MediaKind {
    IMAGE, VIDEO, FILE
}
