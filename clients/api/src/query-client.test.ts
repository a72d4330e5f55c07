import { describe, expect, it } from "vitest";
import { ApiError } from "./index";
import { createQueryClient } from "./query-client";

const { retry, retryDelay } = createQueryClient().getDefaultOptions().queries ?? {};

function retried(failures: number, error: unknown): boolean {
  if (typeof retry !== "function") throw new Error("the query client has no retry policy");
  return retry(failures, error as Error);
}

function delay(failures: number, error: unknown): number {
  if (typeof retryDelay !== "function") throw new Error("the query client has no retry delay");
  return retryDelay(failures, error as Error);
}

describe("createQueryClient", () => {
  it("does not ask again what will be answered the same (4xx but 429)", () => {
    expect(retried(0, new ApiError(404, "not_found", "gone"))).toBe(false);
    expect(retried(0, new ApiError(403, "forbidden", "no"))).toBe(false);
  });

  it("asks again twice after a network error, a 429 or a 5xx", () => {
    for (const error of [new TypeError("Failed to fetch"), new ApiError(429, "rate_limited", "slow"), new ApiError(503, "busy", "busy")]) {
      expect([0, 1, 2].map((failures) => retried(failures, error))).toEqual([true, true, false]);
    }
  });

  it("waits the answer's Retry-After, and shows the error at once when that wait is too long", () => {
    expect(delay(0, new ApiError(503, "busy", "busy", 10))).toBe(10_000);
    expect(retried(0, new ApiError(503, "busy", "busy", 30))).toBe(true);
    expect(retried(0, new ApiError(429, "rate_limited", "slow", 31))).toBe(false);
  });

  it("backs off exponentially up to 30 s without a Retry-After", () => {
    expect([0, 1, 4, 10].map((failures) => delay(failures, new ApiError(500, "internal", "oops")))).toEqual([1000, 2000, 16_000, 30_000]);
  });
});
