import { Page } from '../components/states';

export function Groups() {
  return (
    <Page title="Member groups">
      <p>Coming soon.</p>
    </Page>
  );
}
