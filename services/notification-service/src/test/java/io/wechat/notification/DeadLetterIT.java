package io.wechat.notification;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.testing.Api.Response;
import io.wechat.kit.testing.TerraformFixture;
import io.wechat.kit.testing.TestCloud;
import io.wechat.kit.testing.TestIssuer;
import io.wechat.kit.web.Json;
import io.wechat.notification.support.Events;
import io.wechat.notification.support.NotificationServiceFixture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;

/**
 * A poison event reaches the dead-letter queue after maxReceiveCount receives while its batch neighbour is processed
 * once: the test plays Lambda's event source mapping (receive, POST /events, delete what did not fail) against
 * notification-service's message queue as Terraform's platform module makes it (its dead-letter queue, redrive policy
 * and, from the test root, a short visibility timeout), applied for this test run under a run-unique prefix.
 */
class DeadLetterIT {

    @Test
    void aPoisonEventEndsInTheDeadLetterQueueAfterMaxReceiveCountReceives() throws InterruptedException {
        SqsClient sqs = TestCloud.configure(SqsClient.builder()).build();
        TerraformFixture platform = NotificationServiceFixture.platform();
        String queueUrl = platform.output("queue_urls", "message-queue");
        JsonNode redrive = Json.tree(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .attributes().get(QueueAttributeName.REDRIVE_POLICY).getBytes(StandardCharsets.UTF_8));
        int maxReceiveCount = redrive.path("maxReceiveCount").asInt();
        String dlqArn = redrive.path("deadLetterTargetArn").asText();
        assertThat("the redrive policy names the platform's dead-letter queue", dlqArn,
                   endsWith(":" + platform.output("dlq_names", "message-queue")));
        String dlqUrl = sqs.getQueueUrl(b -> b.queueName(dlqArn.substring(dlqArn.lastIndexOf(':') + 1))).queueUrl();
        try (NotificationServiceFixture fixture = new NotificationServiceFixture()) {
            String bob = TestIssuer.newUser();
            String bobToken = fixture.identity.token(bob);
            fixture.api.post("/devices", bobToken, Map.of("platform", "web", "token", "web-" + UUID.randomUUID()));
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"poison\": true}"));
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(
                    Events.messageSent("u-alice", "Alice", "Fine", List.of(bob), List.of()))));

            int poisonReceives = 0;
            for (int round = 0; round < 10 * maxReceiveCount && poisonReceives <= maxReceiveCount; round++) {
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(2)).messages();
                if (messages.isEmpty()) {
                    if (poisonReceives >= maxReceiveCount) {
                        break;
                    }
                    continue;
                }
                Response response = fixture.api.post("/events", null, Map.of("Records", messages.stream()
                        .map(m -> Map.of("messageId", m.messageId(), "body", m.body(), "eventSource", "aws:sqs")).toList()));
                assertThat(response.toString(), response.status(), is(200));
                Set<String> failed = new HashSet<>();
                response.body().path("batchItemFailures").forEach(f -> failed.add(f.path("itemIdentifier").asText()));
                for (Message message : messages) {
                    if (message.body().contains("poison")) {
                        poisonReceives++;
                    }
                    if (!failed.contains(message.messageId())) {
                        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                    }
                }
                Thread.sleep(1100);
            }

            assertThat(poisonReceives, is(maxReceiveCount));
            List<Message> dead = sqs.receiveMessage(b -> b.queueUrl(dlqUrl).maxNumberOfMessages(10).waitTimeSeconds(2)).messages();
            assertThat(dead.size(), is(1));
            assertThat(dead.get(0).body(), is("{\"poison\": true}"));
            assertThat(fixture.api.get("/notifications", bobToken).body().path("items").size(), is(1));
            assertThat(fixture.api.get("/observe/health", null).status(), is(200));
        }
    }
}
