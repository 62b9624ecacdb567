import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EVENTS_PATH } from '../../src/adapters/dev-server/dev-server.ts';
import { VERBS } from '../../src/commands/command.ts';
import { parseAppConfig } from '../../src/slack/app-config.ts';
import { REPO_ROOT } from '../support/scenarios.ts';

// The manifest is pasted into Slack once; what it names must be what the app listens for.

interface Manifest {
  display_information: { name: string; description: string };
  features: {
    slash_commands: { command: string; url: string; usage_hint: string }[];
    shortcuts: { name: string; type: string; callback_id: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = parse(readFileSync(join(REPO_ROOT, 'infra/slack/manifest.yaml'), 'utf8')) as Manifest;
const defaults = parseAppConfig('channels: {}\n', 'defaults');
if (!defaults.ok) throw new Error(defaults.error);

describe('infra/slack/manifest.yaml', () => {
  it("declares the slash command and the message shortcut the configuration's defaults listen for", () => {
    expect(manifest.features.slash_commands.map((command) => command.command)).toEqual([defaults.config.slashCommand]);
    expect(manifest.features.shortcuts).toEqual([expect.objectContaining({ name: 'Diagnose pod', type: 'message', callback_id: defaults.config.shortcutCallbackId })]);
  });

  it('asks for exactly the scopes the app uses, and the app_mention event', () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(['app_mentions:read', 'chat:write', 'commands', 'files:write']);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_mention']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('sends commands, events and clicks to the one path the receivers serve', () => {
    const urls = [manifest.features.slash_commands[0]!.url, manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url];
    for (const url of urls) expect(new URL(url).pathname).toBe(EVENTS_PATH);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it("fits the manifest schema's display limits (name 35, description 140 characters)", () => {
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
  });

  it('hints every verb of the command grammar', () => {
    for (const verb of VERBS) expect(manifest.features.slash_commands[0]!.usage_hint).toContain(verb);
  });
});
