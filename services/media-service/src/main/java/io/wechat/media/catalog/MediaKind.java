package io.wechat.media.catalog;

/** The size class of a media type; images also get a thumbnail. */
public enum MediaKind {
    IMAGE, VIDEO, FILE
}
