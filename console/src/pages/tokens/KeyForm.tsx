// The form of a new key: description, lifetime, scopes, for a user key the workspaces it
// may act in, and the client name its requests are counted under in schema usage. It checks what it can before sending (saying what to fix, beside the
// field), then shows the API's own field problems the same way.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, describeError } from '../../api';
import type { KeyExpiry, Scope } from '../../gql/graphql';
import type { WorkspaceSummary } from '../../session';
import { DEFAULT_EXPIRY, EXPIRY_CHOICES } from './expiry';
import { ScopeGrid } from './ScopeGrid';
import { NO_SCOPES, chosenScopes, type OfferedScopes, type ScopeChoice } from '../../scopes';

export interface NewKey {
  readonly description: string;
  readonly expiresIn: KeyExpiry;
  readonly scopes: Scope[];
  /** A user key's workspaces; empty for a workspace key. */
  readonly workspaceIds: string[];
  /** ApiKey.client, trimmed; null when left empty. Its rules are the API's (lib/client-name.ts): a wrong one comes back as a field problem. */
  readonly client: string | null;
}

type Field = 'description' | 'expiresIn' | 'scopes' | 'workspaceIds' | 'client';
const FIELDS: readonly Field[] = ['description', 'expiresIn', 'scopes', 'workspaceIds', 'client'];
type Problems = Partial<Record<Field, string>>;

interface KeyFormProps {
  /** Prefix of the ids inside (two forms may be on the page). */
  readonly idPrefix: string;
  readonly title: string;
  readonly submitLabel: string;
  readonly offered: OfferedScopes;
  /** A user key's choice of workspaces; absent for a workspace key (it is the current one's). */
  readonly workspaces?: { readonly all: readonly WorkspaceSummary[]; readonly preselected: string | null };
  readonly onSubmit: (key: NewKey) => Promise<void>;
  readonly onCancel: () => void;
}

const DESCRIPTION_MAX = 200;

/** How the API's reasons read as sentences: "The scopes exceed your permissions in “Beta”: items:delete." */
const FIELD_SUBJECTS: Record<Field, string> = { description: 'The description ', expiresIn: 'The expiration ', scopes: 'The scopes ', workspaceIds: 'Workspace ', client: 'The client name ' };
const FIELD_ADVICE: Record<Field, string> = {
  description: '.',
  expiresIn: ': choose a shorter one.',
  scopes: ': untick what you do not hold there, or leave that workspace out.',
  workspaceIds: ': untick it.',
  client: '.',
};

/** The API's field problems (`extensions.fieldErrors`), workspace ids replaced by their names. */
function problemsFrom(error: unknown, workspaces: readonly WorkspaceSummary[]): Problems | null {
  if (!(error instanceof ApiError)) return null;
  const fieldErrors = error.errors[0]?.extensions?.fieldErrors;
  if (!Array.isArray(fieldErrors)) return null;
  const problems: Problems = {};
  for (const problem of fieldErrors as { field?: unknown; reason?: unknown }[]) {
    const field = problem.field as Field;
    if (!FIELDS.includes(field) || typeof problem.reason !== 'string') return null;
    const reason = workspaces.reduce((text, workspace) => text.replaceAll(workspace.id, `“${workspace.name}”`), problem.reason);
    const sentence = `${FIELD_SUBJECTS[field]}${reason}${FIELD_ADVICE[field]}`;
    problems[field] = problems[field] ? `${problems[field]} ${sentence}` : sentence;
  }
  return problems;
}

