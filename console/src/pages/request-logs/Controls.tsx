// What the page shows: whose requests (one of your keys, all of yours, or the whole
// workspace for those who may read it) and when (a preset period, or a custom range typed in
// the user's zone, checked before it is sent).
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { graphql } from '../../gql';
import { requestPartial } from '../../api';
import { keyChoice, type TokenChoice } from './filters';
import { customRange, oldestKept, PRESETS, toLocalInput, type CustomRangeProblem, type PeriodChoice, type TimeRange } from './periods';

const KeysDocument = graphql(`
  query RequestLogsKeys {
    apiKeys(first: 100) {
      nodes {
        id
        description
        hint
        status
      }
    }
  }
`);

/** Your own keys (any state: a revoked key's past requests are still there), when you may list them. */
export function useOwnKeys(workspaceId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['requestLogsKeys', workspaceId],
    enabled,
    queryFn: async () => (await requestPartial(KeysDocument)).data.apiKeys?.nodes ?? [],
  });
}

export function TokenPicker({ value, onChange, wholeWorkspace, keys }: { value: TokenChoice; onChange: (token: TokenChoice) => void; wholeWorkspace: boolean; keys: ReturnType<typeof useOwnKeys> }) {
  return (
    <div className="form-row">
      <label htmlFor="request-logs-token">Token</label>
      <select id="request-logs-token" value={value} onChange={(event) => onChange(event.target.value as TokenChoice)} aria-describedby="request-logs-token-hint">
        <option value="mine">All of my requests</option>
        {wholeWorkspace && <option value="workspace">The whole workspace (everyone’s requests)</option>}
        {keys.data && keys.data.length > 0 && (
          <optgroup label="One of my keys">
            {keys.data.map((key) => (
              <option key={key.id} value={keyChoice(key.id)}>
                {key.description} ({key.hint}){key.status === 'ACTIVE' ? '' : `, ${key.status.toLowerCase()}`}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      <p className="hint" id="request-logs-token-hint">
        {keys.isPending && keys.fetchStatus !== 'idle'
          ? 'Loading your keys…'
          : keys.isError
            ? 'Your keys could not be listed: choose “All of my requests”, or reload the page to try again.'
            : keys.data?.length === 0
              ? 'You have no API keys yet: the Tokens page creates one.'
              : 'Requests made with your sessions are in “All of my requests”.'}
      </p>
    </div>
  );
}

export function PeriodPicker({ period, onPeriod, onCustom }: { period: PeriodChoice; onPeriod: (period: PeriodChoice) => void; onCustom: (range: TimeRange) => void }) {
  const [fromInput, setFromInput] = useState(() => toLocalInput(new Date(Date.now() - 24 * 3_600_000)));
  const [toInput, setToInput] = useState(() => toLocalInput(new Date()));
  const [problem, setProblem] = useState<CustomRangeProblem | null>(null);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const range = customRange(fromInput, toInput);
    if ('field' in range) {
      setProblem(range);
      return;
    }
    setProblem(null);
    onCustom(range);
  };
  const fieldError = (field: CustomRangeProblem['field']) =>
    problem?.field === field ? (
      <p className="field-error" id={`request-logs-${field}-error`}>
        {problem.message}
      </p>
    ) : null;

  return (
    <div className="request-logs-period">
      <div className="form-row">
        <label htmlFor="request-logs-period">Period</label>
        <select id="request-logs-period" value={period} onChange={(event) => onPeriod(event.target.value as PeriodChoice)}>
          {PRESETS.map((preset) => (
            <option key={preset.value} value={preset.value}>
              {preset.label}
            </option>
          ))}
          <option value="custom">Custom range…</option>
        </select>
      </div>
      {period === 'custom' && (
        <form className="request-logs-custom" onSubmit={apply} noValidate>
          <div className="form-row">
            <label htmlFor="request-logs-from">From</label>
            <input
              id="request-logs-from"
              type="datetime-local"
              value={fromInput}
              min={toLocalInput(oldestKept())}
              onChange={(event) => setFromInput(event.target.value)}
              aria-invalid={problem?.field === 'from' || undefined}
              aria-describedby={problem?.field === 'from' ? 'request-logs-from-error' : undefined}
            />
            {fieldError('from')}
          </div>
          <div className="form-row">
            <label htmlFor="request-logs-to">To</label>
            <input
              id="request-logs-to"
              type="datetime-local"
              value={toInput}
              onChange={(event) => setToInput(event.target.value)}
              aria-invalid={problem?.field === 'to' || undefined}
              aria-describedby={problem?.field === 'to' ? 'request-logs-to-error' : undefined}
            />
            {fieldError('to')}
          </div>
          <button type="submit" className="primary">
            Show
          </button>
        </form>
      )}
    </div>
  );
}
