import { Page } from '../components/states';

export function Tokens() {
  return (
    <Page title="Tokens">
      <p>Coming soon.</p>
    </Page>
  );
}
