// The CPU time a process has used, read from /proc (Linux), for benchmarks that measure
// processes they started: a gateway's or a subgraph's CPU, not the load generator's.
import { readFileSync } from 'node:fs';

/** CPU time (user + system) process pid has used, in milliseconds. */
export function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // Fields 14 and 15 of stat (utime, stime), counted after the command name; clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
