/**
 * Fixed-window attempt counters kept in this process (API.md 6.8: without Redis, counters are per
 * instance). A key is blocked once it has `max` hits inside its current window; the window starts
 * at the first hit and the block lifts when it ends. Framework-free so it can be unit-tested.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Seconds until `key` may try again; 0 when it is not blocked. */
  retryAfter(key: string, now = Date.now()): number {
    const window = this.current(key, now);
    if (!window || window.count < this.max) return 0;
    return Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
  }

  /** Counts one attempt against `key`. */
  hit(key: string, now = Date.now()): void {
    const window = this.current(key, now);
    if (window) {
      window.count += 1;
      return;
    }
    if (this.windows.size >= this.maxKeys) this.prune(now);
    this.windows.set(key, { start: now, count: 1 });
  }

  /** Forgets `key` (e.g. the per-e-mail counter after a successful login). */
  reset(key: string): void {
    this.windows.delete(key);
  }

  private current(key: string, now: number): { start: number; count: number } | undefined {
    const window = this.windows.get(key);
    if (!window) return undefined;
    if (now - window.start >= this.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  /** Drops expired windows; if every key is still live, the oldest half goes (bounded memory). */
  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
    if (this.windows.size < this.maxKeys) return;
    let drop = Math.ceil(this.windows.size / 2);
    for (const key of this.windows.keys()) {
      if (drop-- <= 0) break;
      this.windows.delete(key);
    }
  }
}
