import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseSnapshot, type Snapshot } from './snapshot.ts';
import { SnapshotReader } from './snapshot-reader.ts';

export type SnapshotFileResult =
  | { ok: true; snapshot: Snapshot; reader: SnapshotReader }
  | { ok: false; error: string };

/** Reads and validates a snapshot file; every failure is one sentence naming the file and the fix. */
export async function readSnapshotFile(path: string): Promise<SnapshotFileResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : String(error);
    return { ok: false, error: `cannot read snapshot ${path}: ${why}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `snapshot ${path} is not valid JSON: ${(error as Error).message}` };
  }
  const parsed = parseSnapshot(json);
  if (!parsed.ok) {
    return { ok: false, error: `snapshot ${path} is not in the snapshot format (docs: FORMAT.md): ${parsed.problems.join('; ')}` };
  }
  return { ok: true, snapshot: parsed.snapshot, reader: new SnapshotReader(parsed.snapshot, `snapshot ${basename(path)}`) };
}
