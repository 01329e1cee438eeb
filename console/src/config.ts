// What the gateway writes into the page it serves (gateway/console.ts): the OpenID providers
// to offer, and whether the browser sent a session cookie (so the console asks who is signed
// in only when someone may be). Nothing secret: the cookie itself is HttpOnly.
export interface ConsoleConfig {
  readonly oidcProviders: readonly { readonly id: string; readonly label: string }[];
  readonly sessionCookie: boolean;
  /** How long request logs and audit events are kept (RETENTION_DAYS). */
  readonly retentionDays: number;
}

const DEFAULTS: ConsoleConfig = { oidcProviders: [], sessionCookie: false, retentionDays: 90 };

function read(): ConsoleConfig {
  const element = document.getElementById('console-config');
  if (!element?.textContent) return DEFAULTS;
  try {
    return { ...DEFAULTS, ...(JSON.parse(element.textContent) as Partial<ConsoleConfig>) };
  } catch {
    return DEFAULTS;
  }
}

export const CONFIG: ConsoleConfig = read();
