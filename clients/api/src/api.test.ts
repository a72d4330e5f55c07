import { describe, expect, it } from "vitest";
import { ApiError, createApi, parseRetryAfter, parseServerFrame, unwrap } from "./index";

function answering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { "Content-Type": "application/json", ...headers },
    });
  };
  return { requests, api: createApi({ baseUrl: "http://app.test", fetch }) };
}

describe("createApi", () => {
  it("sends typed requests to the same origin", async () => {
    const { requests, api } = answering(200, { items: [], nextCursor: null });
    const page = await unwrap(api.chat.GET("/conversations/{id}/messages", {
      params: { path: { id: "c-1" }, query: { cursor: "7", limit: 30 } },
    }));
    expect(page).toEqual({ items: [], nextCursor: null });
    expect(requests[0]!.url).toBe("http://app.test/conversations/c-1/messages?cursor=7&limit=30");
  });

  it("turns an error answer into an ApiError with its code", async () => {
    const { api } = answering(409, { error: { code: "username_taken", message: "That username is taken" } });
    const call = unwrap(api.user.POST("/auth/register", {
      body: { username: "alice", password: "correct horse", displayName: "Alice" },
    }));
    await expect(call).rejects.toEqual(new ApiError(409, "username_taken", "That username is taken"));
  });

  it("keeps how long a busy or throttled answer asks to wait", async () => {
    const { api } = answering(503, { error: { code: "busy", message: "Too many sign-ins at once, retry" } }, { "Retry-After": "7" });
    const error = await unwrap(api.user.POST("/auth/login", { body: { username: "alice", password: "correct horse" } }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, code: "busy", retryAfterSeconds: 7 });
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds or an HTTP date, and nothing else", () => {
    const now = Date.parse("2026-12-02T10:00:00Z");
    expect(parseRetryAfter("30", now)).toBe(30);
    expect(parseRetryAfter("Wed, 02 Dec 2026 10:01:30 GMT", now)).toBe(90);
    expect(parseRetryAfter("Wed, 02 Dec 2026 09:59:00 GMT", now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter("-5", now)).toBeNull();
  });
});

describe("parseServerFrame", () => {
  it("reads known frames and ignores anything else", () => {
    expect(parseServerFrame('{"type":"pong"}')).toEqual({ type: "pong" });
    expect(parseServerFrame('{"type":"surprise"}')).toBeNull();
    expect(parseServerFrame("not json")).toBeNull();
    expect(parseServerFrame(new ArrayBuffer(2))).toBeNull();
  });

  it("reads a moderator's removal and the end of the connection's session", () => {
    expect(parseServerFrame('{"type":"message.removed","conversationId":"c-1","messageId":"m-1","senderId":"u-2","seq":4}'))
      .toMatchObject({ type: "message.removed", messageId: "m-1" });
    expect(parseServerFrame('{"type":"session.ended","reason":"account_disabled"}'))
      .toEqual({ type: "session.ended", reason: "account_disabled" });
  });

  it("recognises a created conversation whose frame type was overwritten by the conversation's type", () => {
    const frame = parseServerFrame(
      '{"type":"group","conversationId":"c-1","change":"created","memberIds":["u-1","u-2"],"by":"u-1"}',
    );
    expect(frame).toMatchObject({ type: "conversation.updated", change: "created", conversationId: "c-1" });
  });
});
