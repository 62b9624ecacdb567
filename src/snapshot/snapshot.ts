import { z } from 'zod';
import { isFindingId } from '../core/findings/finding-ids.ts';

// The file format of ../shared/scenarios/FORMAT.md. Objects are kept as the API returned them
// (passthrough), and only what the reader relies on is checked, so a snapshot captured from a
// newer cluster with fields we do not know still loads.

const objectSchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.string({ error: 'every object needs a "kind" (Pod, Event, Node ...)' }),
  metadata: z.looseObject({
    name: z.string().optional(),
    namespace: z.string().optional(),
  }),
});

const logSchema = z.object({
  namespace: z.string(),
  pod: z.string(),
  container: z.string(),
  previous: z.boolean().default(false),
  text: z.string(),
});

export const snapshotSchema = z.looseObject({
  description: z.string().optional(),
  source: z.string().optional(),
  capturedAt: z.iso.datetime({ offset: true }).optional(),
  ask: z.object({ namespace: z.string(), target: z.string() }).optional(),
  expect: z
    .object({
      finding: z.string().refine(isFindingId, { error: 'expect.finding must be a finding id from FORMAT.md' }),
      mentions: z.array(z.string()).default([]),
    })
    .optional(),
  objects: z.array(objectSchema),
  logs: z.array(logSchema).default([]),
});

export type Snapshot = z.infer<typeof snapshotSchema>;
export type SnapshotLog = z.infer<typeof logSchema>;

export type SnapshotParseResult = { ok: true; snapshot: Snapshot } | { ok: false; problems: string[] };

/** Validates parsed JSON as a snapshot; problems name the JSON path ("objects[3].kind: ..."). */
export function parseSnapshot(json: unknown): SnapshotParseResult {
  const result = snapshotSchema.safeParse(json);
  if (result.success) return { ok: true, snapshot: result.data };
  const problems = result.error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
    return `${path.replace(/^\./, '') || '(top level)'}: ${issue.message}`;
  });
  return { ok: false, problems };
}
