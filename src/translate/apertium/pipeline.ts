import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { ProviderUnavailableError } from '../errors.ts';

/**
 * Long-lived Apertium pipelines in null-flush mode. Started once, a pipeline's dozen processes
 * keep their dictionaries and transfer rules loaded; each input ends with a NUL byte, which every
 * stage passes on after flushing what it has, so the answer to an input is everything up to the
 * next NUL on stdout. Inputs are written as they come (up to `depth` in flight per pipeline) so
 * all stages work at once; answers come back in order.
 *
 * A pipeline that exits, or stops producing output for `timeoutMs` while it owes answers, is
 * killed (its whole process group) and replaced; the inputs it owed go to the new one, each
 * answered exactly once. An input that brought down `maxRestarts` pipelines in a row fails.
 */
export interface PipelineCommand {
  command: string;
  args: string[];
  /** Added to the environment. */
  env?: Record<string, string>;
}

export interface PipelinePoolOptions {
  /** How to start one pipeline of a mode (spa-eng). */
  commandFor(mode: string): PipelineCommand;
  /** Pipelines per mode. */
  size: number;
  /** Inputs written to one pipeline before its earlier answers arrive. */
  depth?: number;
  /** Longest silence of a pipeline that owes an answer. */
  timeoutMs: number;
  /** Times one input may be retried after the pipeline carrying it failed. */
  maxRestarts?: number;
  maxOutputBytes?: number;
}

interface Pending {
  input: string;
  resolve(output: string): void;
  reject(err: Error): void;
  failures: number;
}

const NUL = 0;

/** One running pipeline and the answers it owes, oldest first. */
class Pipeline {
  readonly owed: Pending[] = [];
  private child: ChildProcessWithoutNullStreams;
  private chunks: Buffer[] = [];
  private size = 0;
  private stderr = '';
  private watchdog?: NodeJS.Timeout;
  dead = false;

  constructor(
    private readonly mode: string,
    cmd: PipelineCommand,
    private readonly options: PipelinePoolOptions,
    private readonly events: { answered(): void; died(pipeline: Pipeline, reason: string): void },
  ) {
    // Own process group, so a hung pipeline is killed with all of its stages.
    this.child = spawn(cmd.command, cmd.args, {
      stdio: 'pipe',
      detached: true,
      env: { ...process.env, ...cmd.env },
    });
    this.child.stdout.on('data', (chunk: Buffer) => this.read(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < 2000) this.stderr += chunk.toString('utf8');
    });
    this.child.stdin.on('error', () => {}); // EPIPE when it died: 'exit' reports it
    this.child.on('error', (err) => this.die(`could not run: ${err.message}`));
    this.child.on('exit', (code, signal) => this.die(`exited (${signal ?? code})`));
    this.idleRef(false);
  }

  get load(): number {
    return this.owed.length;
  }

  send(p: Pending): void {
    this.owed.push(p);
    this.idleRef(true);
    this.arm();
    this.child.stdin.write(`${p.input}\0`);
  }

  private read(chunk: Buffer): void {
    this.arm();
    let answered = false;
    let start = 0;
    for (let at = chunk.indexOf(NUL); at !== -1; at = chunk.indexOf(NUL, start)) {
      this.chunks.push(chunk.subarray(start, at));
      start = at + 1;
      const output = Buffer.concat(this.chunks).toString('utf8');
      this.chunks = [];
      this.size = 0;
      // NULs past the ones owed come only at the end of input; nobody waits for them.
      this.owed.shift()?.resolve(output);
      answered = true;
    }
    if (start < chunk.length) {
      this.chunks.push(chunk.subarray(start));
      this.size += chunk.length - start;
      if (this.size > (this.options.maxOutputBytes ?? 32 * 1024 * 1024)) this.kill('output too large');
    }
    if (this.owed.length === 0) {
      this.disarm();
      this.idleRef(false);
    }
    if (answered) this.events.answered();
  }

  private arm(): void {
    this.disarm();
    if (this.owed.length === 0) return;
    this.watchdog = setTimeout(() => this.kill(`no output for ${this.options.timeoutMs} ms`), this.options.timeoutMs);
  }

  private disarm(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = undefined;
  }

  /** An idle pipeline does not keep the process alive; one that owes answers does. */
  private idleRef(busy: boolean): void {
    const handles: Array<{ ref(): unknown; unref(): unknown }> = [this.child];
    for (const s of [this.child.stdout, this.child.stderr, this.child.stdin] as unknown[]) {
      if (s && typeof (s as { unref?: unknown }).unref === 'function') handles.push(s as (typeof handles)[number]);
    }
    for (const h of handles) {
      if (busy) h.ref();
      else h.unref();
    }
  }

  kill(reason: string): void {
    if (this.dead) return;
    try {
      if (this.child.pid) process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      this.child.kill('SIGKILL');
    }
    this.die(reason);
  }

  private die(reason: string): void {
    if (this.dead) return;
    this.dead = true;
    this.disarm();
    this.idleRef(false);
    const detail = this.stderr.trim().slice(0, 300);
    this.events.died(this, `apertium ${this.mode} pipeline ${reason}${detail ? `: ${detail}` : ''}`);
  }

  close(): void {
    this.disarm();
    this.child.stdin.end();
    this.idleRef(false);
  }
}

