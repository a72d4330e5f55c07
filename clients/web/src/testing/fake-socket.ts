/** A WebSocket double that the test opens, feeds and drops by hand. */
export class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 3;
  static instances: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }

  static last(): FakeSocket {
    return FakeSocket.instances[FakeSocket.instances.length - 1]!;
  }

  send(data: string) {
    this.sent.push(data);
  }

  close(code = 1000) {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code });
  }

  open() {
    this.readyState = 1;
    this.onopen?.();
  }

  receive(frame: object) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  /** The network dropped the connection (the edge restarted, Wi-Fi went away). */
  drop() {
    this.close(1006);
  }

  /** The server closed the connection normally, as it does after a `session.ended` frame. */
  closeByServer() {
    this.close(1000);
  }
}

export function createFakeSocket(url: string): WebSocket {
  return new FakeSocket(url) as unknown as WebSocket;
}
