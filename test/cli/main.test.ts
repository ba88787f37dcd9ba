import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { commands } from '../../src/cli/commands.ts';
import { runCli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'meridian-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('meridian CLI', () => {
  test('--help lists every command with a line each', async () => {
    const { code, out } = await runCli(['--help']);
    assert.equal(code, 0);
    for (const c of commands)
      assert.match(out, new RegExp(`\\n  ${c.name}\\s+${c.summary.slice(0, 20).replace(/[()[\]]/g, '\\$&')}`));
  });

  test('every command answers --help with its usage', async () => {
    for (const c of commands) {
      assert.equal((await c.load()).name, c.name, 'the registry and the module agree on the name');
      const { code, out } = await runCli([...c.name.split(' '), '--help']);
      assert.equal(code, 0, c.name);
      assert.match(out, new RegExp(`Usage: meridian ${c.name}`), c.name);
    }
  });

  test('an unknown command is one clear line and exit 2', async () => {
    const { code, err } = await runCli(['fly']);
    assert.equal(code, 2);
    assert.match(err, /unknown command "fly"/);
  });

  test('config prints effective settings and masks secrets', async () => {
    const { code, out } = await runCli(['config'], { PORT: '3100', DATABASE_URL: 'postgres://u:pw@h/db' });
    assert.equal(code, 0);
    assert.match(out, /^PORT=3100$/m);
    assert.match(out, /^DATABASE_URL=\*\*\*\*\*\*\*\*$/m);
    assert.match(out, /^MERIDIAN_DATA_DIR=\.\/data {2}\(default\)$/m);
  });

  test('a bad setting stops a command with a message naming it', async () => {
    const { code, err } = await runCli(['db', 'migrate'], { PORT: 'x' });
    assert.equal(code, 2);
    assert.match(err, /Invalid value for PORT: "x"\. Expected an integer/);
  });

  test('db migrate creates the schema under the data dir, then reports it up to date', async () => {
    const env = { MERIDIAN_DATA_DIR: join(dir, 'data') };
    const first = await runCli(['db', 'migrate'], env);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /Applied 001-initial/);
    const second = await runCli(['db', 'migrate'], env);
    assert.match(second.out, /is up to date/);
  });

  test('a corrupt database gives a clear message, not a stack trace', async () => {
    const data = join(dir, 'corrupt');
    await runCli(['db', 'migrate'], { MERIDIAN_DATA_DIR: data });
    writeFileSync(join(data, 'meridian.db'), 'garbage'.repeat(1000));
    const { code, err } = await runCli(['db', 'migrate'], { MERIDIAN_DATA_DIR: data });
    assert.equal(code, 2);
    assert.match(err, /corrupt or not a SQLite database/);
    assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
  });

  test('./bin/meridian runs from a checkout', async () => {
    const { stdout } = await promisify(execFile)('./bin/meridian', ['--help']);
    assert.match(stdout, /Usage: meridian <command>/);
  });
});
