import { USAGE, VERBS, type Verb } from '../commands/command.ts';
import { escapeMrkdwn, inlineCode } from '../render/slack/mrkdwn.ts';

// What people read when they ask for help or mistype. Slack grammar IS the CLI grammar, so the
// usage lines come from src/commands/command.ts with the slash command in front.

const WHAT: Record<Verb, string> = {
  why: 'what is wrong with a pod or workload, the evidence, and what to do next',
  triage: 'every pod that needs attention in a namespace, worst first',
  describe: "a pod's status, containers and events",
  logs: "a container's log (--previous: the instance that died)",
  events: "a pod's events, repeats merged",
  help: 'this help',
};

/** `/k8s help` and `/k8s help why`. */
export function helpText(slashCommand: string, topic?: string): string {
  const asked = topic?.toLowerCase();
  if (asked && (VERBS as readonly string[]).includes(asked)) {
    const verb = asked as Verb;
    return `${inlineCode(`${slashCommand} ${USAGE[verb]}`)}\n${WHAT[verb]}`;
  }
  const lines = VERBS.map((verb) => `• ${inlineCode(`${slashCommand} ${USAGE[verb]}`)}: ${WHAT[verb]}`);
  return [
    `*k8s-why* answers why a pod is broken, from the cluster's own evidence.`,
    ...lines,
    'In a thread (slash commands do not work there), mention the bot instead: `@k8s-why why checkout-7d9f`.',
    'On an alert message, use the message shortcut *Diagnose pod* (⋮ → More message shortcuts).',
    ...(topic ? [`There is no command "${escapeMrkdwn(topic)}"; the commands are above.`] : []),
  ].join('\n');
}

/** A typo or missing target: what was wrong, then the usage line to copy. */
export function usageErrorText(error: string, usage: string, slashCommand: string): string {
  const lines = usage.split('\n').map((line) => inlineCode(`${slashCommand} ${line}`));
  return `:warning: ${escapeMrkdwn(error)}\nUsage: ${lines.join('\n')}`;
}
