import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { json, tokenPair } from "@/testing/tokens";
import { authenticatedFetch, Session } from "@wechat/api/session";

const baseUrl = "http://app.test";

function refreshServer() {
  const spent = new Set<string>();
  const calls: string[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.endsWith("/auth/refresh")) throw new Error(`unexpected ${url}`);
    const { refreshToken } = JSON.parse(String(init?.body)) as { refreshToken: string };
    calls.push(refreshToken);
    if (spent.has(refreshToken)) return json({ error: { code: "refresh_token_reused", message: "reused" } }, 401);
    spent.add(refreshToken);
    return json(tokenPair("u-1"));
  });
  return { fetch, calls, spent };
}

describe("Session", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("renews the access token a minute before it expires, without any request failing", async () => {
    const server = refreshServer();
    const session = new Session({ baseUrl, storage: localStorage, fetch: server.fetch, locks: null });
    session.signIn(tokenPair("u-1", 900));
    const first = await session.getAccessToken();

    await vi.advanceTimersByTimeAsync(839_000);
    expect(server.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2_000);

    expect(server.calls).toHaveLength(1);
    const renewed = await session.getAccessToken();
    expect(renewed).not.toBe(first);
    expect(session.getState()).toEqual({ status: "signedIn", userId: "u-1" });
  });

  it("spends a refresh token once however many requests ask for a token at the same time", async () => {
    const server = refreshServer();
    const session = new Session({ baseUrl, storage: localStorage, fetch: server.fetch, locks: null });
    session.signIn(tokenPair("u-1", 900));
    // The tab slept past the expiry (timers did not run): the next requests find an expired token.
    vi.setSystemTime(Date.now() + 901_000);

    const tokens = await Promise.all([session.getAccessToken(), session.getAccessToken(), session.getAccessToken()]);

    expect(server.calls).toHaveLength(1);
    expect(new Set(tokens).size).toBe(1);
  });

  it("signs out as revoked when the refresh token is refused", async () => {
    const server = refreshServer();
    const session = new Session({ baseUrl, storage: localStorage, fetch: server.fetch, locks: null });
    const pair = tokenPair("u-1");
    server.spent.add(pair.refreshToken);
    session.signIn(pair);
    const states: unknown[] = [];
    session.subscribe((state) => states.push(state));

    expect(await session.refresh()).toBeNull();

    expect(states).toEqual([{ status: "signedOut", reason: "revoked" }]);
    expect(localStorage.getItem("wechat.session")).toBeNull();
  });

  it("uses the tokens another tab stored instead of spending the same refresh token again", async () => {
    const server = refreshServer();
    const session = new Session({ baseUrl, storage: localStorage, fetch: server.fetch, locks: null });
    session.signIn(tokenPair("u-1"));
    const otherTab = new Session({ baseUrl, storage: localStorage, fetch: server.fetch, locks: null });
    const renewedByOtherTab = await otherTab.refresh();

    expect(await session.refresh()).toBe(renewedByOtherTab);
    expect(server.calls).toHaveLength(1);
  });
});

describe("authenticatedFetch", () => {
  it("sends the token, and after a 401 renews it once and repeats the request with its body", async () => {
    const server = refreshServer();
    const session = new Session({ baseUrl, storage: localStorage, fetch: server.fetch, locks: null });
    session.signIn(tokenPair("u-1"));
    const stale = await session.getAccessToken();
    const seen: { auth: string | null; body: string }[] = [];
    const api = authenticatedFetch(session, async (request) => {
      seen.push({ auth: request.headers.get("Authorization"), body: await request.text() });
      return request.headers.get("Authorization") === `Bearer ${stale}` ? json({ error: { code: "invalid_token" } }, 401) : json({ ok: true });
    });

    const response = await api(new Request(`${baseUrl}/users/me`, { method: "PATCH", body: '{"displayName":"A"}' }));

    expect(response.status).toBe(200);
    expect(server.calls).toHaveLength(1);
    expect(seen).toHaveLength(2);
    expect(seen[1]!.auth).not.toBe(`Bearer ${stale}`);
    expect(seen[1]!.body).toBe('{"displayName":"A"}');
  });

  it("answers the 401 when the session cannot be renewed", async () => {
    const server = refreshServer();
    const session = new Session({ baseUrl, storage: localStorage, fetch: server.fetch, locks: null });
    const pair = tokenPair("u-1");
    server.spent.add(pair.refreshToken);
    session.signIn(pair);
    const api = authenticatedFetch(session, async () => json({ error: { code: "invalid_token" } }, 401));

    const response = await api(new Request(`${baseUrl}/users/me`));

    expect(response.status).toBe(401);
    expect(session.getState()).toEqual({ status: "signedOut", reason: "revoked" });
  });
});
