import type { AdminUser, Report, Stats } from "@wechat/api";

/** An unsigned access token carrying `sub` and `scope`: the console reads only its payload. */
export function accessToken(userId: string, scope: string): string {
  const encode = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  return `${encode({ alg: "RS256" })}.${encode({ sub: userId, scope, jti: Math.random().toString(36).slice(2) })}.signature`;
}

function json(body: unknown, status = 200): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

export function adminUser(change: Partial<AdminUser> = {}): AdminUser {
  return {
    userId: "u-2", username: "bob", displayName: "Bob", status: "active", createdAt: "2026-11-20T09:00:00.000Z",
    lastActiveAt: "2026-12-01T09:30:00.000Z", scopes: ["user"], disabledReason: null, ...change,
  };
}

export function report(change: Partial<Report> = {}): Report {
  return {
    reportId: "r-1", status: "open", conversationId: "conv", messageId: "m-7", userId: "u-2",
    message: { text: "Buy cheap followers", senderId: "u-2", senderName: "Bob", removed: false },
    reporter: { userId: "u-3", name: "Carol" }, reason: "spam", createdAt: "2026-12-01T10:00:00.000Z", resolution: null, ...change,
  };
}

export function stats(): Stats {
  const days = Array.from({ length: 14 }, (_, index) => `2026-11-${String(18 + index).padStart(2, "0")}`);
  return {
    users: { total: 42, new24h: 3 },
    dailyActiveUsers: days.map((day, index) => ({ day, count: index })),
    messagesPerDay: days.map((day, index) => ({ day, count: index * 10 })),
    webSocketConnections: 5,
    pushes: { sent24h: 17, failed24h: null },
    queues: [{ name: "wechat-local-chat-events", depth: 0, deadLetterDepth: 2 }],
    generatedAt: "2026-12-01T10:00:00.000Z",
  };
}

/**
 * The admin routes the console's component tests go through, answering as the services' OpenAPI files say. The real
 * services are exercised by the browser tests; here the point is the console's own logic.
 */
export function fakeAdminApi(options: { scope?: string; users?: AdminUser[]; reports?: Report[] } = {}) {
  const calls: { path: string; body: unknown }[] = [];
  const users = [...(options.users ?? [adminUser()])];
  const reports = [...(options.reports ?? [])];
  const fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const path = url.pathname;
    const body = request.method === "GET" ? undefined : await request.text().then((text) => (text ? JSON.parse(text) : undefined));
    calls.push({ path: `${request.method} ${path}${url.search}`, body });
    if (path === "/auth/login") {
      return json({ accessToken: accessToken("u-1", options.scope ?? "user admin"), refreshToken: "refresh-1", tokenType: "Bearer", expiresIn: 900 });
    }
    if (path === "/auth/logout") return json(undefined, 204);
    if (path === "/users/me") return json({ userId: "u-1", username: "alice", displayName: "Alice", avatarMediaId: null, statusMessage: null });
    if (path === "/admin/users") {
      const status = url.searchParams.get("status");
      return json({ items: users.filter((user) => !status || user.status === status), nextCursor: null });
    }
    const change = path.match(/^\/admin\/users\/([^/]+)\/(disable|enable)$/);
    if (change) {
      const index = users.findIndex((user) => user.userId === change[1]);
      const disabled = change[2] === "disable";
      users[index] = { ...users[index]!, status: disabled ? "disabled" : "active", disabledReason: disabled ? (body as { reason: string }).reason : null };
      return json(users[index]);
    }
    if (path === "/admin/reports") return json({ items: reports.filter((item) => item.status === url.searchParams.get("status")), nextCursor: null });
    const resolve = path.match(/^\/admin\/reports\/([^/]+)\/resolve$/);
    if (resolve) {
      const index = reports.findIndex((item) => item.reportId === resolve[1]);
      const { action, note } = body as { action: "dismiss" | "remove_message" | "disable_user"; note?: string };
      reports[index] = { ...reports[index]!, status: "resolved", resolution: { action, note: note ?? null, actorId: "u-1", at: "2026-12-01T11:00:00.000Z" } };
      return json(reports[index]);
    }
    if (path === "/admin/stats") return json(stats());
    if (path === "/admin/audit") return json({ items: [], nextCursor: null });
    return json({ error: { code: "not_found", message: path } }, 404);
  };
  return { fetch, calls };
}
