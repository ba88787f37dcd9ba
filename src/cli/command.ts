import type { Config } from '../config/config.ts';

/** Output streams a command writes to; tests pass their own. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether stderr is a terminal (progress bars draw only there). */
  tty: boolean;
}

export interface CommandContext {
  config: () => Config;
  io: Io;
}

export interface Command {
  /** As typed: `sources list`, `db migrate`. */
  name: string;
  summary: string;
  /** Full help text printed by `--help`: usage line, then options. */
  help: string;
  run(args: string[], ctx: CommandContext): Promise<number>;
}

/** An error the user can fix: printed as one line, no stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
