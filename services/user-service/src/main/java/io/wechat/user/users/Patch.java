package io.wechat.user.users;

/**
 * One field of a JSON merge-patch: absent (keep the current value) or present (set it, null meaning clear).
 */
public sealed interface Patch<T> {
    static <T> Patch<T> keep() {
        return new Keep<>();
    }

    static <T> Patch<T> set(T value) {
        return new Set<>(value);
    }

    T applyTo(T current);

    record Keep<T>() implements Patch<T> {
        @Override
        public T applyTo(T current) {
            return current;
        }
    }

    record Set<T>(T value) implements Patch<T> {
        @Override
        public T applyTo(T current) {
            return value;
        }
    }
}
