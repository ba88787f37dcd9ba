/**
 * Structured logs: one JSON object per line on stderr, so stdout stays clean for commands that
 * print data (`meridian extract`, `sources list --json`). Secrets never reach here: callers log
 * ids and URLs, not settings.
 */
export type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

let threshold: number = RANK[(process.env.LOG_LEVEL as Level) ?? 'info'] ?? RANK.info;
let sink: (line: string) => void = (line) => process.stderr.write(`${line}\n`);

export function setLogLevel(level: Level): void {
  threshold = RANK[level];
}

/**
 * Redirects log lines (tests capture them), at every level unless told otherwise, so what a test
 * asserts on does not depend on LOG_LEVEL. Returns a function that restores the previous sink.
 */
export function setLogSink(fn: (line: string) => void, level: Level = 'debug'): () => void {
  const previous = { sink, threshold };
  sink = fn;
  threshold = RANK[level];
  return () => {
    sink = previous.sink;
    threshold = previous.threshold;
  };
}

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function logger(component: string): Logger {
  const write = (level: Level, msg: string, fields?: Record<string, unknown>) => {
    if (RANK[level] < threshold) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level, component, msg, ...fields };
    if (fields?.err instanceof Error) entry.err = fields.err.message;
    sink(JSON.stringify(entry));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}
