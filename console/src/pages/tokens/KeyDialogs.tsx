// The confirmations of the key tables, as modal <dialog>s (focus kept inside, Escape
// cancels, focus back where it was): rotate with a grace period, revoke naming the key.
import { useLayoutEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { describeError } from '../../api';
import type { TokensKeyFieldsFragment } from '../../gql/graphql';
import { DEFAULT_GRACE_SECONDS, GRACE_CHOICES } from './expiry';

function Modal({ titleId, onClose, children }: { titleId: string; onClose: () => void; children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useLayoutEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element?.showModal();
    return () => {
      element?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape: let React unmount the dialog, so its state goes with it.
        event.preventDefault();
        onClose();
      }}
    >
      {children}
    </dialog>
  );
}

/** "“CI deploys” (atk_4fQx…9Zb1)": how a dialog names a key. */
function KeyName({ apiKey }: { apiKey: TokensKeyFieldsFragment }) {
  return (
    <>
      <strong>“{apiKey.description}”</strong> (<code>{apiKey.hint}</code>)
    </>
  );
}

interface KeyDialogProps {
  readonly apiKey: TokensKeyFieldsFragment;
  readonly onClose: () => void;
}

export function RotateDialog({ apiKey, onClose, onRotate }: KeyDialogProps & { onRotate: (gracePeriod: number) => Promise<void> }) {
  const [grace, setGrace] = useState(DEFAULT_GRACE_SECONDS);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await onRotate(grace);
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  }

  return (
    <Modal titleId="tokens-rotate-title" onClose={onClose}>
      <form onSubmit={(event) => void submit(event)} className="tokens-dialog">
        <h2 id="tokens-rotate-title">Rotate token</h2>
        <p>
          <KeyName apiKey={apiKey} /> gets a new secret, shown once. Its scopes, workspaces and expiry stay the same.
        </p>
        <fieldset>
          <legend>How long the old secret keeps working</legend>
          {GRACE_CHOICES.map((choice) => (
            <label key={choice.seconds} className="tokens-check">
              <input type="radio" name="grace" value={choice.seconds} checked={grace === choice.seconds} onChange={() => setGrace(choice.seconds)} />
              <span>{choice.label}</span>
            </label>
          ))}
        </fieldset>
        {failure !== null && (
          <div className="notice notice-error" role="alert">
            <p>{describeError(failure)}</p>
          </div>
        )}
        <div className="tokens-form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Rotating…' : 'Rotate'}
          </button>
          <button type="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function RevokeDialog({ apiKey, onClose, onRevoke }: KeyDialogProps & { onRevoke: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  async function revoke() {
    setBusy(true);
    setFailure(null);
    try {
      await onRevoke();
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  }

  return (
    <Modal titleId="tokens-revoke-title" onClose={onClose}>
      <div className="tokens-dialog">
        <h2 id="tokens-revoke-title">Revoke token?</h2>
        <p>
          <KeyName apiKey={apiKey} /> stops working at once, everywhere. This cannot be undone: whatever uses it needs a new token.
        </p>
        {failure !== null && (
          <div className="notice notice-error" role="alert">
            <p>{describeError(failure)}</p>
          </div>
        )}
        <div className="tokens-form-actions">
          <button type="button" className="danger" disabled={busy} onClick={() => void revoke()}>
            {busy ? 'Revoking…' : 'Revoke token'}
          </button>
          <button type="button" onClick={onClose} disabled={busy} autoFocus>
            Cancel
          </button>
        </div>
      </div>
    </Modal>
  );
}
