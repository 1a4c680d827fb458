// CPU time used by processes (Linux /proc), for the server bench's "CPU per request" columns: a
// figure the machine's other load barely moves, unlike throughput on a shared machine.
import {readFile} from 'node:fs/promises';

/** CLK_TCK: /proc counts CPU time in these (100 a second on Linux everywhere in practice). */
const TICKS_PER_SECOND = 100;

async function stat(pid) {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name, which is in parentheses and may contain spaces.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

async function children(pid) {
  try {
    const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8');
    return text.trim() ? text.trim().split(/\s+/).map(Number) : [];
  } catch {
    return [];
  }
}

/**
 * Seconds of CPU (user + system) used by `pid`, its live children (e.g. node:cluster workers,
 * PostgreSQL backends) and the children it has reaped; null when /proc cannot tell.
 */
export async function cpuSeconds(pid) {
  const own = await stat(pid);
  if (!own) return null;
  // Fields 14-17 of stat (0-based 11-14 here): utime, stime, cutime, cstime.
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const child of await children(pid)) {
    const s = await stat(child);
    if (s) ticks += Number(s[11]) + Number(s[12]);
  }
  return ticks / TICKS_PER_SECOND;
}

/** The summed `cpuSeconds` of several processes; null when any is unknown. */
export async function totalCpuSeconds(pids) {
  let total = 0;
  for (const pid of pids) {
    const s = await cpuSeconds(pid);
    if (s === null) return null;
    total += s;
  }
  return total;
}
