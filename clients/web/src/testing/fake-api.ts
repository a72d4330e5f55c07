import type { Conversation, Message } from "@wechat/api";
import { json, tokenPair } from "./tokens";

/**
 * The few public routes the app's component tests go through, answering as the services do. The real services
 * are exercised by the browser tests; here the point is the app's own logic.
 */
export function fakeApi(options: { me: string; conversations?: Conversation[]; messages?: Message[]; revoked?: boolean }) {
  let revoked = options.revoked ?? false;
  const posted: { path: string; body: unknown }[] = [];
  const messages = [...(options.messages ?? [])];
  const profiles: Record<string, { userId: string; username: string; displayName: string }> = {
    "u-1": { userId: "u-1", username: "alice", displayName: "Alice" },
    "u-2": { userId: "u-2", username: "bob", displayName: "Bob" },
  };
  let login: "ok" | "invalid" | "busy" = "ok";
  const fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const path = url.pathname;
    const body = request.method === "GET" ? undefined : await request.text().then((text) => (text ? JSON.parse(text) : undefined));
    if (request.method !== "GET") posted.push({ path: `${request.method} ${path}`, body });
    if (revoked && path !== "/auth/login") {
      const code = path === "/auth/refresh" ? "refresh_token_reused" : "invalid_token";
      return json({ error: { code, message: "The session was revoked" } }, 401);
    }
    if (path === "/auth/login") {
      if (login === "busy") {
        return new Response(JSON.stringify({ error: { code: "busy", message: "Too many sign-ins at once, retry" } }),
          { status: 503, headers: { "Content-Type": "application/json", "Retry-After": "10" } });
      }
      return login === "ok" ? json(tokenPair(options.me)) : json({ error: { code: "invalid_credentials", message: "Invalid" } }, 401);
    }
    if (path === "/users/me") return json({ ...profiles[options.me], avatarMediaId: null, statusMessage: null });
    const user = path.match(/^\/users\/([^/]+)$/);
    if (user) return json({ ...profiles[user[1]!], avatarMediaId: null, statusMessage: null });
    if (path === "/conversations") return json({ items: options.conversations ?? [], nextCursor: null });
    const conversation = path.match(/^\/conversations\/([^/]+)$/);
    if (conversation) {
      const found = options.conversations?.find((item) => item.conversationId === conversation[1]);
      return found ? json({ ...found, members: [{ userId: "u-1", role: "admin" }, { userId: "u-2", role: "member" }] }) : json({ error: { code: "conversation_not_found" } }, 404);
    }
    if (/^\/conversations\/[^/]+\/messages$/.test(path)) {
      if (request.method === "POST") {
        const send = body as { clientMessageId: string; text: string };
        const known = messages.find((item) => item.clientMessageId === send.clientMessageId);
        if (known) return json(known);
        const sent: Message = {
          messageId: `m-${messages.length + 1}`, conversationId: path.split("/")[2]!, seq: messages.length + 1, senderId: options.me, type: "text",
          text: send.text, mediaId: null, clientMessageId: send.clientMessageId, createdAt: new Date().toISOString(), editedAt: null, recalled: false, removed: false,
          replyTo: null, mentions: [], mentionAll: false, forwarded: false, reactions: [],
        };
        messages.push(sent);
        return json(sent, 201);
      }
      return json({ items: [...messages].reverse(), nextCursor: null });
    }
    if (/\/read$/.test(path)) return json({ conversationId: "conv", lastReadMessageId: "m-1", unreadCount: 0 });
    if (/\/mute$/.test(path)) return json({ conversationId: "conv", muted: false, mutedUntil: null });
    if (path === "/presence") return json({ items: (url.searchParams.get("userIds") ?? "").split(",").map((userId) => ({ userId, online: true, lastSeenAt: null })) });
    if (path === "/devices") return json({ deviceId: "d-1", platform: "web", token: "t", createdAt: new Date().toISOString() }, 201);
    if (path === "/contacts/requests") return json({ items: [], nextCursor: null });
    if (path === "/reports") return json({ reportId: "r-1", status: "open", ...(body as object) }, 201);
    return json({ error: { code: "not_found", message: path } }, 404);
  };
  return {
    fetch,
    posted,
    messages,
    refuseLogin: () => {
      login = "invalid";
    },
    /** Every password check is taken: the login answers 503 `busy` with `Retry-After: 10`, as user-service does. */
    busyLogin: () => {
      login = "busy";
    },
    /** The session is revoked on the server from now on: refresh and every token are refused. */
    revoke: () => {
      revoked = true;
    },
  };
}

export function conversation(change: Partial<Conversation> = {}): Conversation {
  return {
    conversationId: "conv", type: "direct", title: null, createdBy: "u-1", createdAt: "2026-12-01T09:00:00.000Z", memberCount: 2,
    lastActivityAt: "2026-12-01T10:00:00.000Z", lastMessage: null, unreadCount: 0, lastReadMessageId: null, myRole: "admin",
    peerId: "u-2", mentioned: false, members: [], avatarMediaId: null, announcement: null, ownerId: null, pinned: false,
    archived: false, muted: false, ...change,
  };
}