export class PipelinePool {
  private readonly pipelines = new Map<string, Pipeline[]>();
  /** Inputs waiting for room in a pipeline, per mode. */
  private readonly waiting = new Map<string, Pending[]>();
  /** Pipelines started since the pool was made, and how many replaced a failed one. */
  started = 0;
  restarts = 0;

  constructor(private readonly options: PipelinePoolOptions) {}

  /** The pipeline's answer to one input (a NUL in the input would cut it in two, so it is a space). */
  run(mode: string, input: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.dispatch(mode, { input: input.replaceAll('\0', ' '), resolve, reject, failures: 0 });
    });
  }

  private dispatch(mode: string, p: Pending): void {
    const queue = this.waiting.get(mode) ?? [];
    this.waiting.set(mode, queue);
    queue.push(p);
    this.drain(mode);
  }

  /** Hands waiting inputs to the least loaded pipelines, starting new ones up to `size`. */
  private drain(mode: string): void {
    const queue = this.waiting.get(mode) ?? [];
    const depth = this.options.depth ?? 4;
    while (queue.length > 0) {
      const live = (this.pipelines.get(mode) ?? []).filter((p) => !p.dead);
      this.pipelines.set(mode, live);
      const least = live.reduce<Pipeline | undefined>((a, b) => (a && a.load <= b.load ? a : b), undefined);
      let target: Pipeline | undefined;
      if (least && least.load === 0) target = least;
      else if (live.length < this.options.size) target = this.start(mode, live);
      else if (least && least.load < depth) target = least;
      if (!target) return; // every pipeline is full: an answer will drain again
      const next = queue.shift();
      if (next) target.send(next);
    }
  }

  private start(mode: string, live: Pipeline[]): Pipeline {
    const pipeline = new Pipeline(mode, this.options.commandFor(mode), this.options, {
      answered: () => this.drain(mode),
      died: (dead, reason) => this.onDeath(mode, dead, reason),
    });
    live.push(pipeline);
    this.started++;
    return pipeline;
  }

  private onDeath(mode: string, dead: Pipeline, reason: string): void {
    const owed = dead.owed.splice(0);
    if (owed.length === 0) return;
    this.restarts++;
    // The input at the head was being worked on when it died: it is the suspect. The others
    // had not been reached and go again without a mark, ahead of inputs that came later.
    const [head, ...rest] = owed;
    const again: Pending[] = [];
    if (head) {
      head.failures++;
      if (head.failures > (this.options.maxRestarts ?? 2))
        head.reject(new ProviderUnavailableError(reason, 'apertium'));
      else again.push(head);
    }
    again.push(...rest);
    const queue = this.waiting.get(mode) ?? [];
    this.waiting.set(mode, [...again, ...queue]);
    this.drain(mode);
  }

  /** Ends every pipeline's input; inputs still waiting are refused. */
  async close(): Promise<void> {
    for (const list of this.pipelines.values()) for (const p of list) p.close();
    this.pipelines.clear();
    for (const queue of this.waiting.values())
      for (const p of queue.splice(0)) p.reject(new ProviderUnavailableError('apertium was closed', 'apertium'));
  }
}
