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

/**
 * A command as `meridian --help` lists it. The module behind it is loaded only when the command
 * runs, so one command never pays for another's dependencies (language models, clients).
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<Command>;
}
