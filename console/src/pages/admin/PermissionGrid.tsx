// A role's permissions as a table: resources down, read/write/delete across. Read-only it
// shows ✓ and – (with words for screen readers); editable, a labelled checkbox per cell.
import type { Scope } from '../../gql/graphql';
import { ACTIONS, grants, RESOURCES, scopeOf } from './permissions';

interface PermissionGridProps {
  readonly caption: string;
  readonly permissions: readonly Scope[];
  /** Present: the grid is a set of checkboxes that call this with the scope toggled. */
  readonly onToggle?: (scope: Scope, granted: boolean) => void;
  /** Scopes whose checkbox may not be changed (not yours to grant). */
  readonly locked?: (scope: Scope) => boolean;
}

export function PermissionGrid({ caption, permissions, onToggle, locked }: PermissionGridProps) {
  return (
    <div className="table-wrap">
      <table className="permission-grid">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Resource</th>
            {ACTIONS.map((action) => (
              <th scope="col" key={action.key}>
                {action.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {RESOURCES.map((resource) => (
            <tr key={resource.key}>
              <th scope="row">{resource.label}</th>
              {ACTIONS.map((action) => {
                const scope = scopeOf(resource.key, action.key);
                const granted = grants(permissions, resource.key, action.key);
                return (
                  <td key={action.key}>
                    {onToggle ? (
                      <input
                        type="checkbox"
                        aria-label={`${resource.label}: ${action.label.toLowerCase()}`}
                        checked={granted}
                        disabled={locked?.(scope) ?? false}
                        onChange={(event) => onToggle(scope, event.target.checked)}
                      />
                    ) : granted ? (
                      <span className="granted" title={`${action.label} granted`}>
                        ✓<span className="visually-hidden"> {action.label.toLowerCase()} granted</span>
                      </span>
                    ) : (
                      <span className="not-granted" title={`No ${action.label.toLowerCase()}`}>
                        –<span className="visually-hidden"> no {action.label.toLowerCase()}</span>
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
