// Mail templates (lib/mail/templates/<name>.txt and .html, read from the repository root so
// the compiled dist/ finds them too). A value is required for every {{placeholder}}: a
// template naming a value nobody passes fails loudly at render time, not as a "{{link}}"
// in someone's inbox. Values are escaped in HTML; plain text takes them as they are.
import { readFileSync } from 'node:fs';
import { repositoryPath } from '../paths.js';
import { escapeHtml } from '../html.js';

/** Every template; each has a .txt (first line `Subject: …`) and an .html file. */

export const MAIL_TEMPLATES = ['verify-email', 'change-email', 'email-changed', 'password-reset', 'invitation'] as const;

export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const PLACEHOLDER = /\{\{\s*([a-zA-Z][a-zA-Z0-9]*)\s*\}\}/g;

const cache = new Map<MailTemplate, { subject: string; text: string; html: string }>();

function load(template: MailTemplate): { subject: string; text: string; html: string } {
  let loaded = cache.get(template);
  if (!loaded) {
    const text = readFileSync(repositoryPath(`lib/mail/templates/${template}.txt`), 'utf8');
    const html = readFileSync(repositoryPath(`lib/mail/templates/${template}.html`), 'utf8');
    const [first, ...rest] = text.split('\n');
    if (!first.startsWith('Subject: ')) throw new Error(`lib/mail/templates/${template}.txt: the first line must be "Subject: …"`);
    loaded = { subject: first.slice('Subject: '.length).trim(), text: rest.join('\n'), html };
    cache.set(template, loaded);
  }
  return loaded;
}

function fill(source: string, values: Readonly<Record<string, string>>, template: MailTemplate, escape: (value: string) => string): string {
  return source.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`mail template ${template} needs a value for {{${name}}}`);
    return escape(value);
  });
}

/** The placeholders a template uses (text, subject and HTML together). */
export function templatePlaceholders(template: MailTemplate): string[] {
  const { subject, text, html } = load(template);
  return [...new Set([...`${subject}\n${text}\n${html}`.matchAll(PLACEHOLDER)].map((match) => match[1]))].sort();
}

export function renderMail(template: MailTemplate, values: Readonly<Record<string, string>>): RenderedMail {
  const loaded = load(template);
  // A subject is one line whatever a value holds (a display name with a newline would add a header otherwise).
  const oneLine = (value: string) => value.replace(/[\r\n]+/g, ' ');
  return { subject: fill(loaded.subject, values, template, oneLine), text: fill(loaded.text, values, template, (value) => value), html: fill(loaded.html, values, template, escapeHtml) };
}

/** "24 hours", "1 hour", "7 days", "30 minutes": how a mail says how long its link works. */
export function describeDuration(milliseconds: number): string {
  const minutes = Math.round(milliseconds / 60_000);
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (minutes % (24 * 60) === 0) return plural(minutes / (24 * 60), 'day');
  if (minutes % 60 === 0) return plural(minutes / 60, 'hour');
  return plural(minutes, 'minute');
}
