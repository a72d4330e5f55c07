import { parseServerFrame, type ClientFrame, type ServerFrame } from "@wechat/api";

/** `connecting` only until the first attempt ends; afterwards the connection is `online` or `offline`. */
export type ConnectionStatus = "connecting" | "online" | "offline";

export interface RealtimeOptions {
  /** The WebSocket URL for an access token. */
  url: (token: string) => string;
  getToken: () => Promise<string | null>;
  onFrame: (frame: ServerFrame) => void;
  onStatus?: (status: ConnectionStatus) => void;
  /** Every time a connection opens, the first included: the moment to fetch what was missed meanwhile. */
  onOpen?: (reconnect: boolean) => void;
  /** An open connection that the server closed normally (1000), as it does when the connection's session ends. */
  onClosedByServer?: () => void;
  createSocket?: (url: string) => WebSocket;
  /** Delay before the attempt after `failures` consecutive failed ones. */
  backoffMs?: (failures: number) => number;
  /** A ping keeps API Gateway's 10-minute idle timeout away and finds connections that died silently. */
  pingIntervalMs?: number;
  pongTimeoutMs?: number;
}

/** Exponential backoff with jitter: about 0.5 s, 1 s, 2 s ... up to 15 s, so a restored server is found soon. */
export function exponentialBackoff(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(15_000, 500 * 2 ** failures);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** The app's one WebSocket: reconnects with backoff after any drop, and says when it is online again. */
export class RealtimeConnection {
  private socket: WebSocket | null = null;
  private status: ConnectionStatus = "connecting";
  private failures = 0;
  private opened = false;
  private running = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly createSocket: (url: string) => WebSocket;
  private readonly backoffMs: (failures: number) => number;

  constructor(private readonly options: RealtimeOptions) {
    this.createSocket = options.createSocket ?? ((url) => new WebSocket(url));
    this.backoffMs = options.backoffMs ?? ((failures) => exponentialBackoff(failures));
  }

  getStatus(): ConnectionStatus {
    return this.status;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.retryTimer);
    this.stopPinging();
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000);
  }

  /** Skips the wait when the browser says the network is back or the tab is shown again. */
  reconnectNow(): void {
    if (!this.running || this.socket) return;
    clearTimeout(this.retryTimer);
    void this.connect();
  }

  /** Sends a frame when online; false when it could not be sent. */
  send(frame: ClientFrame): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  private async connect(): Promise<void> {
    let token: string | null = null;
    try {
      token = await this.options.getToken();
    } catch {
      token = null;
    }
    if (!this.running || this.socket) return;
    if (!token) {
      this.failed();
      return;
    }
    const socket = this.createSocket(this.options.url(token));
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      const reconnect = this.opened;
      this.opened = true;
      this.failures = 0;
      this.setStatus("online");
      this.startPinging(socket);
      this.options.onOpen?.(reconnect);
    };
    socket.onmessage = (event: MessageEvent) => {
      if (this.socket !== socket) return;
      const frame = parseServerFrame(event.data);
      if (!frame) return;
      if (frame.type === "pong") clearTimeout(this.pongTimer);
      this.options.onFrame(frame);
    };
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket) return;
      const wasOpen = this.status === "online";
      this.socket = null;
      this.stopPinging();
      if (wasOpen && event.code === 1000) this.options.onClosedByServer?.();
      if (this.running) this.failed();
    };
  }

  private failed(): void {
    this.setStatus("offline");
    const delay = this.backoffMs(this.failures);
    this.failures += 1;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  private startPinging(socket: WebSocket): void {
    const interval = this.options.pingIntervalMs ?? 25_000;
    const timeout = this.options.pongTimeoutMs ?? 10_000;
    this.stopPinging();
    this.pingTimer = setInterval(() => {
      if (!this.send({ action: "ping" })) return;
      clearTimeout(this.pongTimer);
      // No pong: the connection is dead without having said so; close it and reconnect.
      this.pongTimer = setTimeout(() => {
        if (this.socket !== socket) return;
        this.socket = null;
        this.stopPinging();
        socket.close();
        this.failed();
      }, timeout);
    }, interval);
  }

  private stopPinging(): void {
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.options.onStatus?.(status);
  }
}
