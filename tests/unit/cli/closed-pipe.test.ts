import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newProject, cleanup } from '../dataset/helpers.js';

afterAll(cleanup);

const SER = path.resolve('bin/ser.js');

/** Runs `ser` with its stdout's reader gone before it writes (`ser ... | head -0`). */
function serIntoClosedPipe(...args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stderr }));
  });
}

describe('a closed stdout pipe', () => {
  it('ends `ser stats --agreement | head -1` quietly: no stack trace, no error status', async () => {
    const project = newProject();
    project.close();
    const { code, stderr } = await serIntoClosedPipe('stats', '--agreement', '--project', project.dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 60_000);
});
