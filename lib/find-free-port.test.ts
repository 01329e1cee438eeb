// findFreePort: a port below the kernel's ephemeral range (where outgoing connections never
// take it before the server that was told it binds it), free when picked.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { expect, it } from 'vitest';
import { findFreePort } from './database.js';

it('picks a free port below the ephemeral range', async () => {
  const ephemeralStart = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  const ports = new Set<number>();
  for (let pick = 0; pick < 5; pick += 1) {
    const port = await findFreePort('127.0.0.1');
    expect(port).toBeGreaterThanOrEqual(20_000);
    expect(port).toBeLessThan(ephemeralStart);
    ports.add(port);
    // Free: a server can listen on it.
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  }
  // Random, not a fixed port.
  expect(ports.size).toBeGreaterThan(1);
});
