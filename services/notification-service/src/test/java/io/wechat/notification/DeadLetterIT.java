package io.wechat.notification;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.wechat.kit.testing.Api.Response;
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
import static org.hamcrest.Matchers.is;

/**
 * A poison event reaches the DLQ after 3 receives while its batch neighbour is processed once: the test
 * plays Lambda's event source mapping (receive, POST /events, delete what did not fail) against a queue
 * with the redrive policy of terraform/modules/platform.
 */
class DeadLetterIT {

    @Test
    void aPoisonEventEndsInTheDeadLetterQueueAfterThreeReceives() throws InterruptedException {
        SqsClient sqs = TestCloud.configure(SqsClient.builder()).build();
        String prefix = "notif-it-" + UUID.randomUUID().toString().substring(0, 8);
        String dlqUrl = sqs.createQueue(b -> b.queueName(prefix + "-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String queueUrl = sqs.createQueue(b -> b.queueName(prefix + "-message-queue").attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "1",
                QueueAttributeName.REDRIVE_POLICY, Json.write(Map.of("deadLetterTargetArn", dlqArn, "maxReceiveCount", 3)))))
                .queueUrl();
        try (NotificationServiceFixture fixture = new NotificationServiceFixture()) {
            String bob = TestIssuer.newUser();
            String bobToken = fixture.identity.token(bob);
            fixture.api.post("/devices", bobToken, Map.of("platform", "web", "token", "web-" + UUID.randomUUID()));
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"poison\": true}"));
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(
                    Events.messageSent("u-alice", "Alice", "Fine", List.of(bob), List.of()))));

            int poisonReceives = 0;
            for (int round = 0; round < 20 && poisonReceives < 4; round++) {
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(2)).messages();
                if (messages.isEmpty()) {
                    if (poisonReceives >= 3) {
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

            assertThat(poisonReceives, is(3));
            List<Message> dead = sqs.receiveMessage(b -> b.queueUrl(dlqUrl).maxNumberOfMessages(10).waitTimeSeconds(2)).messages();
            assertThat(dead.size(), is(1));
            assertThat(dead.get(0).body(), is("{\"poison\": true}"));
            assertThat(fixture.api.get("/notifications", bobToken).body().path("items").size(), is(1));
            assertThat(fixture.api.get("/observe/health", null).status(), is(200));
        } finally {
            sqs.deleteQueue(b -> b.queueUrl(queueUrl));
            sqs.deleteQueue(b -> b.queueUrl(dlqUrl));
        }
    }
}
