package io.wechat.kit.events;

/**
 * Events given in order were not all published: the first {@link #published()} were (and are done with), the one after
 * them was not ({@link #getCause()} says why), and those after it may or may not have been; the caller tries again
 * from the one that failed.
 */
public final class PartlyPublished extends RuntimeException {
    private final int published;

    public PartlyPublished(int published, Throwable cause) {
        super(published + " events published before one failed: " + cause.getMessage(), cause);
        this.published = published;
    }

    public int published() {
        return published;
    }
}
