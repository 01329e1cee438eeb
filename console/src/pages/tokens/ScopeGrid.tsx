// The scopes of a new key as a grid: one row per resource, one column per action, and the
// coarse read/write/delete shortcuts above it. Only the scopes the person holds are offered;
// a cell they do not hold says so instead of a checkbox.
import type { Scope } from '../../gql/graphql';
import { ACTIONS, RESOURCES, RESOURCE_LABELS, fineScope, impliedByCoarse, scopeLabel, type Action, type OfferedScopes, type ScopeChoice } from '../../scopes';

interface ScopeGridProps {
  /** Prefix of the ids inside (two forms may be on the page). */
  readonly idPrefix: string;
  readonly offered: OfferedScopes;
  readonly choice: ScopeChoice;
  readonly onChange: (choice: ScopeChoice) => void;
  readonly error?: string;
}

function toggled<T>(set: ReadonlySet<T>, value: T, on: boolean): Set<T> {
  const next = new Set(set);
  if (on) next.add(value);
  else next.delete(value);
  return next;
}

const ACTION_LABELS: Record<Action, string> = { read: 'Read', write: 'Write', delete: 'Delete' };

export function ScopeGrid({ idPrefix, offered, choice, onChange, error }: ScopeGridProps) {
  const errorId = `${idPrefix}-scopes-error`;
  const rows = RESOURCES.filter((resource) => ACTIONS.some((action) => offered.fine.has(fineScope(resource, action))));
  return (
    <fieldset className="tokens-scopes" aria-describedby={error ? errorId : `${idPrefix}-scopes-hint`} aria-invalid={error ? true : undefined}>
      <legend>Scopes</legend>
      <p className="hint" id={`${idPrefix}-scopes-hint`}>
        What the token may do. Only the scopes you hold in this workspace are offered; in each workspace the token is further limited by your role there.
      </p>
      {offered.coarse.size > 0 && (
        <div className="tokens-shortcuts" role="group" aria-label="Shortcuts: every resource but API keys">
          <span className="tokens-shortcuts-title">Shortcuts</span>
          {ACTIONS.filter((action) => offered.coarse.has(action)).map((action) => (
            <label key={action} className="tokens-check">
              <input type="checkbox" checked={choice.coarse.has(action)} onChange={(event) => onChange({ ...choice, coarse: toggled(choice.coarse, action, event.target.checked) })} />
              <span>
                <code>{action}</code>: {ACTION_LABELS[action].toLowerCase()} every resource but API keys
              </span>
            </label>
          ))}
        </div>
      )}
      <div className="tokens-grid-wrap">
        <table className="tokens-grid">
          <caption className="visually-hidden">Scopes by resource and action</caption>
          <thead>
            <tr>
              <th scope="col">Resource</th>
              {ACTIONS.map((action) => (
                <th scope="col" key={action}>
                  {ACTION_LABELS[action]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((resource) => (
              <tr key={resource}>
                <th scope="row">{RESOURCE_LABELS[resource]}</th>
                {ACTIONS.map((action) => {
                  const scope: Scope = fineScope(resource, action);
                  if (!offered.fine.has(scope)) {
                    return (
                      <td key={action} className="tokens-grid-absent">
                        <span aria-hidden="true">—</span>
                        <span className="visually-hidden">You do not hold {scopeLabel(scope)}</span>
                      </td>
                    );
                  }
                  const implied = impliedByCoarse(choice, resource, action);
                  return (
                    <td key={action}>
                      <label className="tokens-check">
                        <input
                          type="checkbox"
                          checked={implied || choice.fine.has(scope)}
                          disabled={implied}
                          onChange={(event) => onChange({ ...choice, fine: toggled(choice.fine, scope, event.target.checked) })}
                        />
                        <span className="visually-hidden">
                          {RESOURCE_LABELS[resource]}: {action} ({scopeLabel(scope)})
                        </span>
                      </label>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
