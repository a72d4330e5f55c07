import type { TokenPair } from "@wechat/api";

/** The tokens of a signed-in browser, kept in localStorage so that every tab shares one session. */
export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token expires. */
  expiresAt: number;
  userId: string;
}

/** Why a session ended: signed out here, refused by the server (revoked elsewhere), or the account was disabled. */
export type SignOutReason = "user" | "revoked" | "disabled";

export type SessionState =
  | { status: "signedIn"; userId: string }
  | { status: "signedOut"; reason: SignOutReason | null };

export interface SessionOptions {
  baseUrl: string;
  storage?: Storage;
  fetch?: typeof fetch;
  now?: () => number;
  /** Serialises refreshes across tabs; refresh tokens are single use and a reused one revokes the session. */
  locks?: Pick<LockManager, "request"> | null;
  /** How long before expiry the access token is renewed. */
  refreshMarginMs?: number;
}

const storageKey = "wechat.session";

function claimsOf(accessToken: string): { sub: string; scope?: string } {
  const payload = accessToken.split(".")[1] ?? "";
  return JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as { sub: string; scope?: string };
}

/** The user id (`sub`) inside an access token. */
export function subjectOf(accessToken: string): string {
  return claimsOf(accessToken).sub;
}

/** The scopes of an access token (its space-separated `scope` claim): `user`, and `admin` for an administrator. */
export function scopesOf(accessToken: string): string[] {
  return (claimsOf(accessToken).scope ?? "").split(" ").filter(Boolean);
}

/**
 * Holds the tokens, renews the access token shortly before it expires and once after a 401, and signs out
 * (reason `revoked`) when the refresh token is refused: the session was ended elsewhere or its refresh token
 * was reused.
 */
export class Session {
  private readonly storage: Storage;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  private readonly locks: Pick<LockManager, "request"> | null;
  private readonly refreshMarginMs: number;
  private readonly listeners = new Set<(state: SessionState) => void>();
  private tokens: StoredTokens | null;
  private state: SessionState;
  private refreshing: Promise<string | null> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: SessionOptions) {
    this.storage = options.storage ?? localStorage;
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.now = options.now ?? Date.now;
    this.locks = options.locks === undefined ? (globalThis.navigator?.locks ?? null) : options.locks;
    this.refreshMarginMs = options.refreshMarginMs ?? 60_000;
    this.tokens = this.read();
    this.state = this.tokens ? { status: "signedIn", userId: this.tokens.userId } : { status: "signedOut", reason: null };
    this.schedule();
  }

  getState(): SessionState {
    return this.state;
  }

  subscribe(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  signIn(pair: TokenPair): void {
    this.store(this.toStored(pair));
    this.setState({ status: "signedIn", userId: this.tokens!.userId });
  }

  /** The scopes of the current access token; empty when signed out. */
  get scopes(): string[] {
    return this.tokens ? scopesOf(this.tokens.accessToken) : [];
  }

  /** The refresh token to end the session with on the server. */
  get refreshToken(): string | null {
    return this.tokens?.refreshToken ?? null;
  }

  signOut(reason: SignOutReason): void {
    this.store(null);
    this.setState({ status: "signedOut", reason });
  }

  /** A current access token, renewed first when it expires within the margin; null when signed out. */
  async getAccessToken(): Promise<string | null> {
    if (!this.tokens) return null;
    if (this.tokens.expiresAt - this.now() > this.refreshMarginMs / 2) return this.tokens.accessToken;
    return (await this.refresh()) ?? this.tokens?.accessToken ?? null;
  }

  /**
   * After a 401 for `rejectedToken`: a new access token to retry with once, or null. When another request
   * already renewed the token, that one is answered without a second refresh.
   */
  async tokenAfterUnauthorized(rejectedToken: string): Promise<string | null> {
    if (this.tokens && this.tokens.accessToken !== rejectedToken) return this.tokens.accessToken;
    return this.refresh();
  }

  /** Renews the tokens once, however many callers ask at the same time. */
  refresh(): Promise<string | null> {
    this.refreshing ??= this.refreshExclusively().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Picks up what another tab did to the shared session. */
  adoptStoredTokens(): void {
    const stored = this.read();
    if (stored?.refreshToken === this.tokens?.refreshToken) return;
    this.tokens = stored;
    this.schedule();
    this.setState(stored ? { status: "signedIn", userId: stored.userId } : { status: "signedOut", reason: "user" });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.listeners.clear();
  }

  private async refreshExclusively(): Promise<string | null> {
    const spending = this.tokens?.refreshToken;
    if (!spending) return null;
    const run = () => this.refreshWith(spending);
    return this.locks ? this.locks.request(storageKey, run) : run();
  }

  private async refreshWith(spending: string): Promise<string | null> {
    // Another tab may have spent this refresh token while we waited for the lock: use what it stored.
    const stored = this.read();
    if (stored && stored.refreshToken !== spending) {
      this.tokens = stored;
      this.schedule();
      return stored.accessToken;
    }
    if (!stored) {
      this.signOut("user");
      return null;
    }
    let response: Response;
    try {
      response = await this.fetch(`${this.options.baseUrl}/auth/refresh`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ refreshToken: spending }),
      });
    } catch {
      this.retrySoon();
      return null;
    }
    if (response.ok) {
      this.signIn((await response.json()) as TokenPair);
      return this.tokens!.accessToken;
    }
    if (response.status === 401 || response.status === 400) {
      this.signOut("revoked");
    } else {
      this.retrySoon();
    }
    return null;
  }

  private toStored(pair: TokenPair): StoredTokens {
    return {
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      expiresAt: this.now() + pair.expiresIn * 1000,
      userId: subjectOf(pair.accessToken),
    };
  }

  private store(tokens: StoredTokens | null): void {
    this.tokens = tokens;
    if (tokens) this.storage.setItem(storageKey, JSON.stringify(tokens));
    else this.storage.removeItem(storageKey);
    this.schedule();
  }

  private read(): StoredTokens | null {
    try {
      const raw = this.storage.getItem(storageKey);
      return raw ? (JSON.parse(raw) as StoredTokens) : null;
    } catch {
      return null;
    }
  }

  /** Renews the access token ahead of its expiry, so that a long-open tab never sends an expired one. */
  private schedule(): void {
    clearTimeout(this.timer);
    if (!this.tokens) return;
    const lifetime = this.tokens.expiresAt - this.now();
    const delay = Math.max(lifetime - Math.min(this.refreshMarginMs, lifetime / 4), 0);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private retrySoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), 10_000);
  }

  private setState(state: SessionState): void {
    const current = this.state;
    if (state.status === "signedIn" && current.status === "signedIn" && current.userId === state.userId) return;
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }
}

/**
 * A fetch that sends the session's access token and, when the answer is 401, renews the token and sends the
 * request once more: an expired token never reaches the person using the app.
 */
export function authenticatedFetch(session: Session, send: (request: Request) => Promise<Response> = (request) => fetch(request)) {
  return async (request: Request): Promise<Response> => {
    const token = await session.getAccessToken();
    if (!token) return send(request);
    const retry = request.clone();
    request.headers.set("Authorization", `Bearer ${token}`);
    const response = await send(request);
    if (response.status !== 401) return response;
    const renewed = await session.tokenAfterUnauthorized(token);
    if (!renewed) return response;
    retry.headers.set("Authorization", `Bearer ${renewed}`);
    return send(retry);
  };
}
