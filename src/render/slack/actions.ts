import type { ActionsBlock } from './block-kit.ts';

/**
 * A button the Slack app wants under an answer ("Re-run", "Show full logs", "Open runbook").
 * The renderer only draws them; what a click does belongs to the Slack app's handlers, which
 * match on actionId and read value.
 */
export interface ActionButton {
  /** The label, at most 75 characters (longer is cut). */
  text: string;
  /** What the app's handler matches on; unique within the message. */
  actionId: string;
  /** Passed back to the handler, at most 2000 characters: e.g. the target and namespace as JSON. */
  value?: string;
  /** Opens a link instead of (or as well as) calling the handler. */
  url?: string;
  style?: 'primary' | 'danger';
}

export function actionsBlock(buttons: readonly ActionButton[]): ActionsBlock {
  return {
    type: 'actions',
    block_id: 'k8s-why-actions',
    elements: buttons.map((button) => ({
      type: 'button',
      text: { type: 'plain_text', text: button.text, emoji: true },
      action_id: button.actionId,
      ...(button.value !== undefined ? { value: button.value } : {}),
      ...(button.url !== undefined ? { url: button.url } : {}),
      ...(button.style !== undefined ? { style: button.style } : {}),
    })),
  };
}
