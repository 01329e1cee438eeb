// The memory a process holds, read from /proc (Linux), for benchmarks that watch processes
// they started: a gateway's or a subgraph's resident set, not the load generator's.
import { readFileSync } from 'node:fs';

/** Resident set size (VmRSS) of process pid, in bytes. */
export function processRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`/proc/${pid}/status has no VmRSS line (a kernel thread, or a process that is exiting)`);
  return Number(match[1]) * 1024;
}
