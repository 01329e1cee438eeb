// Request logs: the API calls of one of your keys, all of yours, or (with audit:read) the
// whole workspace's, over a period: a chart of requests and errors (counted by the API) and
// the requests themselves, a page at a time, narrowed by outcome. Times in the user's zone.
import { useState } from 'react';
import { CONFIG } from '../config';
import { ErrorNotice, Loading, Notice, Page } from '../components/states';
import { useSession } from '../session';
import { TIME_ZONE } from '../time';
import { useViewer } from '../viewer';
import { PeriodPicker, TokenPicker, useOwnKeys } from './request-logs/Controls';
import type { TokenChoice } from './request-logs/filters';
import { LogTable } from './request-logs/LogTable';
import { presetRange, PRESETS, type PeriodChoice, type TimeRange } from './request-logs/periods';
import { VolumeChart } from './request-logs/VolumeChart';
import './request-logs/request-logs.css';

const DEFAULT_PERIOD = PRESETS.find((preset) => preset.value === 'day') ?? PRESETS[0];

export function RequestLogs() {
  const { state } = useSession();
  const viewer = useViewer();
  const workspaceId = state.status === 'signedIn' ? state.workspaceId : null;
  const [token, setToken] = useState<TokenChoice>('mine');
  const [period, setPeriod] = useState<PeriodChoice>(DEFAULT_PERIOD.value);
  const [range, setRange] = useState<TimeRange>(() => presetRange(DEFAULT_PERIOD));
  const keys = useOwnKeys(workspaceId ?? '', workspaceId !== null && viewer.data?.holds('KEYS_READ') === true);

  const intro = (
    <>
      Requests are logged a few seconds after they are made. Request logs are kept {CONFIG.retentionDays} days. Times are in {TIME_ZONE}.
    </>
  );
  if (!workspaceId) {
    return (
      <Page title="Request logs" intro={intro}>
        <Notice>Request logs belong to a workspace: create one, or ask to be invited to one, then come back.</Notice>
      </Page>
    );
  }
  if (viewer.isPending || viewer.isError) {
    return (
      <Page title="Request logs" intro={intro}>
        {viewer.isError ? <ErrorNotice error={viewer.error} retry={() => void viewer.refetch()} /> : <Loading what="your permissions" />}
      </Page>
    );
  }
  const wholeWorkspace = viewer.data.can.readAuditLog;
  // The whole workspace is offered to audit:read alone; a choice that is no longer offered (another workspace) falls back.
  const shownToken: TokenChoice = token === 'workspace' && !wholeWorkspace ? 'mine' : token;

  const choosePeriod = (next: PeriodChoice) => {
    setPeriod(next);
    const preset = PRESETS.find((candidate) => candidate.value === next);
    if (preset) setRange(presetRange(preset));
  };
  const refresh = () => {
    const preset = PRESETS.find((candidate) => candidate.value === period);
    if (preset) setRange(presetRange(preset));
  };
  // A new token or range starts the table again from its first page.
  const view = `${workspaceId}|${shownToken}|${range.from.getTime()}|${range.to.getTime()}`;

  return (
    <Page
      title="Request logs"
      intro={intro}
      actions={
        period !== 'custom' && (
          <button type="button" onClick={refresh}>
            Refresh
          </button>
        )
      }
    >
      <div className="request-logs-controls">
        <TokenPicker value={shownToken} onChange={setToken} wholeWorkspace={wholeWorkspace} keys={keys} />
        <PeriodPicker period={period} onPeriod={choosePeriod} onCustom={setRange} />
      </div>
      <section>
        <h2>Requests and errors over time</h2>
        <VolumeChart workspaceId={workspaceId} token={shownToken} range={range} />
      </section>
      <LogTable key={view} workspaceId={workspaceId} token={shownToken} range={range} />
    </Page>
  );
}
