// A list of keys with its confirmations: the table, "Show more" for the next page, and the
// rotate and revoke dialogs. Both refresh every key list of the page; a rotation hands its
// new secret to the page's one-time panel.
import { useState, type ReactNode } from 'react';
import { useInfiniteQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { request } from '../../api';
import { ErrorNotice, Loading } from '../../components/states';
import type { TokensKeyFieldsFragment } from '../../gql/graphql';
import { GRACE_CHOICES } from './expiry';
import { KeyTable } from './KeyTable';
import { RevokeDialog, RotateDialog } from './KeyDialogs';
import { TokensRevokeDocument, TokensRotateDocument } from './operations';
import type { RevealedSecret } from './SecretPanel';

type Key = TokensKeyFieldsFragment;

export interface KeyPage {
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
  readonly nodes: readonly Key[];
}

/** Every key list of the page lives under this query key, so one invalidation refreshes them all. */
export const TOKENS_QUERY_KEY = ['tokens'] as const;

const PAGE_SIZE = 50;

/** Pages of keys, newest first. */
export function useKeyPages(queryKey: QueryKey, fetchPage: (first: number, after: string | null) => Promise<KeyPage>, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...TOKENS_QUERY_KEY, ...queryKey],
    enabled,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => fetchPage(PAGE_SIZE, pageParam),
    getNextPageParam: (last) => (last.hasNextPage ? last.endCursor : undefined),
  });
}

interface KeyListProps {
  readonly what: string;
  readonly caption: string;
  readonly query: ReturnType<typeof useKeyPages>;
  readonly canRotate: (key: Key) => boolean;
  readonly canRevoke: (key: Key) => boolean;
  readonly reveal: (revealed: RevealedSecret) => void;
  /** Shown instead of the table when there is no key. */
  readonly empty: ReactNode;
}

function graceNote(seconds: number): string {
  if (seconds === 0) return 'The old secret stopped working at once.';
  const choice = GRACE_CHOICES.find((candidate) => candidate.seconds === seconds);
  return `The old secret keeps working for ${choice?.label ?? `${seconds} seconds`}, then stops.`;
}

export function KeyList({ what, caption, query, canRotate, canRevoke, reveal, empty }: KeyListProps) {
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<{ readonly action: 'rotate' | 'revoke'; readonly key: Key } | null>(null);

  if (query.isPending) return <Loading what={what} />;
  if (!query.data) return <ErrorNotice error={query.error} retry={() => void query.refetch()} />;
  const keys = query.data.pages.flatMap((page) => page.nodes);
  // A refresh that failed keeps the list it had, and says so: the list may be out of date.
  const refreshFailed = query.isRefetchError && <ErrorNotice error={query.error} retry={() => void query.refetch()} />;
  if (keys.length === 0)
    return (
      <>
        {refreshFailed}
        {empty}
      </>
    );

  const refresh = () => queryClient.invalidateQueries({ queryKey: TOKENS_QUERY_KEY });

  async function rotate(key: Key, gracePeriod: number) {
    const { rotateApiKey } = await request(TokensRotateDocument, { id: key.id, gracePeriod });
    setDialog(null);
    reveal({ title: 'Token rotated', description: key.description, secret: rotateApiKey.secret, note: graceNote(gracePeriod) });
    await refresh();
  }

  async function revoke(key: Key) {
    await request(TokensRevokeDocument, { id: key.id });
    setDialog(null);
    await refresh();
  }

  const total = query.data.pages[0]?.totalCount ?? keys.length;
  return (
    <>
      {refreshFailed}
      <p className="hint tokens-count">{total === 1 ? '1 key' : `${total} keys`}, newest first.</p>
      <KeyTable
        caption={caption}
        keys={keys}
        canRotate={canRotate}
        canRevoke={canRevoke}
        onRotate={(key) => setDialog({ action: 'rotate', key })}
        onRevoke={(key) => setDialog({ action: 'revoke', key })}
      />
      {query.hasNextPage && (
        <p>
          <button type="button" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? 'Loading more…' : 'Show more'}
          </button>
        </p>
      )}
      {query.isFetchNextPageError && <ErrorNotice error={query.error} retry={() => void query.fetchNextPage()} />}
      {dialog?.action === 'rotate' && <RotateDialog apiKey={dialog.key} onClose={() => setDialog(null)} onRotate={(grace) => rotate(dialog.key, grace)} />}
      {dialog?.action === 'revoke' && <RevokeDialog apiKey={dialog.key} onClose={() => setDialog(null)} onRevoke={() => revoke(dialog.key)} />}
    </>
  );
}
