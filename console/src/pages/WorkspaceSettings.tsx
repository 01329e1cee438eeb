import { Page } from '../components/states';

export function WorkspaceSettings() {
  return (
    <Page title="Workspace">
      <p>Coming soon.</p>
    </Page>
  );
}
