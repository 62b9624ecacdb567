import { z } from 'zod';

// One grammar for every front end: `k8s-why why checkout -n shop` in a terminal and
// `/k8s why checkout -n shop` in Slack mean the same thing and fail the same way.

const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { error: 'a namespace is lowercase letters, digits and "-" (e.g. -n shop)' })
  .max(63);

const scope = {
  namespace: dnsLabel.optional(),
  cluster: z.string().min(1).optional(),
};

const target = z.string().min(1, { error: 'name a pod or workload, e.g. checkout-7d9f or deploy/checkout' });

export const commandSchema = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('why'), target, ...scope }),
  z.object({ verb: z.literal('describe'), target, ...scope }),
  z.object({ verb: z.literal('events'), target, ...scope }),
  z.object({ verb: z.literal('logs'), target, previous: z.boolean().default(false), container: z.string().optional(), ...scope }),
  z.object({ verb: z.literal('triage'), allNamespaces: z.boolean().default(false), ...scope }),
  z.object({ verb: z.literal('help'), topic: z.string().optional() }),
]);

export type Command = z.infer<typeof commandSchema>;
export type Verb = Command['verb'];

export const VERBS: readonly Verb[] = ['why', 'triage', 'describe', 'logs', 'events', 'help'];

export const USAGE: Record<Verb, string> = {
  why: 'why <pod|prefix|kind/name> [-n namespace] [--cluster name]',
  triage: 'triage [-n namespace | -A] [--cluster name]',
  describe: 'describe <pod|kind/name> [-n namespace]',
  logs: 'logs <pod|kind/name> [-c container] [--previous] [-n namespace]',
  events: 'events <pod|kind/name> [-n namespace]',
  help: 'help [command]',
};
