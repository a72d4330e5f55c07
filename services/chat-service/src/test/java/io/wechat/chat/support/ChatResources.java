package io.wechat.chat.support;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.chat.storage.Tables;
import io.wechat.kit.testing.TerraformFixture;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One set of chat-service's tables and events topic, as Terraform's chat-tables and messaging modules make them for
 * every environment ({@code terraform/fixtures/chat}, applied once per test run under a run-unique prefix), claimed by
 * one user for itself: the stream consumer and the day's usage counters of one test class never see another's records.
 *
 * @param namePrefix        the set's prefix of every resource name
 * @param tables            the messages, conversations and search tables
 * @param moderationTable   the moderation table
 * @param topicArn          the chat events topic
 * @param messagesStreamArn the stream of the messages table, as Terraform read it from the table it made
 */
public record ChatResources(String namePrefix, Tables tables, String moderationTable, String topicArn,
                            String messagesStreamArn) {
    /** The claim of a set: an item of its moderation table, whose keys no chat-service item ever has. */
    private static final Map<String, AttributeValue> CLAIM = Map.of("pk", AttributeValue.fromS("TEST#CLAIM"),
            "sk", AttributeValue.fromS("CLAIM"));

    /**
     * The first set of this run that nobody has claimed yet, claimed by a conditional write in the emulator, so that
     * test JVMs of one run (Surefire's, Failsafe's, the contract gate's) never share one.
     */
    public static ChatResources claim(DynamoDbClient dynamo) {
        JsonNode sets = TerraformFixture.shared("chat").json("table_sets");
        for (JsonNode set : sets) {
            ChatResources resources = of(set);
            try {
                dynamo.putItem(b -> b.tableName(resources.moderationTable()).item(CLAIM)
                        .conditionExpression("attribute_not_exists(pk)"));
                return resources;
            } catch (ConditionalCheckFailedException claimed) {
                // Another test class of this run has it: try the next.
            }
        }
        throw new IllegalStateException("All " + sets.size() + " table sets of terraform/fixtures/chat are claimed in "
                + "this run: raise its variable table_sets");
    }

    private static ChatResources of(JsonNode set) {
        JsonNode environment = set.path("service_environment");
        return new ChatResources(set.path("name_prefix").asText(),
                new Tables(text(environment, "MESSAGES_TABLE"), text(environment, "CONVERSATIONS_TABLE"),
                        text(environment, "SEARCH_TABLE")),
                text(environment, "MODERATION_TABLE"), text(environment, "CHAT_EVENTS_TOPIC_ARN"),
                text(set, "messages_stream_arn"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalStateException("terraform/fixtures/chat's table_sets have no " + field);
        }
        return value.asText();
    }
}
