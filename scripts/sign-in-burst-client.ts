// The attacker of `npm run bench:sign-in`, in a process of its own: bench-sign-in.ts starts
// it under `nice -n 19`, so that on a machine shared with the servers the attacker's own
// client work (opening 200 connections, reading 200 answers) takes CPU from the servers
// only when they leave it idle, as an attacker on another machine would. Each line on
// stdin, {"address","count"}, fires `count` sign-ins with unknown emails at once from that
// client address (X-Forwarded-For, through the gateway's trusted loopback proxy); it
// answers {"sent":true} once every request is under way, then {"ms","answers"} when all
// are answered.
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { signIn } from './sign-in-call.js';

const url = process.argv[2];

async function unknownEmailSignIn(address: string): Promise<string> {
  try {
    const { status, code } = await signIn(url, `nobody-${randomBytes(6).toString('hex')}@example.com`, 'not-the-password', address);
    return `${status} ${code}`;
  } catch {
    return 'NETWORK_ERROR';
  }
}

for await (const line of createInterface({ input: process.stdin })) {
  const { address, count } = JSON.parse(line) as { address: string; count: number };
  const started = performance.now();
  const all = Array.from({ length: count }, () => unknownEmailSignIn(address));
  process.stdout.write(`${JSON.stringify({ sent: true })}\n`);
  const answers: Record<string, number> = {};
  for (const answer of await Promise.all(all)) answers[answer] = (answers[answer] ?? 0) + 1;
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, answers })}\n`);
}
