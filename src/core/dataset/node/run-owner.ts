import fs from 'node:fs';
import os from 'node:os';

/**
 * The process that owns a running run: its pid, the machine, and when the process started (so a pid the
 * OS has since given to another program is not mistaken for the owner).
 */
export interface RunOwner {
  pid: number;
  host: string;
  /** `linux:<ticks since boot>` from /proc, else `ms:<epoch ms>` (only comparable for this process). */
  started: string;
}

function linuxStartTicks(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = fields[19]; // field 22 of the whole line
    return ticks && /^\d+$/.test(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

function startedToken(pid: number): string | undefined {
  const ticks = process.platform === 'linux' ? linuxStartTicks(pid) : undefined;
  if (ticks !== undefined) return `linux:${ticks}`;
  return pid === process.pid ? `ms:${Math.round(Date.now() - process.uptime() * 1000)}` : undefined;
}

let self: RunOwner | undefined;

export function currentOwner(): RunOwner {
  self ??= { pid: process.pid, host: os.hostname(), started: startedToken(process.pid) ?? 'unknown' };
  return self;
}

export function parseOwner(text: string | null): RunOwner | null {
  if (text === null) return null;
  try {
    const v = JSON.parse(text) as Partial<RunOwner>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.started === 'string')
      return { pid: v.pid, host: v.host, started: v.started };
  } catch {
    // a damaged owner is treated like a missing one
  }
  return null;
}

/**
 * 'alive', 'gone', or 'unknown' when this machine cannot tell (the run was started on another host that
 * shares the project folder). A process of another user still counts as alive.
 */
export function ownerState(owner: RunOwner): 'alive' | 'gone' | 'unknown' {
  if (owner.host !== os.hostname()) return 'unknown';
  const me = currentOwner();
  if (owner.pid === me.pid) return owner.started === me.started ? 'alive' : 'gone';
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return 'gone';
  }
  if (owner.started.startsWith('linux:')) {
    const now = startedToken(owner.pid);
    if (now !== undefined && now !== owner.started) return 'gone';
  }
  return 'alive';
}
