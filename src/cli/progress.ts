import type { Io } from './command.ts';

/**
 * A progress bar on stderr: redrawn in place on a terminal, and on anything else (CI logs, files)
 * a plain line at most every few seconds, so logs stay readable.
 */
export class Progress {
  private done = 0;
  private lastLine = 0;
  private readonly started = Date.now();

  constructor(
    private readonly io: Io,
    private readonly label: string,
    private total: number,
  ) {}

  setTotal(total: number): void {
    this.total = total;
  }

  tick(n = 1, note = ''): void {
    this.update(this.done + n, note);
  }

  update(done: number, note = ''): void {
    this.done = done;
    const now = Date.now();
    if (!this.io.tty && now - this.lastLine < 2000 && done < this.total) return;
    this.lastLine = now;
    const ratio = this.total > 0 ? Math.min(1, done / this.total) : 0;
    const width = 28;
    const filled = Math.round(ratio * width);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    const line =
      `${this.label} ${bar} ${done}/${this.total} ${((now - this.started) / 1000).toFixed(0)}s ${note}`.trimEnd();
    this.io.err(this.io.tty ? `\r\x1b[2K${line}` : `${line}\n`);
  }

  finish(summary: string): void {
    this.io.err(`${this.io.tty ? '\r\x1b[2K' : ''}${summary}\n`);
  }
}
