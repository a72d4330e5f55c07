package io.wechat.chat.storage;

import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Reading why a DynamoDB transaction was cancelled. */
public final class Transactions {
    private Transactions() {
    }

    /** True when the transaction's item at {@code index} failed its condition expression. */
    public static boolean failedCondition(TransactionCanceledException e, int index) {
        return e.hasCancellationReasons() && e.cancellationReasons().size() > index
                && "ConditionalCheckFailed".equals(e.cancellationReasons().get(index).code());
    }

    public static boolean anyFailedCondition(TransactionCanceledException e) {
        return e.hasCancellationReasons()
                && e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()));
    }
}