export function KeyForm({ idPrefix, title, submitLabel, offered, workspaces, onSubmit, onCancel }: KeyFormProps) {
  const [description, setDescription] = useState('');
  const [expiresIn, setExpiresIn] = useState<KeyExpiry>(DEFAULT_EXPIRY);
  const [scopes, setScopes] = useState<ScopeChoice>(NO_SCOPES);
  const [workspaceIds, setWorkspaceIds] = useState<ReadonlySet<string>>(new Set(workspaces?.preselected ? [workspaces.preselected] : []));
  const [client, setClient] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const descriptionInput = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const id = (name: string) => `${idPrefix}-${name}`;

  /** An edited field's problem goes: the person is fixing it (sending checks again). */
  function edited(field: Field) {
    setProblems((current) => {
      if (!current[field]) return current;
      const next = { ...current };
      delete next[field];
      return next;
    });
  }

  useEffect(() => descriptionInput.current?.focus(), []);

  function check(): Problems {
    const found: Problems = {};
    const trimmed = description.trim();
    if (trimmed.length === 0) found.description = 'Say what the token is for (for example “CI deploys”): 1 to 200 characters.';
    else if (description.length > DESCRIPTION_MAX) found.description = `Shorten the description to 200 characters at most (it has ${description.length}).`;
    if (chosenScopes(scopes).length === 0) found.scopes = 'Choose at least one scope: tick a shortcut or a cell of the grid.';
    if (workspaces && workspaceIds.size === 0) found.workspaceIds = 'Choose at least one workspace the token may act in.';
    return found;
  }

  /** Focus the first field with a problem, in the form's order. */
  function focusFirstProblem(found: Problems) {
    const first = FIELDS.find((field) => found[field]);
    if (!first) return;
    form.current?.querySelector<HTMLElement>(`[data-field="${first}"] input, [data-field="${first}"] select`)?.focus();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const found = check();
    setProblems(found);
    if (Object.keys(found).length > 0) {
      focusFirstProblem(found);
      return;
    }
    setBusy(true);
    try {
      await onSubmit({ description: description.trim(), expiresIn, scopes: chosenScopes(scopes), workspaceIds: workspaces ? [...workspaceIds] : [], client: client.trim() || null });
    } catch (error) {
      const fromApi = problemsFrom(error, workspaces?.all ?? []);
      if (fromApi) {
        setProblems(fromApi);
        focusFirstProblem(fromApi);
      } else setFailure(error);
      setBusy(false);
    }
  }

  const problemCount = Object.keys(problems).length;
  return (
    <form className="tokens-form" ref={form} onSubmit={(event) => void submit(event)} noValidate aria-labelledby={id('title')}>
      <h2 id={id('title')}>{title}</h2>
      {problemCount > 0 && (
        <p className="field-error" role="alert">
          {problemCount === 1 ? 'One thing to fix below.' : `${problemCount} things to fix below.`}
        </p>
      )}
      <div className="form-row" data-field="description">
        <label htmlFor={id('description')}>Description</label>
        <input
          id={id('description')}
          ref={descriptionInput}
          value={description}
          autoComplete="off"
          aria-invalid={problems.description ? true : undefined}
          aria-describedby={problems.description ? id('description-error') : id('description-hint')}
          onChange={(event) => {
            setDescription(event.target.value);
            edited('description');
          }}
        />
        {problems.description ? (
          <p className="field-error" id={id('description-error')}>
            {problems.description}
          </p>
        ) : (
          <p className="hint" id={id('description-hint')}>
            What the token is for, so you recognise it later (1 to 200 characters).
          </p>
        )}
      </div>
      <div className="form-row" data-field="expiresIn">
        <label htmlFor={id('expiry')}>Expiration</label>
        <select
          id={id('expiry')}
          value={expiresIn}
          aria-invalid={problems.expiresIn ? true : undefined}
          aria-describedby={problems.expiresIn ? id('expiry-error') : undefined}
          onChange={(event) => {
            setExpiresIn(event.target.value as KeyExpiry);
            edited('expiresIn');
          }}
        >
          {EXPIRY_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
        {problems.expiresIn && (
          <p className="field-error" id={id('expiry-error')}>
            {problems.expiresIn}
          </p>
        )}
      </div>
      <div data-field="scopes">
        <ScopeGrid
          idPrefix={idPrefix}
          offered={offered}
          choice={scopes}
          onChange={(choice) => {
            setScopes(choice);
            edited('scopes');
          }}
          error={problems.scopes}
        />
      </div>
      {workspaces && (
        <fieldset data-field="workspaceIds" aria-describedby={problems.workspaceIds ? id('workspaces-error') : id('workspaces-hint')} aria-invalid={problems.workspaceIds ? true : undefined}>
          <legend>Workspaces</legend>
          <p className="hint" id={id('workspaces-hint')}>
            Where the token may act; requests name one of them in <code>x-workspace-id</code>.
          </p>
          <ul className="tokens-workspace-list">
            {workspaces.all.map((workspace) => (
              <li key={workspace.id}>
                <label className="tokens-check">
                  <input
                    type="checkbox"
                    checked={workspaceIds.has(workspace.id)}
                    onChange={(event) => {
                      const next = new Set(workspaceIds);
                      if (event.target.checked) next.add(workspace.id);
                      else next.delete(workspace.id);
                      setWorkspaceIds(next);
                      edited('workspaceIds');
                    }}
                  />
                  <span>{workspace.name}</span>
                </label>
              </li>
            ))}
          </ul>
          {problems.workspaceIds && (
            <p className="field-error" id={id('workspaces-error')}>
              {problems.workspaceIds}
            </p>
          )}
        </fieldset>
      )}
      <div className="form-row" data-field="client">
        <label htmlFor={id('client')}>Client name</label>
        <input
          id={id('client')}
          value={client}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={problems.client ? true : undefined}
          aria-describedby={problems.client ? id('client-error') : id('client-hint')}
          onChange={(event) => {
            setClient(event.target.value);
            edited('client');
          }}
        />
        {problems.client ? (
          <p className="field-error" id={id('client-error')}>
            {problems.client}
          </p>
        ) : (
          <p className="hint" id={id('client-hint')}>
            Optional. The name your requests are counted under in Schema usage (for example <code>web</code> or <code>@acme/dashboard</code>), unless the client sends{' '}
            <code>apollographql-client-name</code>.
          </p>
        )}
      </div>
      {failure !== null && (
        <div className="notice notice-error" role="alert">
          <p>{describeError(failure)}</p>
        </div>
      )}
      <div className="tokens-form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : submitLabel}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
