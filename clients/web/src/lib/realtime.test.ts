import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createFakeSocket, FakeSocket } from "@/testing/fake-socket";
import { exponentialBackoff, RealtimeConnection, type ConnectionStatus } from "./realtime";

function connect(overrides: Partial<ConstructorParameters<typeof RealtimeConnection>[0]> = {}) {
  const statuses: ConnectionStatus[] = [];
  const opens: boolean[] = [];
  const frames: unknown[] = [];
  const connection = new RealtimeConnection({
    url: (token) => `ws://app.test/ws?token=${token}`,
    getToken: async () => "token-1",
    createSocket: createFakeSocket,
    backoffMs: (failures) => 1_000 * 2 ** failures,
    onFrame: (frame) => frames.push(frame),
    onStatus: (status) => statuses.push(status),
    onOpen: (reconnect) => opens.push(reconnect),
    ...overrides,
  });
  return { connection, statuses, opens, frames };
}

describe("RealtimeConnection", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal("WebSocket", FakeSocket);
    FakeSocket.instances = [];
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("connects with the access token and hands over the server's frames", async () => {
    const { connection, statuses, opens, frames } = connect();
    connection.start();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last().open();
    FakeSocket.last().receive({ type: "typing", conversationId: "c-1", userId: "u-2", at: "2026-12-01T10:00:00.000Z" });

    expect(FakeSocket.last().url).toBe("ws://app.test/ws?token=token-1");
    expect(statuses).toEqual(["online"]);
    expect(opens).toEqual([false]);
    expect(frames).toEqual([{ type: "typing", conversationId: "c-1", userId: "u-2", at: "2026-12-01T10:00:00.000Z" }]);
  });

  it("reconnects after a drop with growing delays, and reports the reconnect so that missed messages are fetched", async () => {
    const { connection, statuses, opens } = connect();
    connection.start();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last().open();

    FakeSocket.last().drop();
    expect(statuses).toEqual(["online", "offline"]);
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeSocket.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.instances).toHaveLength(2);

    FakeSocket.last().drop(); // the edge is still down
    await vi.advanceTimersByTimeAsync(1_999);
    expect(FakeSocket.instances).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.instances).toHaveLength(3);

    FakeSocket.last().open();
    expect(statuses).toEqual(["online", "offline", "online"]);
    expect(opens).toEqual([false, true]);

    FakeSocket.last().drop(); // after a success the delays start small again
    await vi.advanceTimersByTimeAsync(1_000);
    expect(FakeSocket.instances).toHaveLength(4);
  });

  it("tells when the server closed an open connection, not when the network dropped it", async () => {
    const closedByServer = vi.fn();
    const { connection } = connect({ onClosedByServer: closedByServer });
    connection.start();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last().open();
    FakeSocket.last().drop();
    expect(closedByServer).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(1_000);
    FakeSocket.last().open();
    FakeSocket.last().closeByServer();
    expect(closedByServer).toHaveBeenCalledTimes(1);
    connection.stop();
  });

  it("closes a connection that stopped answering pings, and connects again", async () => {
    const { connection, statuses } = connect({ pingIntervalMs: 25_000, pongTimeoutMs: 10_000 });
    connection.start();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last().open();

    await vi.advanceTimersByTimeAsync(25_000);
    expect(FakeSocket.last().sent).toEqual(['{"action":"ping"}']);
    FakeSocket.last().receive({ type: "pong" });
    await vi.advanceTimersByTimeAsync(25_000 + 10_000);

    expect(statuses).toEqual(["online", "offline"]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(FakeSocket.instances).toHaveLength(2);
  });

  it("sends frames only while online, and stops for good when stopped", async () => {
    const { connection } = connect();
    expect(connection.send({ action: "typing", conversationId: "c-1" })).toBe(false);
    connection.start();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last().open();
    expect(connection.send({ action: "typing", conversationId: "c-1" })).toBe(true);

    connection.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
  });
});

describe("exponentialBackoff", () => {
  it("doubles up to 15 seconds, with jitter in the upper half", () => {
    expect(exponentialBackoff(0, () => 0)).toBe(250);
    expect(exponentialBackoff(0, () => 1)).toBe(500);
    expect(exponentialBackoff(3, () => 1)).toBe(4_000);
    expect(exponentialBackoff(20, () => 1)).toBe(15_000);
  });
});
