import { Page } from '../components/states';

export function Members() {
  return (
    <Page title="Members">
      <p>Coming soon.</p>
    </Page>
  );
}
