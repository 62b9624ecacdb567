import type { KubeObject } from '../../core/kube/types.ts';
import { humanDuration } from '../../render/durations.ts';

// Server-side printing: kubectl asks for `as=Table` and prints the columns the server chose,
// hiding priority > 0 unless -o wide. Without it kubectl 1.16+ has no printers of its own for
// built-in kinds and would show NAME and AGE only, so the STATUS column people read comes from here.

export interface Column {
  name: string;
  type: 'string' | 'integer' | 'date' | 'number';
  format?: 'name';
  /** 0: always shown; 1: shown with -o wide. */
  priority?: number;
  description?: string;
}

export interface RowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface TablePrinter {
  columns: Column[];
  cells(object: KubeObject, now: number): unknown[];
  conditions?(object: KubeObject): RowCondition[] | undefined;
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** The AGE column: time since a timestamp as apimachinery's HumanDuration writes it. */
export function since(timestamp: string | null | undefined, now: number): string {
  const time = timestamp ? Date.parse(timestamp) : Number.NaN;
  return Number.isNaN(time) ? '<unknown>' : humanDuration(now - time);
}

export const nameColumn: Column = { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.' };
export const ageColumn: Column = { name: 'Age', type: 'string', description: 'CreationTimestamp is when this object was created.' };

/** What a resource without a printer of its own gets, as from the API server's default table. */
export const defaultPrinter: TablePrinter = {
  columns: [nameColumn, { name: 'Created At', type: 'date', description: 'CreationTimestamp is when this object was created.' }],
  cells: (object) => [object.metadata.name ?? '', object.metadata.creationTimestamp ?? null],
};

export interface TableInput {
  printer: TablePrinter;
  items: readonly KubeObject[];
  metadata: Record<string, unknown>;
  includeObject: IncludeObject;
  /** meta.k8s.io version the client asked for: v1, or v1beta1 for old clients. */
  version: string;
  now: number;
}

/** A meta.k8s.io Table; each row carries the object (or its metadata) for -A, --show-labels and --sort-by. */
export function toTable(input: TableInput): unknown {
  const { printer, items, includeObject, version, now } = input;
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${version}`,
    metadata: input.metadata,
    columnDefinitions: printer.columns.map((column) => ({ format: '', priority: 0, description: '', ...column })),
    rows: items.map((object) => {
      const conditions = printer.conditions?.(object);
      return {
        cells: printer.cells(object, now),
        ...(conditions ? { conditions } : {}),
        ...(includeObject === 'None' ? {} : { object: includeObject === 'Object' ? object : partialMetadata(object, version) }),
      };
    }),
  };
}

export function partialMetadata(object: KubeObject, version = 'v1'): KubeObject {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: object.metadata };
}
