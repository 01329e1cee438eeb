// Text placed into HTML that Atrium writes itself (the account and sign-in pages, the
// playground, mail, the development mail page): one escaping rule for all of them.

/** Text as HTML text or a quoted attribute value: & < > " ' become character references. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** JSON inside <script type="application/json">: `<` escaped so nothing can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c');
}
