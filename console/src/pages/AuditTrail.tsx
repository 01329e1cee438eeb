import { Page } from '../components/states';

export function AuditTrail() {
  return (
    <Page title="Audit trail">
      <p>Coming soon.</p>
    </Page>
  );
}
