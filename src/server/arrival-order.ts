import type { MiddlewareHandler } from 'hono';

/**
 * Starts requests in the order they arrived, at most `perTurn` per turn of the event loop.
 *
 * Node reads every socket that became readable in one poll and runs each request to its end
 * before it polls again (pages are rendered synchronously, SQLite answers synchronously). Under
 * load one such turn takes a whole round of requests: 100 connections at 300 µs a page make a
 * 30 ms turn, and a request that arrives just after the poll waits for the rest of the turn and
 * then for its place in the next one, up to two rounds. Letting the loop poll again after every
 * few requests queues what arrived meanwhile behind what came before it, so each request waits
 * about one round: the same throughput with a much shorter tail (measured with autocannon, 100
 * connections, in bench/reader-load.ts).
 *
 * Only the start is ordered; a request that awaits real I/O (PostgreSQL, the image proxy's
 * fetch) goes on concurrently as before. With one request at a time the cost is one setImmediate.
 */
export function arrivalOrder(perTurn = 8): MiddlewareHandler {
  const queue = new TurnQueue(perTurn);
  return async (_c, next) => {
    await queue.turn();
    await next();
  };
}

export class TurnQueue {
  private waiting: Array<() => void> = [];
  private head = 0;
  private scheduled = false;

  constructor(private readonly perTurn: number) {}

  /** Resolves when the caller's turn comes: after everyone queued before it, in a later turn. */
  turn(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.release);
      }
    });
  }

  get length(): number {
    return this.waiting.length - this.head;
  }

  private readonly release = (): void => {
    this.scheduled = false;
    const end = Math.min(this.waiting.length, this.head + this.perTurn);
    for (; this.head < end; this.head++) (this.waiting[this.head] as () => void)();
    if (this.head === this.waiting.length) {
      this.waiting = [];
      this.head = 0;
    } else {
      // Compact now and then so the array does not grow under constant load.
      if (this.head > 1024) {
        this.waiting = this.waiting.slice(this.head);
        this.head = 0;
      }
      this.scheduled = true;
      setImmediate(this.release);
    }
  };
}
