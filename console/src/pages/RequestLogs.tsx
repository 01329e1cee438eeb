import { Page } from '../components/states';

export function RequestLogs() {
  return (
    <Page title="Request logs">
      <p>Coming soon.</p>
    </Page>
  );
}
