import '../config/all-settings.ts';
import { Config, ConfigError } from '../config/config.ts';
import { type Level, setLogLevel } from '../config/log.ts';
import { StoreError } from '../store/errors.ts';
import { type CommandContext, type CommandEntry, type Io, UserError } from './command.ts';
import { commands } from './commands.ts';

const USAGE = 'Usage: meridian <command> [options]\n       meridian <command> --help';

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Meridian: the world's news, in English, grouped into stories.\n\n${USAGE}\n\nCommands:\n${lines.join('\n')}\n`;
}

/** Finds the longest command name that prefixes argv (`sources list` before `sources`). */
function findCommand(argv: string[]): { command: CommandEntry; rest: string[] } | undefined {
  let best: { command: CommandEntry; rest: string[] } | undefined;
  for (const command of commands) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w) && (!best || words.length > best.command.name.split(' ').length)) {
      best = { command, rest: argv.slice(words.length) };
    }
  }
  return best;
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  tty: Boolean(process.stderr.isTTY),
};

/** Runs the CLI and returns the exit code. Every expected failure is one clear line on stderr. */
export async function run(argv: string[], io: Io = defaultIo, env = process.env): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(helpText());
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    const group = commands.filter((c) => c.name.startsWith(`${argv[0]} `));
    if (group.length > 0) {
      io.err(`meridian ${argv[0]}: choose one of:\n${group.map((c) => `  ${c.name}  ${c.summary}`).join('\n')}\n`);
    } else {
      io.err(`meridian: unknown command "${argv[0]}". Run "meridian --help" for the list.\n`);
    }
    return 2;
  }
  const command = await found.command.load();
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    io.out(`${command.help.trimEnd()}\n`);
    return 0;
  }
  let config: Config | undefined;
  const ctx: CommandContext = {
    io,
    config: () => {
      if (!config) {
        config = Config.load(env);
        setLogLevel(config.string('LOG_LEVEL') as Level);
      }
      return config;
    },
  };
  try {
    return await command.run(found.rest, ctx);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof UserError || err instanceof StoreError) {
      io.err(`meridian ${found.command.name}: ${err.message}\n`);
      return err instanceof UserError ? err.exitCode : 2;
    }
    if (err instanceof Error && (err as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      io.err(`meridian ${found.command.name}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
