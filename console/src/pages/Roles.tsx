import { Page } from '../components/states';

export function Roles() {
  return (
    <Page title="Roles">
      <p>Coming soon.</p>
    </Page>
  );
}
