package io.wechat.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole messenger as a client uses it, through the public surface only: the edge's HTTP API and WebSocket,
 * and the presigned S3 URLs media-service hands out. One scenario of named steps that share its state; a step
 * whose prerequisites failed is skipped (reported as such), so the first failure names the broken step.
 */
@DisplayName("Messenger end to end through the edge")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StepReport.class)
class MessengerScenarioTest {
    /**
     * How long a live frame may take ("within a few seconds"): the frames of messages follow their commit through the
     * messages table's stream, which the edge polls, so a busy machine adds seconds.
     */
    private static final Duration LIVE = Duration.ofSeconds(10);
    private static final Duration MEDIA_READY = Duration.ofSeconds(15);
    private static final Duration PUSH = Duration.ofSeconds(10);
    /** How long every service may keep accepting a revoked session's access token. */
    private static final Duration REVOCATION = Duration.ofSeconds(60);
    private static final String PASSWORD = "correct horse battery staple";
    /** How long the services may take to erase a deleted account: each hears of it from a queue. */
    private static final Duration ERASED = Duration.ofSeconds(30);
    /** notification-service's table in the local environment (Terraform's `platform` module names it). */
    private static final String NOTIFICATIONS_TABLE = "wechat-local-notifications";

    private final Edge edge = Edge.fromEnvironment();
    private final EmulatorTables tables = EmulatorTables.fromEnvironment();
    private final String run = Long.toString(System.currentTimeMillis(), 36)
            + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36), 36);
    private int clientMessageIds;

    /** One person of the scenario. */
    private static final class User {
        final String label;
        final String username;
        String userId;
        String token;

        User(String label, String username) {
            this.label = label;
            this.username = username;
        }
    }

    private final User alice = new User("A", "e2e_a_" + run);
    private final User bob = new User("B", "e2e_b_" + run);
    private final User carol = new User("C", "e2e_c_" + run);
    private final List<User> users = List.of(alice, bob, carol);

    private String directId;
    private String groupId;
    private Socket aliceSocket;
    private Socket bobPhone;
    private Socket bobLaptop;
    private String httpMessageId;
    private boolean recalled;
    private byte[] png;
    private String mediaId;
    private boolean imageSent;
    private String carolDeviceId;
    private final List<Socket> sockets = new ArrayList<>();
    private User dave;
    private String daveRefreshToken;
    private Socket daveSocket;
    private String replyOriginalId;
    private static final String THUMBS_UP = "\uD83D\uDC4D";

    @AfterAll
    void closeSockets() {
        sockets.forEach(Socket::close);
    }

    @Test
    @Order(0)
    @DisplayName("00 the edge answers its health check")
    void edgeAnswers() {
        Reply health = edge.get("/observe/health", null);
        assertTrue(health.status() == 200 || health.status() == 204,
                "edge at " + edge.base() + " is not healthy: " + health.status() + " " + health.text());
    }

    @Test
    @Order(1)
    @DisplayName("01 register three users A, B, C")
    void registerThreeUsers() {
        for (User user : users) {
            Reply reply = edge.post("/auth/register", null, Map.of("username", user.username, "password", PASSWORD,
                    "displayName", "E2E " + user.label + " " + run)).expect(201);
            assertEquals(user.username, reply.field("username"));
            user.userId = reply.field("userId");
        }
    }

    @Test
    @Order(2)
    @DisplayName("02 log in A, B, C and read their own profiles; C accepts group invitations from everyone")
    void logIn() {
        need(users.stream().allMatch(u -> u.userId != null), "registered users");
        for (User user : users) {
            Reply login = edge.post("/auth/login", null, Map.of("username", user.username, "password", PASSWORD))
                    .expect(200);
            assertEquals("Bearer", login.field("tokenType"));
            user.token = login.field("accessToken");
            assertEquals(user.userId, edge.get("/users/me", user.token).expect(200).field("userId"));
        }
        // By default only contacts may add a user to a group; C, a stranger to A, lets everyone.
        assertEquals("everyone", edge.patch("/users/me", carol.token, Map.of("groupInvites", "everyone"))
                .expect(200).field("groupInvites"));
    }

    @Test
    @Order(3)
    @DisplayName("03 contacts: A sends B a request, B accepts, both list each other")
    void contacts() {
        needTokens();
        Reply request = edge.post("/contacts/requests", alice.token, Map.of("userId", bob.userId, "message", "hi from e2e"))
                .expect(201);
        String requestId = request.field("requestId");
        Reply incoming = edge.get("/contacts/requests?direction=incoming", bob.token).expect(200);
        assertTrue(ids(incoming.json().path("items"), "requestId").contains(requestId),
                "B's incoming requests lack " + requestId + ": " + incoming.text());
        Reply accepted = edge.post("/contacts/requests/" + requestId + "/accept", bob.token, null).expect(200);
        assertEquals("accepted", accepted.field("status"));
        assertTrue(ids(edge.get("/contacts", alice.token).expect(200).json().path("items"), "userId").contains(bob.userId),
                "A's contacts lack B");
        assertTrue(ids(edge.get("/contacts", bob.token).expect(200).json().path("items"), "userId").contains(alice.userId),
                "B's contacts lack A");
    }

    @Test
    @Order(4)
    @DisplayName("04 direct conversation A-B: created twice, one id")
    void directConversation() {
        needTokens();
        Map<String, Object> body = Map.of("type", "direct", "memberIds", List.of(bob.userId));
        Reply first = edge.post("/conversations", alice.token, body).expect(201);
        String id = first.field("conversationId");
        assertEquals("direct", first.field("type"));
        Reply again = edge.post("/conversations", alice.token, body).expect(200);
        assertEquals(id, again.field("conversationId"), "a second create must answer the same conversation");
        Reply fromBob = edge.post("/conversations", bob.token, Map.of("type", "direct", "memberIds", List.of(alice.userId)))
                .expect(200);
        assertEquals(id, fromBob.field("conversationId"), "B creating it answers the same conversation");
        directId = id;
    }

    @Test
    @Order(5)
    @DisplayName("05 group A+B+C with a title")
    void groupConversation() {
        needTokens();
        String title = "E2E group " + run;
        Reply group = edge.post("/conversations", alice.token,
                Map.of("type", "group", "memberIds", List.of(bob.userId, carol.userId), "title", title)).expect(201);
        assertEquals("group", group.field("type"));
        assertEquals(title, group.field("title"));
        String id = group.field("conversationId");
        Reply seenByCarol = edge.get("/conversations/" + id, carol.token).expect(200);
        assertEquals(title, seenByCarol.field("title"));
        assertEquals(Set.of(alice.userId, bob.userId, carol.userId), new HashSet<>(ids(seenByCarol.json().path("members"), "userId")),
                "group members: " + seenByCarol.text());
        groupId = id;
    }

    @Test
    @Order(6)
    @DisplayName("06 A and B connect WebSockets (B on two devices); ping -> pong on each")
    void connectSockets() {
        needTokens();
        aliceSocket = open("A's socket", alice);
        bobPhone = open("B's phone", bob);
        bobLaptop = open("B's laptop", bob);
        for (Socket socket : List.of(aliceSocket, bobPhone, bobLaptop)) {
            socket.send(Map.of("action", "ping"));
            socket.await("pong", LIVE, frame -> "pong".equals(frame.path("type").asText()));
        }
    }

    @Test
    @Order(7)
    @DisplayName("07 A sends over HTTP -> message.new on both of B's sockets (and A's own)")
    void httpSendReachesBothDevices() {
        need(directId != null, "the direct conversation");
        needSockets();
        String text = "hello B over HTTP " + run;
        Reply sent = edge.post("/conversations/" + directId + "/messages", alice.token,
                Map.of("clientMessageId", nextClientMessageId(), "type", "text", "text", text)).expect(201);
        String messageId = sent.field("messageId");
        assertEquals(alice.userId, sent.field("senderId"));
        for (Socket socket : List.of(bobPhone, bobLaptop, aliceSocket)) {
            JsonNode frame = socket.await("message.new " + messageId, LIVE, messageFrame("message.new", messageId));
            assertEquals(directId, frame.path("conversationId").asText(), socket + ": conversationId of " + frame);
            assertEquals(text, frame.path("message").path("text").asText(), socket + ": text of " + frame);
        }
        httpMessageId = messageId;
    }

    @Test
    @Order(8)
    @DisplayName("08 B sends over the socket (sendMessage) -> answer on that socket, message.new on A's and B's other")
    void socketSendReachesA() {
        need(directId != null, "the direct conversation");
        needSockets();
        String clientMessageId = nextClientMessageId();
        String text = "hello A over the socket " + run;
        bobPhone.send(Map.of("action", "sendMessage", "conversationId", directId, "clientMessageId", clientMessageId,
                "type", "text", "text", text));
        JsonNode answer = bobPhone.await("the sendMessage answer (message.new for " + clientMessageId + ")", LIVE,
                frame -> ("message.new".equals(frame.path("type").asText())
                        && clientMessageId.equals(frame.path("message").path("clientMessageId").asText()))
                        || "error".equals(frame.path("type").asText()));
        assertEquals("message.new", answer.path("type").asText(), "B's sendMessage was answered with " + answer);
        String messageId = answer.path("message").path("messageId").asText();
        assertFalse(messageId.isEmpty(), "answer without messageId: " + answer);
        JsonNode atAlice = aliceSocket.await("message.new " + messageId, LIVE, messageFrame("message.new", messageId));
        assertEquals(text, atAlice.path("message").path("text").asText());
        assertEquals(bob.userId, atAlice.path("message").path("senderId").asText());
        bobLaptop.await("message.new " + messageId + " (B's other device)", LIVE, messageFrame("message.new", messageId));
    }

    @Test
    @Order(9)
    @DisplayName("09 A edits its message -> message.edited on B's sockets")
    void edit() {
        need(httpMessageId != null, "A's HTTP message");
        String text = "edited by A " + run;
        Reply edited = edge.patch("/conversations/" + directId + "/messages/" + httpMessageId, alice.token,
                Map.of("text", text)).expect(200);
        assertEquals(text, edited.field("text"));
        assertNotNull(edited.json().path("editedAt").textValue(), "editedAt missing: " + edited.text());
        for (Socket socket : List.of(bobPhone, bobLaptop)) {
            JsonNode frame = socket.await("message.edited " + httpMessageId, LIVE, messageFrame("message.edited", httpMessageId));
            assertEquals(text, frame.path("message").path("text").asText(), socket + ": " + frame);
        }
    }

    @Test
    @Order(10)
    @DisplayName("10 A recalls its message -> message.recalled on B's sockets, history shows a tombstone")
    void recall() {
        need(httpMessageId != null, "A's HTTP message");
        Reply tombstone = edge.delete("/conversations/" + directId + "/messages/" + httpMessageId, alice.token).expect(200);
        assertTrue(tombstone.json().path("recalled").asBoolean(), "recall answered " + tombstone.text());
        for (Socket socket : List.of(bobPhone, bobLaptop)) {
            socket.await("message.recalled " + httpMessageId, LIVE, messageFrame("message.recalled", httpMessageId));
        }
        Reply history = edge.get("/conversations/" + directId + "/messages?limit=50", bob.token).expect(200);
        JsonNode item = find(history.json().path("items"), "messageId", httpMessageId);
        assertNotNull(item, "B's history lacks " + httpMessageId + ": " + history.text());
        assertTrue(item.path("recalled").asBoolean(), "not a tombstone: " + item);
        assertTrue(item.path("text").isMissingNode() || item.path("text").isNull(), "tombstone still has text: " + item);
        recalled = true;
    }

    @Test
    @Order(11)
    @DisplayName("11 B reads A's new message -> receipt.read on A's socket, unread count 0")
    void readReceipt() {
        need(directId != null, "the direct conversation");
        needSockets();
        String messageId = edge.post("/conversations/" + directId + "/messages", alice.token,
                Map.of("clientMessageId", nextClientMessageId(), "type", "text", "text", "read me " + run))
                .expect(201).field("messageId");
        bobPhone.await("message.new " + messageId, LIVE, messageFrame("message.new", messageId));
        JsonNode before = find(edge.get("/conversations", bob.token).expect(200).json().path("items"),
                "conversationId", directId);
        assertNotNull(before, "B's conversation list lacks the direct conversation");
        assertTrue(before.path("unreadCount").asInt() >= 1, "B should have unread messages: " + before);
        Reply read = edge.post("/conversations/" + directId + "/read", bob.token, Map.of("messageId", messageId)).expect(200);
        assertEquals(0, read.json().path("unreadCount").asInt(-1), "read answered " + read.text());
        JsonNode receipt = aliceSocket.await("receipt.read for " + messageId, LIVE,
                frame -> "receipt.read".equals(frame.path("type").asText()) && messageId.equals(frame.path("messageId").asText()));
        assertEquals(bob.userId, receipt.path("userId").asText(), "receipt.read: " + receipt);
        assertEquals(0, edge.get("/conversations/" + directId, bob.token).expect(200).json().path("unreadCount").asInt(-1),
                "B's unread count after reading");
    }

    @Test
    @Order(12)
    @DisplayName("12 A uploads a PNG: presigned PUT, ready within 15 s, thumbnail downloads and decodes")
    void imageUpload() throws IOException {
        need(directId != null, "the direct conversation");
        png = pngImage(640, 480);
        Reply upload = edge.post("/media/uploads", alice.token, Map.of("contentType", "image/png",
                "sizeBytes", png.length, "fileName", "e2e-" + run + ".png", "conversationId", directId)).expect(201);
        String id = upload.field("mediaId");
        assertEquals("PUT", upload.field("uploadMethod"));
        Map<String, String> headers = new LinkedHashMap<>();
        upload.json().path("uploadHeaders").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Content-Length")).findFirst()
                .ifPresent(e -> assertEquals(String.valueOf(png.length), e.getValue(), "signed Content-Length"));
        HttpResponse<String> put = edge.putBytes(upload.field("uploadUrl"), headers, png);
        assertEquals(200, put.statusCode(), "PUT to the presigned URL: " + put.body());

        JsonNode media = awaitMedia(id, alice.token);
        assertEquals("ready", media.path("status").asText(), "media " + id + ": " + media);
        String thumbnailUrl = media.path("thumbnailUrl").textValue();
        assertNotNull(thumbnailUrl, "ready image without thumbnailUrl: " + media);
        HttpResponse<byte[]> thumbnail = edge.download(thumbnailUrl);
        assertEquals(200, thumbnail.statusCode(), "thumbnail download");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
        assertNotNull(decoded, "the thumbnail (" + thumbnail.body().length + " bytes) does not decode as an image");
        assertTrue(decoded.getWidth() <= 640 && decoded.getHeight() <= 480,
                "thumbnail larger than the image: " + decoded.getWidth() + "x" + decoded.getHeight());
        mediaId = id;
    }

    @Test
    @Order(13)
    @DisplayName("13 A sends the image as a message -> message.new with the mediaId on B's socket")
    void imageMessage() {
        need(mediaId != null, "a ready image");
        needSockets();
        Reply sent = edge.post("/conversations/" + directId + "/messages", alice.token,
                Map.of("clientMessageId", nextClientMessageId(), "type", "image", "mediaId", mediaId, "text", "a picture"))
                .expect(201);
        assertEquals(mediaId, sent.field("mediaId"));
        String messageId = sent.field("messageId");
        JsonNode frame = bobPhone.await("message.new " + messageId, LIVE, messageFrame("message.new", messageId));
        assertEquals("image", frame.path("message").path("type").asText());
        assertEquals(mediaId, frame.path("message").path("mediaId").asText());
        imageSent = true;
    }

    @Test
    @Order(14)
    @DisplayName("14 B (a member) downloads the image: same bytes")
    void memberDownloadsImage() {
        need(imageSent, "the image message");
        Reply media = edge.get("/media/" + mediaId, bob.token).expect(200);
        assertEquals("ready", media.field("status"));
        HttpResponse<byte[]> download = edge.download(media.field("url"));
        assertEquals(200, download.statusCode(), "image download");
        assertArrayEquals(png, download.body(), "downloaded bytes differ from the upload");
    }

    @Test
    @Order(15)
    @DisplayName("15 C (a stranger to A-B) gets 404 on the media, the conversation, its messages and members")
    void strangerGets404() {
        need(directId != null, "the direct conversation");
        List<String> paths = new ArrayList<>(List.of("/conversations/" + directId,
                "/conversations/" + directId + "/messages", "/conversations/" + directId + "/members"));
        if (mediaId != null) {
            paths.add("/media/" + mediaId);
        }
        List<String> problems = new ArrayList<>();
        for (String path : paths) {
            // The control: a member gets 200, so the stranger's 404 is the service hiding the resource.
            Reply member = edge.get(path, alice.token);
            if (member.status() != 200) {
                problems.add("member A: GET " + path + " answered " + member.status() + " " + Reply.abbreviate(member.text())
                        + (isEdgeNotFound(member) ? " (the edge has no such route: terraform/modules/routes/main.tf)" : ""));
            }
            Reply stranger = edge.get(path, carol.token);
            if (stranger.status() != 404 || !stranger.json().path("error").has("code")) {
                problems.add("stranger C: GET " + path + " answered " + stranger.status() + " " + Reply.abbreviate(stranger.text())
                        + " (expected 404 with the service's {\"error\":{\"code\"...}})");
            }
        }
        Reply post = edge.post("/conversations/" + directId + "/messages", carol.token,
                Map.of("clientMessageId", nextClientMessageId(), "type", "text", "text", "intruder"));
        if (post.status() != 404) {
            problems.add("stranger C: POST messages answered " + post.status() + " " + Reply.abbreviate(post.text()));
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n  ", problems));
        }
    }

    @Test
    @Order(16)
    @DisplayName("16 C registers an fcm device, stays offline; A posts to the group -> C's push listed within 10 s")
    void offlineMemberGetsPush() {
        need(groupId != null, "the group");
        Reply device = edge.post("/devices", carol.token, Map.of("platform", "fcm", "token", "e2e-fcm-" + run + "-c"))
                .expect(201);
        carolDeviceId = device.field("deviceId");
        String messageId = sendToGroup("for the offline member " + run);
        JsonNode push = awaitPush(carol, messageId);
        assertEquals(groupId, push.path("conversationId").asText(), "push: " + push);
        assertFalse(push.path("body").asText().isEmpty(), "push without body: " + push);
    }

    @Test
    @Order(17)
    @DisplayName("17 C mutes the group -> no push for the next message (B, offline with a device, gets one)")
    void mutedMemberGetsNoPush() {
        need(carolDeviceId != null, "C's device");
        // The control: B goes offline with a device, so B's push proves the message's event was processed.
        sockets.remove(bobPhone);
        sockets.remove(bobLaptop);
        bobPhone.close();
        bobLaptop.close();
        bobPhone = null;
        bobLaptop = null;
        edge.post("/devices", bob.token, Map.of("platform", "fcm", "token", "e2e-fcm-" + run + "-b")).expect(201);
        Reply mute = edge.put("/conversations/" + groupId + "/mute", carol.token, Map.of()).expect(200);
        assertTrue(mute.json().path("muted").asBoolean(), "mute answered " + mute.text());
        awaitOffline(bob);
        String messageId = sendToGroup("while C has muted the group " + run);
        awaitPush(bob, messageId);
        // The signal that the event was handled for C too: the edge takes a queue's batches one at a time, so a
        // message sent only now is pushed to C (unmuted) from a later batch, after the whole event's.
        edge.delete("/conversations/" + groupId + "/mute", carol.token).expect(204);
        awaitPush(carol, sendToGroup("after C unmuted the group " + run));
        JsonNode pushed = find(edge.get("/notifications?limit=50", carol.token).expect(200).json().path("items"),
                "messageId", messageId);
        assertEquals(null, pushed, "C muted the group but got a push: " + pushed);
        // Muted again, as later steps (a mention that reaches C all the same) expect.
        edge.put("/conversations/" + groupId + "/mute", carol.token, Map.of()).expect(200);
    }

    @Test
    @Order(18)
    @DisplayName("18 no token through 8080 -> 401 from the edge (HTTP and WebSocket)")
    void noTokenIsRefusedByTheEdge() {
        Reply anonymous = edge.get("/conversations", null).expect(401);
        assertEquals("Unauthorized", anonymous.json().path("message").asText(),
                "401 should come from the edge's JWT authorizer ({\"message\":\"Unauthorized\"}): " + anonymous.text());
        Reply forged = edge.send("GET", "/conversations", "not-a-jwt", null).expect(401);
        assertEquals("Unauthorized", forged.json().path("message").asText(), forged.text());
        Throwable refused = Socket.tryConnect(edge, null);
        assertTrue(refused instanceof WebSocketHandshakeException h && h.getResponse().statusCode() == 401,
                "a WebSocket without token must be refused with 401, got " + describe(refused));
    }

    @Test
    @Order(19)
    @DisplayName("19 logout of one of D's sessions: session.ended on that session's socket, which closes; the other stays")
    void logoutClosesThatSessionsSocket() {
        dave = new User("D", "e2e_d_" + run);
        dave.userId = edge.post("/auth/register", null, Map.of("username", dave.username, "password", PASSWORD,
                "displayName", "E2E D " + run)).expect(201).field("userId");
        Reply first = login(dave).expect(200);
        Reply second = login(dave).expect(200);
        dave.token = second.field("accessToken");
        daveRefreshToken = second.field("refreshToken");
        Socket leaving = open("D's first session", tokenOf(dave, first.field("accessToken")));
        daveSocket = open("D's second session", dave);

        edge.post("/auth/logout", null, Map.of("refreshToken", first.field("refreshToken"))).expect(204);
        leaving.await("session.ended", LIVE, frame -> "session.ended".equals(frame.path("type").asText())
                && "signed_out".equals(frame.path("reason").asText()));
        leaving.awaitClosed(LIVE);
        daveSocket.send(Map.of("action", "ping"));
        daveSocket.await("pong on the other session", LIVE, frame -> "pong".equals(frame.path("type").asText()));
    }

    @Test
    @Order(20)
    @DisplayName("20 an admin disables D: login 403, refresh 401, socket closed, token refused by every service within 60 s")
    void disablingAnAccountEndsEverything() {
        need(dave != null && daveSocket != null, "D's session and socket");
        String admin = adminToken(alice);
        Reply disabled = edge.post("/admin/users/" + dave.userId + "/disable", admin, Map.of("reason", "e2e abuse"))
                .expect(200);
        assertEquals("disabled", disabled.field("status"));
        assertEquals(403, edge.post("/admin/users/" + dave.userId + "/disable", bob.token,
                Map.of("reason", "not an admin")).status(), "a normal user's token must be refused on /admin routes");

        daveSocket.await("session.ended", LIVE, frame -> "session.ended".equals(frame.path("type").asText())
                && "account_disabled".equals(frame.path("reason").asText()));
        daveSocket.awaitClosed(LIVE);
        Reply login = login(dave).expect(403);
        assertEquals("account_disabled", login.json().path("error").path("code").asText(), login.text());
        edge.post("/auth/refresh", null, Map.of("refreshToken", daveRefreshToken)).expect(401);
        edge.get("/users/me", dave.token).expect(401);
        for (String path : List.of("/conversations", "/media/" + (mediaId == null ? "unknown" : mediaId), "/devices")) {
            awaitRefused(path, dave.token);
        }
        Throwable refused = Socket.tryConnect(edge, dave.token);
        assertTrue(refused instanceof WebSocketHandshakeException h && h.getResponse().statusCode() == 401,
                "a disabled user's token must not open a WebSocket, got " + describe(refused));
    }

    @Test
    @Order(21)
    @DisplayName("21 the admin enables D: a new login works, the old session stays ended")
    void enablingAllowsANewLogin() {
        need(dave != null && daveRefreshToken != null, "D, disabled");
        String admin = adminToken(alice);
        assertEquals("active", edge.post("/admin/users/" + dave.userId + "/enable", admin, null).expect(200)
                .field("status"));
        Reply login = login(dave).expect(200);
        edge.get("/users/me", login.field("accessToken")).expect(200);
        edge.post("/auth/refresh", null, Map.of("refreshToken", daveRefreshToken)).expect(401);
    }

    @Test
    @Order(22)
    @DisplayName("22 B reports a group message, the admin A resolves it with remove_message: removed for every member, live and in history; B gets 403 on every admin route")
    void reportAndRemove() {
        need(groupId != null, "the group");
        String admin = adminToken(alice);
        String messageId = sendToGroup("a message B finds abusive");
        for (String path : List.of("/admin/reports", "/admin/stats", "/admin/audit")) {
            assertEquals(403, edge.get(path, bob.token).status(), "a normal user's token must be refused on " + path);
        }
        Socket bobWatching = open("B watching", bob);
        Socket carolWatching = open("C watching", carol);
        Reply report = edge.post("/reports", bob.token, Map.of("conversationId", groupId, "messageId", messageId,
                "reason", "abusive")).expect(201);
        String reportId = report.field("reportId");
        assertEquals(409, edge.post("/reports", bob.token, Map.of("conversationId", groupId, "messageId", messageId,
                "reason", "again")).status(), "a second open report on the same message");
        JsonNode listed = find(edge.get("/admin/reports?status=open&limit=100", admin).expect(200).json().path("items"),
                "reportId", reportId);
        assertNotNull(listed, "the open report is not listed");
        assertEquals("a message B finds abusive", listed.path("message").path("text").asText());
        Reply resolved = edge.post("/admin/reports/" + reportId + "/resolve", admin,
                Map.of("action", "remove_message", "note", "e2e")).expect(200);
        assertEquals("resolved", resolved.json().path("status").asText(), resolved.text());
        for (Socket socket : List.of(bobWatching, carolWatching)) {
            socket.await("message.removed " + messageId, LIVE, messageFrame("message.removed", messageId));
            close(socket);
        }
        for (User member : List.of(alice, bob, carol)) {
            JsonNode item = find(edge.get("/conversations/" + groupId + "/messages?limit=50", member.token).expect(200)
                    .json().path("items"), "messageId", messageId);
            assertNotNull(item, member.label + "'s history lacks " + messageId);
            assertTrue(item.path("removed").asBoolean(), "not removed for " + member.label + ": " + item);
            assertTrue(item.path("text").isMissingNode() || item.path("text").isNull(), "a removed message kept its text: " + item);
        }
        JsonNode audit = edge.get("/admin/audit?limit=50", admin).expect(200).json().path("items");
        assertNotNull(find(audit, "targetId", messageId), "the removal is not in the audit log: " + audit);
        assertNotNull(find(audit, "targetId", reportId), "the resolution is not in the audit log: " + audit);
    }

    @Test
    @Order(23)
    @DisplayName("23 the admin's stats move when a user registers and sends: users, daily active users, messages per day")
    void statsMove() {
        need(groupId != null, "the group");
        String admin = adminToken(alice);
        JsonNode before = edge.get("/admin/stats", admin).expect(200).json();
        User erin = new User("E", "e2e_e_" + run);
        erin.userId = edge.post("/auth/register", null, Map.of("username", erin.username, "password", PASSWORD,
                "displayName", "E2E E " + run)).expect(201).field("userId");
        erin.token = edge.post("/auth/login", null, Map.of("username", erin.username, "password", PASSWORD))
                .expect(200).field("accessToken");
        String direct = edge.post("/conversations", erin.token, Map.of("type", "direct", "memberIds", List.of(alice.userId)))
                .expect(201).field("conversationId");
        edge.post("/conversations/" + direct + "/messages", erin.token,
                Map.of("clientMessageId", nextClientMessageId(), "type", "text", "text", "first words")).expect(201);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode after;
        do {
            sleep(500);
            after = edge.get("/admin/stats", admin).expect(200).json();
        } while (!(after.path("users").path("total").asLong() > before.path("users").path("total").asLong()
                && lastDay(after, "messagesPerDay") > lastDay(before, "messagesPerDay")
                && lastDay(after, "dailyActiveUsers") > lastDay(before, "dailyActiveUsers"))
                && System.nanoTime() < deadline);
        assertTrue(after.path("users").path("total").asLong() > before.path("users").path("total").asLong(),
                "users did not move: " + before.path("users") + " -> " + after.path("users"));
        assertTrue(after.path("users").path("new24h").asLong() > before.path("users").path("new24h").asLong(),
                "new users did not move: " + after.path("users"));
        assertTrue(lastDay(after, "messagesPerDay") > lastDay(before, "messagesPerDay"), "messages per day did not move");
        assertTrue(lastDay(after, "dailyActiveUsers") > lastDay(before, "dailyActiveUsers"), "daily active users did not move");
        assertEquals(14, after.path("messagesPerDay").size());
        assertTrue(after.path("queues").size() > 0 && after.path("queues").get(0).path("depth").isNumber(),
                "queue depths: " + after.path("queues"));
        assertTrue(after.path("pushes").path("sent24h").isNumber(), "push figures: " + after.path("pushes"));
    }

    @Test
    @Order(30)
    @DisplayName("30 group roles: the owner A makes B an admin, C sees it live as a system message; A hands the group to C")
    void roleChangeAndOwnershipTransfer() {
        need(groupId != null, "the group");
        String group = "/conversations/" + groupId;
        assertEquals("owner", edge.get(group, alice.token).expect(200).field("myRole"));
        assertEquals(403, edge.patch(group + "/members/" + carol.userId, bob.token, Map.of("role", "admin")).status(),
                "a member must not change roles");
        Socket carolWatching = open("C watching roles", carol);
        assertEquals("admin", edge.patch(group + "/members/" + bob.userId, alice.token, Map.of("role", "admin"))
                .expect(200).field("role"));
        JsonNode frame = carolWatching.await("conversation.updated role_changed", LIVE,
                f -> "conversation.updated".equals(f.path("type").asText()) && "role_changed".equals(f.path("change").asText()));
        assertEquals(bob.userId, frame.path("userId").asText(), "role change: " + frame);
        assertEquals("system", frame.path("message").path("type").asText(), "the system message: " + frame);
        assertTrue(frame.path("message").path("text").asText().contains(" an admin"), "the system message: " + frame);

        Reply handed = edge.post(group + "/owner", alice.token, Map.of("userId", carol.userId)).expect(200);
        assertEquals("admin", handed.field("myRole"));
        assertEquals(carol.userId, handed.field("ownerId"));
        carolWatching.await("conversation.updated owner_changed", LIVE,
                f -> "conversation.updated".equals(f.path("type").asText()) && "owner_changed".equals(f.path("change").asText()));
        close(carolWatching);
        JsonNode members = edge.get(group, bob.token).expect(200).json().path("members");
        assertEquals("owner", find(members, "userId", carol.userId).path("role").asText(), "members: " + members);
        assertEquals("admin", find(members, "userId", alice.userId).path("role").asText(), "members: " + members);
        List<String> lines = new ArrayList<>();
        edge.get(group + "/messages?limit=20", bob.token).expect(200).json().path("items").forEach(item -> {
            if ("system".equals(item.path("type").asText())) {
                lines.add(item.path("text").asText());
            }
        });
        assertTrue(lines.stream().anyMatch(line -> line.endsWith(" the owner")), "the timeline's system messages: " + lines);
    }

    @Test
    @Order(31)
    @DisplayName("31 search in English and Chinese: B finds A's group messages, highlighted; a stranger finds nothing")
    void searchInEnglishAndChinese() {
        need(groupId != null, "the group");
        String english = sendToGroup("Climbing at the gym tonight, " + run + "?");
        String chinese = sendToGroup("我们明天去爬山吧 " + run);
        JsonNode hit = awaitSearchHit(bob, "climb " + run, english);
        JsonNode mark = hit.path("snippet").path("highlights").get(0);
        String snippet = hit.path("snippet").path("text").asText();
        assertEquals("Climb", snippet.substring(mark.path("start").asInt(), mark.path("start").asInt() + mark.path("length").asInt()),
                "the highlight of " + hit);
        assertEquals(groupId, hit.path("conversationId").asText());
        awaitSearchHit(carol, "爬山 " + run, chinese);
        User stranger = new User("S", "e2e_s_" + run);
        edge.post("/auth/register", null, Map.of("username", stranger.username, "password", PASSWORD,
                "displayName", "E2E S " + run)).expect(201);
        stranger.token = edge.post("/auth/login", null, Map.of("username", stranger.username, "password", PASSWORD))
                .expect(200).field("accessToken");
        assertEquals(0, edge.get("/messages/search?query=" + URLEncoder.encode("climb " + run,
                StandardCharsets.UTF_8), stranger.token).expect(200).json().path("items").size(),
                "a non-member must not find the group's messages");
    }

    // ---- helpers ----

    private static long lastDay(JsonNode stats, String series) {
        JsonNode days = stats.path(series);
        return days.get(days.size() - 1).path("count").asLong();
    }

    // ---- replies, reactions, mentions, forwarding, delete for me ------------------------------------------------

    @Test
    @Order(30)
    @DisplayName("30 B replies to A's message: the reply quotes it (A's socket too); a message of another conversation is refused")
    void reply() {
        need(directId != null && aliceSocket != null, "the direct conversation and A's socket");
        String original = edge.post("/conversations/" + directId + "/messages", alice.token, Map.of("clientMessageId",
                nextClientMessageId(), "type", "text", "text", "Dinner at eight? " + run)).expect(201).field("messageId");
        Reply reply = edge.post("/conversations/" + directId + "/messages", bob.token, Map.of("clientMessageId",
                nextClientMessageId(), "type", "text", "text", "Yes", "replyTo", original)).expect(201);
        assertEquals(original, reply.json().path("replyTo").path("messageId").asText(), reply.text());
        assertEquals("Dinner at eight? " + run, reply.json().path("replyTo").path("preview").asText(), reply.text());
        JsonNode frame = aliceSocket.await("message.new " + reply.field("messageId"), LIVE,
                messageFrame("message.new", reply.field("messageId")));
        assertEquals(original, frame.path("message").path("replyTo").path("messageId").asText(), frame.toString());
        if (groupId != null) {
            String inGroup = sendToGroup("elsewhere " + run);
            Reply refused = edge.post("/conversations/" + directId + "/messages", bob.token, Map.of("clientMessageId",
                    nextClientMessageId(), "type", "text", "text", "x", "replyTo", inGroup)).expect(400);
            assertEquals("invalid_reply_to", refused.json().path("error").path("code").asText(), refused.text());
        }
        replyOriginalId = original;
    }

    @Test
    @Order(31)
    @DisplayName("31 B reacts 👍 to A's message twice: counted once, mine for B; A's socket gets reaction.updated")
    void react() {
        need(replyOriginalId != null, "A's message");
        String path = "/conversations/" + directId + "/messages/" + replyOriginalId + "/reactions/"
                + java.net.URLEncoder.encode(THUMBS_UP, java.nio.charset.StandardCharsets.UTF_8);
        edge.put(path, bob.token, null).expect(200);
        Reply again = edge.put(path, bob.token, null).expect(200);
        JsonNode reactions = again.json().path("reactions");
        assertEquals(1, reactions.size(), again.text());
        assertEquals(THUMBS_UP, reactions.get(0).path("reaction").asText());
        assertEquals(1, reactions.get(0).path("count").asInt(), again.text());
        assertTrue(reactions.get(0).path("mine").asBoolean(), again.text());
        JsonNode frame = aliceSocket.await("reaction.updated " + replyOriginalId, LIVE, f ->
                "reaction.updated".equals(f.path("type").asText()) && replyOriginalId.equals(f.path("messageId").asText()));
        assertEquals(bob.userId, frame.path("userId").asText(), frame.toString());
        assertEquals(1, frame.path("reactions").get(0).path("count").asInt(), frame.toString());
        JsonNode seenByAlice = find(edge.get("/conversations/" + directId + "/messages?limit=10", alice.token).expect(200)
                .json().path("items"), "messageId", replyOriginalId);
        assertNotNull(seenByAlice, "A's history lacks " + replyOriginalId);
        assertFalse(seenByAlice.path("reactions").get(0).path("mine").asBoolean(), seenByAlice.toString());
    }

    @Test
    @Order(32)
    @DisplayName("32 A mentions C in the group C muted: C still gets a push, and C's list shows mentioned until C reads it")
    void mentionReachesAMutedMember() {
        need(carolDeviceId != null, "C's device and mute of the group");
        // Offline, so pushed: the sockets C watched earlier steps with are closed.
        awaitOffline(carol);
        Reply sent = edge.post("/conversations/" + groupId + "/messages", alice.token, Map.of("clientMessageId",
                nextClientMessageId(), "type", "text", "text", "@C please look " + run, "mentions", List.of(carol.userId)))
                .expect(201);
        String messageId = sent.field("messageId");
        awaitPush(carol, messageId);
        JsonNode listed = find(edge.get("/conversations?limit=100", carol.token).expect(200).json().path("items"),
                "conversationId", groupId);
        assertNotNull(listed, "C's list lacks the group");
        assertTrue(listed.path("mentioned").asBoolean(), "C's list item: " + listed);
        edge.post("/conversations/" + groupId + "/read", carol.token, Map.of("messageId", messageId)).expect(200);
        listed = find(edge.get("/conversations?limit=100", carol.token).expect(200).json().path("items"),
                "conversationId", groupId);
        assertFalse(listed.path("mentioned").asBoolean(), "after reading: " + listed);
    }

    @Test
    @Order(33)
    @DisplayName("33 A forwards the image of A-B to the group: C (not in A-B) downloads it, a stranger still gets 404")
    void forwardAnImage() {
        need(imageSent && groupId != null, "the image message and the group");
        JsonNode image = find(edge.get("/conversations/" + directId + "/messages?limit=50", alice.token).expect(200)
                .json().path("items"), "mediaId", mediaId);
        assertNotNull(image, "A-B's history lacks the image");
        Reply forwarded = edge.post("/conversations/" + groupId + "/messages", alice.token, Map.of("clientMessageId",
                nextClientMessageId(), "forwardOf", Map.of("conversationId", directId,
                        "messageId", image.path("messageId").asText()))).expect(201);
        assertTrue(forwarded.json().path("forwarded").asBoolean(), forwarded.text());
        assertEquals(mediaId, forwarded.field("mediaId"));
        // media-service hears of the forward from the media.shared event, within seconds.
        long deadline = System.nanoTime() + LIVE.toNanos();
        Reply media = edge.get("/media/" + mediaId, carol.token);
        while (media.status() == 404 && System.nanoTime() < deadline) {
            sleep(250);
            media = edge.get("/media/" + mediaId, carol.token);
        }
        assertEquals(200, media.status(), "C's GET /media after the forward: " + media.text());
        assertArrayEquals(png, edge.download(media.field("url")).body(), "C's download differs from the upload");
        String stranger = "e2e_f_" + run;
        edge.post("/auth/register", null, Map.of("username", stranger, "password", PASSWORD, "displayName", "E2E F " + run))
                .expect(201);
        String strangerToken = edge.post("/auth/login", null, Map.of("username", stranger, "password", PASSWORD))
                .expect(200).field("accessToken");
        edge.get("/media/" + mediaId, strangerToken).expect(404);
    }

    @Test
    @Order(34)
    @DisplayName("34 B deletes A's message for himself: gone from B's history and unread count, still in A's")
    void deleteForMe() {
        need(directId != null, "the direct conversation");
        String messageId = edge.post("/conversations/" + directId + "/messages", alice.token, Map.of("clientMessageId",
                nextClientMessageId(), "type", "text", "text", "delete me " + run)).expect(201).field("messageId");
        long unreadBefore = find(edge.get("/conversations?limit=100", bob.token).expect(200).json().path("items"),
                "conversationId", directId).path("unreadCount").asLong();
        edge.delete("/conversations/" + directId + "/messages/" + messageId + "?for=me", bob.token).expect(204);
        assertEquals(null, find(edge.get("/conversations/" + directId + "/messages?limit=20", bob.token).expect(200)
                .json().path("items"), "messageId", messageId), "B still sees the message");
        assertNotNull(find(edge.get("/conversations/" + directId + "/messages?limit=20", alice.token).expect(200)
                .json().path("items"), "messageId", messageId), "A lost the message");
        long unreadAfter = find(edge.get("/conversations?limit=100", bob.token).expect(200).json().path("items"),
                "conversationId", directId).path("unreadCount").asLong();
        assertEquals(unreadBefore - 1, unreadAfter, "B's unread count");
    }

    // ---- account control: password change, account deletion -------------------------------------------------------

    @Test
    @Order(35)
    @DisplayName("35 P changes the password on one session: the other session gets session.ended, its socket closes, its tokens are refused; the calling session and the new password work")
    void passwordChangeEndsTheOtherSessions() {
        User pat = new User("P", "e2e_p_" + run);
        pat.userId = edge.post("/auth/register", null, Map.of("username", pat.username, "password", PASSWORD,
                "displayName", "E2E P " + run)).expect(201).field("userId");
        Reply other = login(pat).expect(200);
        Reply current = login(pat).expect(200);
        pat.token = current.field("accessToken");
        Socket otherSocket = open("P's other session", tokenOf(pat, other.field("accessToken")));
        String newPassword = PASSWORD + " renewed";

        Reply wrong = edge.post("/users/me/password", pat.token, Map.of("currentPassword", "not the password",
                "newPassword", newPassword)).expect(403);
        assertEquals("wrong_password", wrong.json().path("error").path("code").asText(), wrong.text());
        edge.post("/users/me/password", pat.token, Map.of("currentPassword", PASSWORD, "newPassword", newPassword))
                .expect(204);

        otherSocket.await("session.ended", LIVE, frame -> "session.ended".equals(frame.path("type").asText())
                && "signed_out".equals(frame.path("reason").asText()));
        otherSocket.awaitClosed(LIVE);
        edge.post("/auth/refresh", null, Map.of("refreshToken", other.field("refreshToken"))).expect(401);
        edge.get("/users/me", other.field("accessToken")).expect(401);
        awaitRefused("/conversations", other.field("accessToken"));
        edge.get("/users/me", pat.token).expect(200);
        edge.post("/auth/refresh", null, Map.of("refreshToken", current.field("refreshToken"))).expect(200);
        login(pat).expect(401);
        edge.post("/auth/login", null, Map.of("username", pat.username, "password", newPassword)).expect(200);
    }

    @Test
    @Order(36)
    @DisplayName("36 G deletes the account: every service erases what it held (profile, contacts, groups, devices, pushes, media in S3); G's messages stay in A's history")
    void accountDeletionErasesTheUserEverywhere() throws IOException {
        needTokens();
        User gone = new User("G", "e2e_g_" + run);
        gone.userId = edge.post("/auth/register", null, Map.of("username", gone.username, "password", PASSWORD,
                "displayName", "E2E G " + run)).expect(201).field("userId");
        gone.token = login(gone).expect(200).field("accessToken");
        // What each service will have to erase: a contact, a group, a direct message with an image, a device with a
        // push in its history, a mute and settings.
        String requestId = edge.post("/contacts/requests", gone.token, Map.of("userId", alice.userId)).expect(201)
                .field("requestId");
        edge.post("/contacts/requests/" + requestId + "/accept", alice.token, null).expect(200);
        String direct = edge.post("/conversations", gone.token, Map.of("type", "direct", "memberIds",
                List.of(alice.userId))).expect(201).field("conversationId");
        String group = edge.post("/conversations", gone.token, Map.of("type", "group", "memberIds",
                List.of(alice.userId), "title", "G's group " + run)).expect(201).field("conversationId");
        String textId = edge.post("/conversations/" + direct + "/messages", gone.token, Map.of("clientMessageId",
                nextClientMessageId(), "type", "text", "text", "my last words " + run)).expect(201).field("messageId");
        JsonNode image = uploadPng(gone, direct, pngImage(320, 240));
        edge.post("/conversations/" + direct + "/messages", gone.token, Map.of("clientMessageId", nextClientMessageId(),
                "type", "image", "mediaId", image.path("mediaId").asText())).expect(201);
        edge.post("/devices", gone.token, Map.of("platform", "fcm", "token", "e2e-fcm-" + run + "-g")).expect(201);
        edge.put("/settings", gone.token, Map.of("previewMode", "full")).expect(200);
        edge.put("/conversations/" + group + "/mute", gone.token, Map.of()).expect(200);
        awaitPush(gone, edge.post("/conversations/" + direct + "/messages", alice.token, Map.of("clientMessageId",
                nextClientMessageId(), "type", "text", "text", "are you there? " + run)).expect(201).field("messageId"));
        String pk = "USER#" + gone.userId;
        List<String> held = tables.sortKeys(NOTIFICATIONS_TABLE, pk);
        for (String prefix : List.of("DEVICE#", "MUTE#", "SETTINGS", "NOTIF#")) {
            assertTrue(held.stream().anyMatch(sk -> sk.startsWith(prefix)), "notification-service holds no " + prefix
                    + " item of G before the deletion: " + held);
        }
        Socket goneSocket = open("G's session", gone);

        Reply wrong = edge.send("DELETE", "/users/me", gone.token, Map.of("password", "not the password")).expect(403);
        assertEquals("wrong_password", wrong.json().path("error").path("code").asText(), wrong.text());
        edge.send("DELETE", "/users/me", gone.token, Map.of("password", PASSWORD)).expect(204);

        // user-service, at once: the profile, the contact and the sessions are gone; the username is held.
        edge.get("/users/" + gone.userId, alice.token).expect(404);
        assertFalse(ids(edge.get("/contacts", alice.token).expect(200).json().path("items"), "userId")
                .contains(gone.userId), "A still lists G as a contact");
        login(gone).expect(401);
        Reply taken = edge.post("/auth/register", null, Map.of("username", gone.username, "password", PASSWORD,
                "displayName", "Someone else")).expect(409);
        assertEquals("username_taken", taken.json().path("error").path("code").asText(), taken.text());
        edge.get("/users/me", gone.token).expect(401);

        // chat-service, from user.deleted: the socket ends, G leaves the group as "Deleted user", the messages stay.
        goneSocket.await("session.ended", LIVE, frame -> "session.ended".equals(frame.path("type").asText())
                && "account_deleted".equals(frame.path("reason").asText()));
        goneSocket.awaitClosed(LIVE);
        awaitTrue("G gone from the group's members", () -> !ids(edge.get("/conversations/" + group, alice.token)
                .expect(200).json().path("members"), "userId").contains(gone.userId));
        JsonNode groupSeenByAlice = edge.get("/conversations/" + group, alice.token).expect(200).json();
        assertEquals("owner", groupSeenByAlice.path("myRole").asText(), "the group keeps an owner: " + groupSeenByAlice);
        List<String> lines = new ArrayList<>();
        edge.get("/conversations/" + group + "/messages?limit=20", alice.token).expect(200).json().path("items")
                .forEach(item -> lines.add(item.path("text").asText()));
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("Deleted user left the group")),
                "the group's timeline: " + lines);
        JsonNode kept = find(edge.get("/conversations/" + direct + "/messages?limit=20", alice.token).expect(200).json()
                .path("items"), "messageId", textId);
        assertNotNull(kept, "G's message is gone from A's history");
        assertEquals("my last words " + run, kept.path("text").asText(), kept.toString());
        assertEquals(gone.userId, kept.path("senderId").asText(), kept.toString());

        // media-service: every object G uploaded is gone from S3 (the URLs handed out before answer 404), and the
        // media from the API, members of its conversation included.
        awaitTrue("G's image gone from the bucket", () -> edge.download(image.path("url").asText()).statusCode() == 404
                && edge.download(image.path("thumbnailUrl").asText()).statusCode() == 404);
        awaitTrue("G's media gone from media-service", () -> edge.get("/media/" + image.path("mediaId").asText(),
                alice.token).status() == 404);

        // notification-service: devices, mutes, settings and pushes erased; only the account's disabled mark stays.
        awaitTrue("notification-service erased G", () -> tables.sortKeys(NOTIFICATIONS_TABLE, pk).equals(List.of("ACCOUNT")));
    }

    private Reply login(User user) {
        return edge.post("/auth/login", null, Map.of("username", user.username, "password", PASSWORD));
    }

    private static User tokenOf(User user, String token) {
        User session = new User(user.label, user.username);
        session.userId = user.userId;
        session.token = token;
        return session;
    }

    /**
     * Grants {@code user} the admin role with the operator's command ({@code make admin}, the one step outside the
     * public surface) and answers a token that carries it.
     */
    private String adminToken(User user) {
        Path script = Path.of("..", "localstack", "bin", "admin");
        try {
            Process admin = new ProcessBuilder(script.toString(), user.username).redirectErrorStream(true).start();
            String output = new String(admin.getInputStream().readAllBytes());
            assertEquals(0, admin.waitFor(), "make admin U=" + user.username + " failed: " + output);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return login(user).expect(200).field("accessToken");
    }

    /** Polls until the service behind {@code path} refuses the token (401), at most {@link #REVOCATION} long. */
    private void awaitRefused(String path, String token) {
        long deadline = System.nanoTime() + REVOCATION.toNanos();
        Reply last;
        do {
            last = edge.get(path, token);
            if (last.status() == 401) {
                return;
            }
            sleep(1000);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("GET " + path + " still answers " + last.status() + " to a revoked session's token after "
                + REVOCATION.toSeconds() + " s: " + Reply.abbreviate(last.text()));
    }

    private Socket open(String name, User user) {
        Socket socket = Socket.connect(edge, name, user.token);
        sockets.add(socket);
        return socket;
    }

    /** Closes a socket a step watched with, so that its user goes offline again. */
    private void close(Socket socket) {
        socket.close();
        sockets.remove(socket);
    }

    private String sendToGroup(String text) {
        return edge.post("/conversations/" + groupId + "/messages", alice.token,
                Map.of("clientMessageId", nextClientMessageId(), "type", "text", "text", text)).expect(201).field("messageId");
    }

    /** The index follows the messages stream: search until the message is found, within {@code PUSH}. */
    private JsonNode awaitSearchHit(User user, String query, String messageId) {
        String path = "/messages/search?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + PUSH.toNanos();
        Reply last;
        do {
            last = edge.get(path, user.token).expect(200);
            for (JsonNode hit : last.json().path("items")) {
                if (messageId.equals(hit.path("message").path("messageId").asText())) {
                    return hit;
                }
            }
            sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(user.label + " did not find " + messageId + " searching \"" + query + "\" within "
                + PUSH.toSeconds() + " s: " + Reply.abbreviate(last.text()));
    }

    /** Waits until chat-service's presence, as A sees it, has the user's $disconnect: offline, so pushed. */
    private void awaitOffline(User user) {
        long deadline = System.nanoTime() + PUSH.toNanos();
        Reply last;
        do {
            last = edge.get("/presence?userIds=" + user.userId, alice.token).expect(200);
            if (!last.json().path("items").path(0).path("online").asBoolean(true)) {
                return;
            }
            sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(user.label + " still online to A after " + PUSH.toSeconds() + " s: " + Reply.abbreviate(last.text()));
    }

    private JsonNode awaitPush(User user, String messageId) {
        long deadline = System.nanoTime() + PUSH.toNanos();
        Reply last;
        do {
            last = edge.get("/notifications?limit=50", user.token).expect(200);
            JsonNode push = find(last.json().path("items"), "messageId", messageId);
            if (push != null) {
                return push;
            }
            sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(user.label + "'s GET /notifications did not list a push for " + messageId + " within "
                + PUSH.toSeconds() + " s: " + Reply.abbreviate(last.text()));
    }

    private JsonNode awaitMedia(String id, String token) {
        long deadline = System.nanoTime() + MEDIA_READY.toNanos();
        Reply last;
        do {
            last = edge.get("/media/" + id, token).expect(200);
            String status = last.json().path("status").asText();
            if (!"pending".equals(status) && !"uploading".equals(status)) {
                return last.json();
            }
            sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("media " + id + " not ready within " + MEDIA_READY.toSeconds() + " s: " + last.text());
    }

    /** Uploads a PNG for the conversation through media-service and its presigned PUT; answers the ready media. */
    private JsonNode uploadPng(User user, String conversationId, byte[] bytes) {
        Reply upload = edge.post("/media/uploads", user.token, Map.of("contentType", "image/png",
                "sizeBytes", bytes.length, "fileName", "e2e-" + run + ".png", "conversationId", conversationId)).expect(201);
        Map<String, String> headers = new LinkedHashMap<>();
        upload.json().path("uploadHeaders").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        HttpResponse<String> put = edge.putBytes(upload.field("uploadUrl"), headers, bytes);
        assertEquals(200, put.statusCode(), "PUT to the presigned URL: " + put.body());
        JsonNode media = awaitMedia(upload.field("mediaId"), user.token);
        assertEquals("ready", media.path("status").asText(), "media: " + media);
        return media;
    }

    /** Polls until {@code condition} holds, at most {@link #ERASED} long: what services do on an event. */
    private static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + ERASED.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + ERASED.toSeconds() + " s");
            }
            sleep(250);
        }
    }

    private String nextClientMessageId() {
        return "e2e-" + run + "-" + (++clientMessageIds);
    }

    private void needTokens() {
        need(users.stream().allMatch(u -> u.token != null), "logged-in users");
    }

    private void needSockets() {
        need(aliceSocket != null && bobPhone != null && bobLaptop != null, "A's and B's sockets");
    }

    private static void need(boolean present, String what) {
        Assumptions.assumeTrue(present, "needs " + what + " from an earlier step, which failed");
    }

    private static Predicate<JsonNode> messageFrame(String type, String messageId) {
        return frame -> type.equals(frame.path("type").asText())
                && (messageId.equals(frame.path("message").path("messageId").asText())
                || messageId.equals(frame.path("messageId").asText()));
    }

    private static List<String> ids(JsonNode items, String field) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.path(field).asText()));
        return ids;
    }

    private static JsonNode find(JsonNode items, String field, String value) {
        for (JsonNode item : items) {
            if (value.equals(item.path(field).asText())) {
                return item;
            }
        }
        return null;
    }

    /** The edge's own 404 for a path it has no route for (API Gateway's shape), not a service's. */
    private static boolean isEdgeNotFound(Reply reply) {
        return reply.status() == 404 && "Not Found".equals(reply.json().path("message").asText());
    }

    private static String describe(Throwable t) {
        if (t instanceof WebSocketHandshakeException h) {
            return "handshake status " + h.getResponse().statusCode();
        }
        return Objects.toString(t, "a connection");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A real PNG: a gradient with a few shapes, so that it has content to thumbnail. */
    private static byte[] pngImage(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(0x07C160), width, height, new Color(0x1E90FF)));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, "png", out), "no PNG writer");
        return out.toByteArray();
    }
}
