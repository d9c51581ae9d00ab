// Retry delays: exponential backoff with full jitter, and the Retry-After response header.

export interface BackoffSettings {
  baseDelayMs: number;
  maxDelayMs: number;
  random: () => number;
}

/**
 * Delay before the retry that follows failed attempt number `attempt` (1-based): a random value in
 * [0, min(maxDelayMs, baseDelayMs * 2^(attempt-1))]. A hint (e.g. Retry-After) replaces the random
 * value and is clamped to [0, maxDelayMs].
 */
export function computeBackoff(settings: BackoffSettings, attempt: number, hintMs?: number): number {
  const max = Math.max(0, settings.maxDelayMs);
  if (hintMs !== undefined && !Number.isNaN(hintMs)) return Math.min(max, Math.max(0, Math.ceil(hintMs)));
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  const cap = Math.min(max, Math.max(0, settings.baseDelayMs) * 2 ** exponent);
  const r = Math.min(1, Math.max(0, settings.random()));
  return Math.floor(r * cap);
}

/**
 * Milliseconds to wait according to a Retry-After value: delay-seconds or an HTTP date (relative to
 * `now`). Undefined when the value is absent or unusable; never negative.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[A-Za-z]/.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
