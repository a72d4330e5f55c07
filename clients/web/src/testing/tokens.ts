/** An unsigned access token carrying `sub`: the client reads only its payload. */
export function accessToken(userId: string, id = Math.random().toString(36).slice(2)): string {
  const encode = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  return `${encode({ alg: "RS256" })}.${encode({ sub: userId, jti: id })}.signature`;
}

export function tokenPair(userId: string, expiresIn = 900) {
  return { accessToken: accessToken(userId), refreshToken: `refresh-${Math.random().toString(36).slice(2)}`, tokenType: "Bearer" as const, expiresIn };
}

export function json(body: unknown, status = 200): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}
