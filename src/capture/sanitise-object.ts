import type { KeyedObject, KubeObject, Pod, PodSpec, Workload } from '../core/kube/types.ts';
import { redactEnv } from '../core/redaction/redact-env.ts';
import { isSensitiveKey, MASK } from '../core/redaction/secret-patterns.ts';
import { redactText } from '../core/redaction/redact-text.ts';

// A captured snapshot leaves the cluster: it is attached to postmortems and committed as a
// regression test. So it keeps what a diagnosis reads and nothing a secret could hide in.

/** Annotations that repeat the whole manifest (env values included) or are noise. */
const DROPPED_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'];

export function sanitiseObject(object: KubeObject): KubeObject {
  const copy = structuredClone(object) as KubeObject & { data?: Record<string, string>; binaryData?: Record<string, string>; stringData?: unknown };
  delete (copy.metadata as { managedFields?: unknown }).managedFields;
  for (const key of DROPPED_ANNOTATIONS) delete copy.metadata.annotations?.[key];
  if (copy.kind === 'ConfigMap' || copy.kind === 'Secret') return keysOnly(copy);
  if (copy.kind === 'Pod') sanitisePodSpec((copy as Pod).spec);
  const template = (copy as Workload).spec?.template?.spec;
  if (template) sanitisePodSpec(template);
  const jobTemplate = (copy as { spec?: { jobTemplate?: { spec?: { template?: { spec?: PodSpec } } } } }).spec?.jobTemplate?.spec?.template?.spec;
  if (jobTemplate) sanitisePodSpec(jobTemplate);
  return copy;
}

/** FORMAT.md keeps ConfigMaps and Secrets as metadata and keys: the values are emptied. */
function keysOnly(object: KeyedObject & { stringData?: unknown }): KubeObject {
  const empty = (data: Record<string, string> | undefined) => (data ? Object.fromEntries(Object.keys(data).map((key) => [key, ''])) : undefined);
  const data = empty(object.data);
  const binaryData = empty(object.binaryData);
  delete object.stringData;
  return { ...object, ...(data ? { data } : {}), ...(binaryData ? { binaryData } : {}) };
}

function sanitisePodSpec(spec: PodSpec): void {
  for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])]) {
    if (container.env) container.env = redactEnv(container.env);
    if (container.command) container.command = maskArguments(container.command);
    if (container.args) container.args = maskArguments(container.args);
  }
}

// Each argument is masked on its own ("--password=hunter2", a URL with credentials), and a value
// that follows a secret-named flag ("--password hunter2") is masked whole.
function maskArguments(words: string[]): string[] {
  return words.map((word, index) => {
    const previous = words[index - 1];
    if (previous?.startsWith('-') && !previous.includes('=') && isSensitiveKey(previous) && !word.startsWith('-')) return MASK;
    return redactText(word);
  });
}
