import type { ClusterReader } from '../core/reader/cluster-reader.ts';
import { readSnapshotFile } from '../snapshot/read-snapshot-file.ts';
import { DEMO_NAMESPACE, DEMO_SNAPSHOT } from './package-paths.ts';

export type OpenedReader =
  | { ok: true; reader: ClusterReader; /** Where -n points when omitted. */ defaultNamespace: string }
  | { ok: false; error: string; usage: boolean };

export interface ReaderFlags {
  snapshot?: string;
  demo?: boolean;
}

/** Where the facts come from: a snapshot file, or the embedded demo cluster. */
export async function openReader(flags: ReaderFlags): Promise<OpenedReader> {
  if (flags.snapshot && flags.demo) return { ok: false, usage: true, error: 'use either --snapshot FILE or --demo, not both' };
  if (flags.demo) {
    const opened = await readSnapshotFile(DEMO_SNAPSHOT);
    return opened.ok ? { ok: true, reader: opened.reader, defaultNamespace: DEMO_NAMESPACE } : { ok: false, usage: false, error: opened.error };
  }
  if (flags.snapshot) {
    const opened = await readSnapshotFile(flags.snapshot);
    // A scenario file knows the namespace its question was asked in; a plain snapshot, like kubectl, uses "default".
    return opened.ok
      ? { ok: true, reader: opened.reader, defaultNamespace: opened.snapshot.ask?.namespace ?? 'default' }
      : { ok: false, usage: false, error: opened.error };
  }
  return {
    ok: false,
    usage: true,
    error: 'no cluster to read: add --snapshot FILE (a captured incident) or --demo (the embedded demo cluster)',
  };
}
