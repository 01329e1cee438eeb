// The development page of the local mail sink (`npm start` without SMTP_URL): every caught
// message, newest first, its links clickable. Read-only, loopback, escaped: a subject or
// body is whatever someone typed into a name field.
import type { RunningServer } from '../http-server.js';
import { listen, requestPath, sendJson } from '../http-server.js';
import type { CaughtMail, MailSink } from './sink.js';
import { escapeHtml } from '../html.js';

function linkify(text: string): string {
  // Split on links in the raw text, then escape each piece: a link's & stays one character.
  return text
    .split(/(https?:\/\/[^\s<>"')]+)/)
    .map((piece, index) => (index % 2 === 1 ? `<a href="${escapeHtml(piece)}">${escapeHtml(piece)}</a>` : escapeHtml(piece)))
    .join('');
}

function renderMessage(mail: CaughtMail): string {
  return `<article>
  <h2>${escapeHtml(mail.subject)}</h2>
  <p class="meta">#${mail.id} · to ${escapeHtml(mail.to.join(', '))} · from ${escapeHtml(mail.from)} · <time datetime="${mail.receivedAt.toISOString()}">${mail.receivedAt.toISOString()}</time></p>
  <pre>${linkify(mail.text)}</pre>
</article>`;
}

export function renderSinkPage(messages: readonly CaughtMail[]): string {
  const body = messages.length === 0 ? '<p>No mail yet. Register, reset a password or invite someone, and the message shows here.</p>' : [...messages].reverse().map(renderMessage).join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Atrium mail (development)</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}article{border-top:1px solid #ccc;padding:.5rem 0}.meta{color:#555;font-size:.9rem}pre{white-space:pre-wrap}</style></head>
<body><h1>Mail caught by the development sink</h1><p>Nothing here was delivered: set SMTP_URL to send mail for real. Reload to see new messages.</p>
${body}
</body></html>`;
}

/** Serves the page (GET /) and the messages as JSON (GET /messages). */
export function startMailSinkPage(sink: MailSink, options: { port: number; host: string }): Promise<RunningServer> {
  return listen({
    port: options.port,
    host: options.host,
    handler: async (request, response) => {
      const path = requestPath(request);
      if (request.method !== 'GET') return sendJson(response, 405, { error: 'GET only' }, { allow: 'GET' });
      if (path === '/messages') return sendJson(response, 200, { messages: sink.messages() });
      if (path !== '/') return sendJson(response, 404, { error: 'not found' });
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
      response.end(renderSinkPage(sink.messages()));
    },
  });
}
