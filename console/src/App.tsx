// The console's frame: sign-in when signed out; otherwise a header (workspace switcher, who
// is signed in, sign out), the navigation (each entry shown only when `viewer` says the page
// has something for you) and the current page. Routes live under /console (wouter).
import { Link, Redirect, Route, Router, Switch, useLocation } from 'wouter';
import { Loading } from './components/states';
import { useSession } from './session';
import { useViewer, type ViewerInfo } from './viewer';
import { SignIn } from './pages/SignIn';
import { Tokens } from './pages/Tokens';
import { RequestLogs } from './pages/RequestLogs';
import { AuditTrail } from './pages/AuditTrail';
import { SchemaUsage } from './pages/SchemaUsage';
import { Members } from './pages/Members';
import { Roles } from './pages/Roles';
import { Groups } from './pages/Groups';
import { WorkspaceSettings } from './pages/WorkspaceSettings';

interface NavEntry {
  readonly path: string;
  readonly label: string;
  readonly shown: (viewer: ViewerInfo) => boolean;
}

/** The pages, in navigation order, and who sees each. */
export const NAV: readonly NavEntry[] = [
  { path: '/tokens', label: 'Tokens', shown: () => true },
  { path: '/request-logs', label: 'Request logs', shown: (viewer) => viewer.holds('KEYS_READ') || viewer.can.readAuditLog },
  // Everyone has their own activity there; the workspace's events need audit:read (the page decides).
  { path: '/audit', label: 'Audit trail', shown: () => true },
  { path: '/schema-usage', label: 'Schema usage', shown: (viewer) => viewer.can.readAuditLog },
  { path: '/members', label: 'Members', shown: (viewer) => viewer.holds('MEMBERS_READ') },
  { path: '/roles', label: 'Roles', shown: (viewer) => viewer.holds('ROLES_READ') },
  { path: '/groups', label: 'Groups', shown: (viewer) => viewer.holds('GROUPS_READ') },
  { path: '/workspace', label: 'Workspace', shown: (viewer) => viewer.holds('WORKSPACES_READ') },
];

function WorkspaceSwitcher() {
  const { state, selectWorkspace } = useSession();
  if (state.status !== 'signedIn') return null;
  if (state.workspaces.length === 0) return <span className="workspace-none">No workspace yet</span>;
  return (
    <div className="workspace-switcher">
      <label htmlFor="workspace-switcher">Workspace</label>
      <select id="workspace-switcher" value={state.workspaceId ?? ''} onChange={(event) => selectWorkspace(event.target.value)}>
        {state.workspaces.map((workspace) => (
          <option key={workspace.id} value={workspace.id}>
            {workspace.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function Navigation({ viewer }: { viewer: ViewerInfo | undefined }) {
  const [location] = useLocation();
  const entries = NAV.filter((entry) => entry.path === '/tokens' || (viewer !== undefined && entry.shown(viewer)));
  return (
    <nav aria-label="Console">
      <ul>
        {entries.map((entry) => (
          <li key={entry.path}>
            <Link href={entry.path} aria-current={location.startsWith(entry.path) ? 'page' : undefined}>
              {entry.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function SignedInFrame() {
  const { state, signOut } = useSession();
  const viewer = useViewer();
  if (state.status !== 'signedIn') return null;
  return (
    <div className="frame">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Atrium console</span>
        <WorkspaceSwitcher />
        <span className="who" title={state.user.email}>
          {state.user.name}
        </span>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <Navigation viewer={viewer.data} />
      <main id="main" tabIndex={-1}>
        <Switch>
          <Route path="/tokens" component={Tokens} />
          <Route path="/request-logs" component={RequestLogs} />
          <Route path="/audit" component={AuditTrail} />
          <Route path="/schema-usage" component={SchemaUsage} />
          <Route path="/members" component={Members} />
          <Route path="/roles" component={Roles} />
          <Route path="/groups" component={Groups} />
          <Route path="/workspace" component={WorkspaceSettings} />
          <Route>
            <Redirect to="/tokens" replace />
          </Route>
        </Switch>
      </main>
    </div>
  );
}

export function App() {
  const { state } = useSession();
  return (
    <Router base="/console">
      {state.status === 'starting' && <Loading what="your session" />}
      {state.status === 'signedOut' && <SignIn />}
      {state.status === 'signedIn' && <SignedInFrame />}
    </Router>
  );
}
