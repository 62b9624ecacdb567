import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFixture } from './replay-fixture.ts';

let fixture: Awaited<ReturnType<typeof serveFixture>>;
beforeAll(async () => {
  fixture = await serveFixture();
});
afterAll(() => fixture.server.close());

async function log(pod: string, params: Record<string, string> = {}) {
  const response = await fixture.get(`/api/v1/namespaces/shop/pods/${pod}/log?${new URLSearchParams(params)}`);
  const text = await response.text();
  return { status: response.status, text, message: response.status === 200 ? undefined : (JSON.parse(text).message as string) };
}

describe('replay server pod logs', () => {
  it('serves the previous instance of a container as text', async () => {
    const { status, text } = await log('api-1', { container: 'api', previous: 'true' });
    expect(status).toBe(200);
    expect(text).toBe('starting api 2.3\n2026-11-21T11:57:55.250Z connecting to postgres at db:5432\npanic: dial tcp 10.96.0.12:5432: connect: connection refused\n');
  });

  it('bounds output by tailLines, then limitBytes', async () => {
    expect((await log('api-1', { container: 'api', previous: 'true', tailLines: '1' })).text).toBe('panic: dial tcp 10.96.0.12:5432: connect: connection refused\n');
    expect((await log('api-1', { container: 'api', previous: 'true', tailLines: '1', limitBytes: '5' })).text).toBe('panic');
    expect((await log('web-1', { tailLines: '0' })).text).toBe('');
  });

  it('keeps only lines written since a time, judged by the same times timestamps show', async () => {
    const { text } = await log('api-1', { container: 'api', previous: 'true', sinceTime: '2026-11-21T11:57:56Z' });
    expect(text).toBe('panic: dial tcp 10.96.0.12:5432: connect: connection refused\n');
  });

  it('prefixes RFC 3339 timestamps within the container run, keeping a time the line already states', async () => {
    const { text } = await log('api-1', { container: 'api', previous: 'true', timestamps: 'true' });
    const stamps = text.trimEnd().split('\n').map((line) => line.split(' ')[0]!);
    for (const stamp of stamps) expect(stamp).toMatch(/^2026-11-21T11:5\d:\d\d(\.\d{1,9})?Z$/);
    const times = stamps.map((stamp) => Date.parse(stamp));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(Date.parse('2026-11-21T11:57:50Z'));
    expect(times.at(-1)).toBeLessThanOrEqual(Date.parse('2026-11-21T11:58:00Z'));
    expect(stamps[1]).toMatch(/^2026-11-21T11:57:55\.25\d+Z$/);
    expect(text).toContain(' panic: dial tcp');
  });

  it('says there is no previous instance the way the kubelet does', async () => {
    const { status, message } = await log('web-1', { previous: 'true' });
    expect(status).toBe(400);
    expect(message).toBe('previous terminated container "app" in pod "web-1" not found');
  });

  it('asks for a container name on a pod with several, naming them and the init containers', async () => {
    const { status, message } = await log('api-1');
    expect(status).toBe(400);
    expect(message).toBe('a container name must be specified for pod api-1, choose one of: [api proxy] or one of the init containers: [migrate]');
    expect((await log('api-1', { container: 'nginx' })).message).toBe('container nginx is not valid for pod api-1');
  });

  it('explains a container that never started instead of returning nothing', async () => {
    expect((await log('pull-1')).message).toBe('container "app" in pod "pull-1" is waiting to start: trying and failing to pull image');
  });

  it('shows the last run of a crash-looping container as its current log', async () => {
    expect((await log('api-1', { container: 'api' })).text).toContain('panic: dial tcp 10.96.0.12:5432');
  });

  it('answers an unscheduled pod with an empty log, and an unknown pod with NotFound', async () => {
    expect(await log('pending-1')).toMatchObject({ status: 200, text: '' });
    expect(await log('ghost')).toMatchObject({ status: 404, message: 'pods "ghost" not found' });
  });

  it('rejects bad bounds as the API server validates them', async () => {
    expect(await log('web-1', { tailLines: '-1' })).toMatchObject({ status: 422, message: 'PodLogOptions "web-1" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0' });
    expect((await log('web-1', { limitBytes: 'lots' })).status).toBe(400);
  });
});
