// A new secret, shown once: after creating or rotating a key. Copy puts it on the clipboard;
// Done drops it from the page's state (and so from the DOM) for good.
import { useEffect, useRef, useState } from 'react';

export interface RevealedSecret {
  /** What happened: "Token created", "Token rotated". */
  readonly title: string;
  /** The key's description. */
  readonly description: string;
  readonly secret: string;
  /** A sentence after the warning (a rotation's grace period). */
  readonly note?: string;
}

export function SecretPanel({ revealed, onDismiss }: { revealed: RevealedSecret; onDismiss: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  // The panel takes the focus when it appears, so keyboard and screen-reader users land on it.
  useEffect(() => heading.current?.focus(), []);

  async function copySecret() {
    try {
      await navigator.clipboard.writeText(revealed.secret);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  }

  return (
    <section className="tokens-secret" aria-labelledby="tokens-secret-title">
      <h2 id="tokens-secret-title" tabIndex={-1} ref={heading}>
        {revealed.title}: {revealed.description}
      </h2>
      <p className="tokens-secret-warning">
        <strong>You will not see this secret again.</strong> Copy it now and store it somewhere safe (a secret manager); Atrium keeps only its hash.
      </p>
      {revealed.note && <p>{revealed.note}</p>}
      <p className="tokens-secret-label">
        Secret (send it as the <code>x-api-key</code> header)
      </p>
      <code className="tokens-secret-value" data-testid="token-secret">
        {revealed.secret}
      </code>
      <div className="tokens-secret-actions">
        <button type="button" className="primary" onClick={() => void copySecret()}>
          Copy secret
        </button>
        <button type="button" onClick={onDismiss}>
          Done, I stored it
        </button>
        <span role="status" aria-live="polite" className="tokens-copy-status">
          {copy === 'copied' && 'Copied'}
          {copy === 'failed' && 'Copying failed: select the secret and copy it yourself.'}
        </span>
      </div>
    </section>
  );
}
