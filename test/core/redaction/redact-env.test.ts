import { describe, expect, it } from 'vitest';
import { redactCommand, redactEnv } from '../../../src/core/redaction/redact-env.ts';

describe('env and command redaction', () => {
  it('masks secret-named literals and secrets inside other values, and keeps references', () => {
    const env = redactEnv([
      { name: 'DB_PASSWORD', value: 'hunter2' },
      { name: 'DATABASE_URL', value: 'postgres://app:hunter2@db:5432/shop' },
      { name: 'STRIPE_API_KEY', valueFrom: { secretKeyRef: { name: 'stripe', key: 'api-key' } } },
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'PWD', value: '/app' },
    ]);
    expect(env).toEqual([
      { name: 'DB_PASSWORD', value: '****' },
      { name: 'DATABASE_URL', value: 'postgres://app:****@db:5432/shop' },
      { name: 'STRIPE_API_KEY', valueFrom: { secretKeyRef: { name: 'stripe', key: 'api-key' } } },
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'PWD', value: '/app' },
    ]);
  });

  it('shows a command line with its secret arguments masked', () => {
    expect(redactCommand(['sh', '-c', 'pg_dump --password hunter2 -h db shop'])).toBe('sh -c "pg_dump --password **** -h db shop"');
    expect(redactCommand(['migrate', '--database-url=postgres://u:pw@db/x', 'up'])).toBe('migrate --database-url=postgres://u:****@db/x up');
  });
});
