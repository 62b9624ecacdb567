import { describe, expect, it } from 'vitest';
import { redactText } from '../../../src/core/redaction/redact-text.ts';

describe('secret redaction', () => {
  it.each([
    ['a bearer token', 'GET /api/orders Authorization: Bearer 8f2b1c9d0e7a6f5b4c3d2e1f', 'GET /api/orders Authorization: Bearer ****'],
    ['a basic auth header', 'curl -H "Authorization: Basic dXNlcjpwYXNzd29yZA==" https://x', 'curl -H "Authorization: Basic ****" https://x'],
    ['a bare bearer token', 'sending Bearer abc.def-ghi_jkl to upstream', 'sending Bearer **** to upstream'],
    [
      'a JWT',
      'token=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U rejected',
      'token=**** rejected',
    ],
    ['a JWT outside key=value', 'invalid jwt eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJrOHMifQ.c2lnbmF0dXJl for sa', 'invalid jwt **** for sa'],
    ['an AWS access key id', 'using credentials AKIAIOSFODNN7EXAMPLE from env', 'using credentials AKIA**** from env'],
    ['an AWS secret key', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key = ****'],
    ['an AWS secret key in env form', 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'AWS_SECRET_ACCESS_KEY=****'],
    ['a Slack bot token', 'slack client xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx ready', 'slack client xoxb-**** ready'],
    ['a Slack webhook', 'posting to https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX', 'posting to https://hooks.slack.com/services/****'],
    ['a GitHub token', 'git clone https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/acme/x', 'git clone https://ghp_****@github.com/acme/x'],
    ['a GitHub fine-grained token', 'GITHUB_TOKEN=github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', 'GITHUB_TOKEN=****'],
    ['a password in key=value', 'connecting with user=app password=hunter2 host=db', 'connecting with user=app password=**** host=db'],
    ['a password in YAML', '  password: hunter2', '  password: ****'],
    ['a password in JSON', '{"user":"app","password":"hun ter2","port":5432}', '{"user":"app","password":"****","port":5432}'],
    ['an api_key in logfmt', 'level=error msg="login failed" api_key=abcd1234 user=bob', 'level=error msg="login failed" api_key=**** user=bob'],
    ['a secret= value', 'client_secret=s3cr3t&grant_type=client_credentials', 'client_secret=****&grant_type=client_credentials'],
    ['a token in a URL query', 'GET http://10.1.2.3:8080/health?health_access_key=7c2f0b61&check=db', 'GET http://10.1.2.3:8080/health?health_access_key=****&check=db'],
    ['a connection-string password', 'Server=db;Database=shop;User Id=sa;Password=Sup3r!;Encrypt=true', 'Server=db;Database=shop;User Id=sa;Password=****;Encrypt=true'],
    ['credentials in a URL', 'dial postgres://app:s3cr3t@db.shop.svc:5432/shop?sslmode=disable', 'dial postgres://app:****@db.shop.svc:5432/shop?sslmode=disable'],
    ['a password with @ in a URL', 'mongodb+srv://admin:p@ss@cluster0.mongodb.net/test', 'mongodb+srv://admin:****@cluster0.mongodb.net/test'],
    ['a Redis URL without user', 'broker redis://:r3d1s-pa55@redis-master:6379/0', 'broker redis://:****@redis-master:6379/0'],
    ['a password flag', 'mysql --user root --password hunter2 -h db', 'mysql --user root --password **** -h db'],
    ['a password= flag', 'psql --password=hunter2', 'psql --password=****'],
  ])('masks %s', (_what, input, output) => {
    expect(redactText(input)).toBe(output);
  });

  it('masks a private key block, also one cut off by a log tail', () => {
    const key = 'loading key\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\nabcdef\n-----END RSA PRIVATE KEY-----\ndone';
    expect(redactText(key)).toBe('loading key\n-----BEGIN RSA PRIVATE KEY-----\n****\n-----END RSA PRIVATE KEY-----\ndone');
    expect(redactText('-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq')).toBe('-----BEGIN PRIVATE KEY-----\n****\n-----END PRIVATE KEY-----');
  });

  it.each([
    'Error: secret "db-creds" not found',
    'FATAL:  password authentication failed for user "app"',
    'secretName: db-creds',
    'token_type=Bearer max_tokens=100 tokens=5',
    'PWD=/app OLDPWD=/ HOME=/root',
    'Readiness probe failed: Get "http://10.244.3.57:8080/health?check=login": context deadline exceeded',
    "couldn't find key password in Secret shop/db",
    'bypass=true passthrough=1',
    'failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://acr.azurecr.io/oauth2/token?scope=repository%3Aapi%3Apull: 401 Unauthorized',
    'failed to authorize: failed to fetch oauth token: unexpected status: 403 Forbidden',
  ])('leaves ordinary text alone: %s', (text) => {
    expect(redactText(text)).toBe(text);
  });

  it('does not let a YAML key swallow the next line', () => {
    expect(redactText('volumes:\n- secret:\n    secretName: db-creds')).toBe('volumes:\n- secret:\n    secretName: db-creds');
  });

  it('is idempotent, so text redacted upstream can pass through again', () => {
    const text = 'Authorization: Bearer abc password=x postgres://u:p@h/db AKIAIOSFODNN7EXAMPLE -----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----';
    const once = redactText(text);
    expect(redactText(once)).toBe(once);
  });
});
