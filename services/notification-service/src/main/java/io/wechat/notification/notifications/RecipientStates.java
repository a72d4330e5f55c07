package io.wechat.notification.notifications;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.wechat.notification.accounts.AccountStates;
import io.wechat.notification.devices.Device;
import io.wechat.notification.devices.DeviceStore;
import io.wechat.notification.preferences.Mute;
import io.wechat.notification.preferences.PreferenceStore;
import io.wechat.notification.preferences.PreviewMode;
import io.wechat.kit.storage.Batches;
import io.wechat.notification.storage.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What deciding a push needs to know of a whole batch's recipients (devices, account state, preview mode, the mutes of
 * the batch's conversations), read with strongly consistent BatchGetItem calls (one per 100 keys, four keys per
 * recipient and one per muted-or-not conversation) instead of four to five calls per recipient and event.
 */
final class RecipientStates {
    private final DynamoDbClient dynamo;
    private final String table;
    private final DeviceStore devices;

    RecipientStates(DynamoDbClient dynamo, Table table, DeviceStore devices) {
        this.dynamo = dynamo;
        this.table = table.name();
        this.devices = devices;
    }

    /** One recipient's state; {@code mutes} by conversation id, only those of the batch's conversations. */
    record State(List<Device> devices, boolean disabled, PreviewMode previewMode, Map<String, Mute> mutes) {
        boolean muted(String conversationId, Instant now) {
            Mute mute = mutes.get(conversationId);
            return mute != null && mute.activeAt(now);
        }
    }

    /** {@code conversationsByRecipient}: each recipient and the conversations it may be pushed for in this batch. */
    Map<String, State> load(Map<String, Set<String>> conversationsByRecipient) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        conversationsByRecipient.forEach((userId, conversations) -> {
            keys.add(DeviceStore.summaryKey(userId));
            keys.add(AccountStates.key(userId));
            keys.add(PreferenceStore.settingsKey(userId));
            conversations.forEach(conversationId -> keys.add(PreferenceStore.muteKey(userId, conversationId)));
        });
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> byKey = new HashMap<>();
        for (var item : Batches.get(dynamo, table, keys, true)) {
            byKey.put(Map.of("pk", item.get("pk"), "sk", item.get("sk")), item);
        }
        Map<String, State> states = new HashMap<>();
        conversationsByRecipient.forEach((userId, conversations) -> {
            Map<String, Mute> mutes = new HashMap<>();
            conversations.forEach(conversationId -> PreferenceStore
                    .muteFrom(byKey.get(PreferenceStore.muteKey(userId, conversationId)))
                    .ifPresent(mute -> mutes.put(conversationId, mute)));
            List<Device> userDevices = DeviceStore.fromSummary(byKey.get(DeviceStore.summaryKey(userId)))
                    .orElseGet(() -> devices.listAndSummarise(userId));
            states.put(userId, new State(userDevices, AccountStates.disabledIn(byKey.get(AccountStates.key(userId))),
                    PreferenceStore.previewModeFrom(byKey.get(PreferenceStore.settingsKey(userId))), mutes));
        });
        return states;
    }
}
