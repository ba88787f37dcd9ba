import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

for (const processes of ['1', '2']) {
  test(`meridian serve (${processes} web process${processes === '1' ? '' : 'es'}) starts on SQLite under the data dir, answers, and stops cleanly on SIGTERM`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-serve-'));
    const child = spawn(process.execPath, ['bin/meridian', 'serve'], {
      env: {
        ...process.env,
        MERIDIAN_DATA_DIR: dir,
        PORT: '0',
        LOG_LEVEL: 'warn',
        MERIDIAN_PIPELINE: 'false',
        MERIDIAN_WEB_PROCESSES: processes,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      let err = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start-up line: ${err}`)), 30_000);
        child.stderr.on('data', (chunk: Buffer) => {
          err += chunk.toString();
          const m = /Meridian is running at (http:\/\/\S+)/.exec(err);
          if (m) {
            clearTimeout(timer);
            resolve(m[1] as string);
          }
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
      });
      for (let i = 0; i < 4; i++) {
        const health = (await (await fetch(`${url}/healthz`)).json()) as { status: string; database: string };
        assert.deepEqual([health.status, health.database], ['ok', 'sqlite']);
      }
      const countries = (await (await fetch(`${url}/api/countries`)).json()) as {
        countries: Array<{ code: string; outlets: number }>;
      };
      assert.ok(
        (countries.countries.find((c) => c.code === 'TW')?.outlets ?? 0) >= 1,
        'the catalog was written to the store',
      );
      const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      assert.equal(await exit, 0, 'a graceful stop exits 0');
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
