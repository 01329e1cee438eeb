// Requests and errors over the chosen period (requestLogVolume: counted by the API, one
// bucket per minute, hour or day of the user's zone), drawn by the Chart component with a
// summary of the totals as its accessible name and every bucket in a table below it.
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { graphql } from '../../gql';
import { request } from '../../api';
import { Chart } from '../../components/Chart';
import { ErrorNotice, Loading } from '../../components/states';
import type { VolumeInterval } from '../../gql/graphql';
import { formatTime, TIME_ZONE } from '../../time';
import { requestLogFilter, type TokenChoice } from './filters';
import { INTERVAL_MS, intervalUnit, type TimeRange } from './periods';

const VolumeDocument = graphql(`
  query RequestLogsVolume($filter: RequestLogFilter, $interval: VolumeInterval, $timeZone: String) {
    requestLogVolume(filter: $filter, interval: $interval, timeZone: $timeZone) {
      start
      requests
      errors
    }
  }
`);

const count = new Intl.NumberFormat();
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function plural(value: number, one: string, many: string): string {
  return `${count.format(value)} ${value === 1 ? one : many}`;
}

/** A bucket's start as the table shows it: the day alone for days, else the time too. */
function bucketTime(interval: VolumeInterval): (time: number) => string {
  return interval === 'DAY' ? (time) => dayFormat.format(new Date(time)) : (time) => formatTime(new Date(time).toISOString());
}

export function VolumeChart({ workspaceId, token, range }: { workspaceId: string; token: TokenChoice; range: TimeRange }) {
  const filter = requestLogFilter(token, range);
  const volume = useQuery({
    queryKey: ['requestLogVolume', workspaceId, filter, range.interval, TIME_ZONE],
    queryFn: async () => (await request(VolumeDocument, { filter, interval: range.interval, timeZone: TIME_ZONE })).requestLogVolume ?? [],
  });
  const chart = useMemo(() => {
    const buckets = volume.data ?? [];
    const requests = buckets.reduce((sum, bucket) => sum + bucket.requests, 0);
    const errors = buckets.reduce((sum, bucket) => sum + bucket.errors, 0);
    return {
      requests,
      errors,
      times: buckets.map((bucket) => Date.parse(bucket.start)),
      series: [
        { label: 'Requests', color: '#0b5cad', values: buckets.map((bucket) => bucket.requests) },
        { label: 'Errors', color: '#b3261e', values: buckets.map((bucket) => bucket.errors) },
      ],
    };
  }, [volume.data]);

  if (volume.isPending) return <Loading what="the request chart" />;
  if (volume.isError) return <ErrorNotice error={volume.error} retry={() => void volume.refetch()} />;
  const unit = intervalUnit(range.interval);
  const summary =
    `${plural(chart.requests, 'request', 'requests')} and ${plural(chart.errors, 'error', 'errors')} ` +
    `from ${formatTime(range.from.toISOString())} to ${formatTime(range.to.toISOString())} (${TIME_ZONE}), one bar per ${unit}.`;
  return (
    <>
      <Chart
        summary={summary}
        times={chart.times}
        step={INTERVAL_MS[range.interval]}
        series={chart.series}
        formatTime={bucketTime(range.interval)}
        tableLabel={`Requests and errors per ${unit}, as a table`}
      />
      {chart.requests === 0 && <p className="hint">No requests in this period: pick a longer period, another token, or press Refresh after making some.</p>}
    </>
  );
}
