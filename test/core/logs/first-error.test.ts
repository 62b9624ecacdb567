import { describe, expect, it } from 'vitest';
import { findFirstError, summarizeLine } from '../../../src/core/logs/first-error.ts';
import { logLines } from '../../../src/core/logs/log-lines.ts';

const find = (text: string) => findFirstError(logLines(text));

describe('the first error of a log', () => {
  it('pulls out a Go panic with the frame where the program went wrong', () => {
    const log = [
      'I0317 22:37:40.137524       1 snapshot-controller.go:169] Starting snapshot controller',
      'panic: runtime error: invalid memory address or nil pointer dereference',
      '[signal SIGSEGV: segmentation violation code=0x1 addr=0x8 pc=0x108178b]',
      '',
      'goroutine 29 [running]:',
      'github.com/libopenstorage/stork/drivers/volume/portworx.(*portworx).InspectVolume(0xc4203393a0, 0xc4202c84e0, 0x28)',
      '\t/home/travis/gopath/src/github.com/libopenstorage/stork/drivers/volume/portworx/portworx.go:100 +0x22b',
      'created by github.com/libopenstorage/stork/pkg/monitor.(*Monitor).Start',
      '\t/home/travis/gopath/src/github.com/libopenstorage/stork/pkg/monitor/monitor.go:45 +0x12a',
      'I0317 22:37:41.000000       1 unrelated.go:1] after',
    ].join('\n');
    expect(find(log)).toMatchObject({ kind: 'go-panic', verb: 'panics', start: 1, end: 9, summary: 'nil pointer dereference', location: 'portworx.go:100' });
  });

  it('skips the Go runtime frames of an explicit panic', () => {
    const log = ['panic: open /etc/app/config.yaml: no such file or directory', '', 'goroutine 1 [running]:', 'main.main()', '\t/usr/local/go/src/runtime/panic.go:1038 +0x215', 'main.loadConfig(...)', '\t/src/cmd/app/main.go:42 +0x1e5'].join('\n');
    expect(find(log)).toMatchObject({ summary: 'open /etc/app/config.yaml: no such file or directory', location: 'main.go:42' });
  });

  it('reads a Go fatal error (concurrent map writes, runtime out of memory)', () => {
    const log = ['fatal error: concurrent map writes', '', 'goroutine 153 [running]:', 'runtime.throw({0x1a2b3c, 0x15})', '\t/usr/local/go/src/runtime/panic.go:1077 +0x5c', 'main.(*cache).put(...)', '\t/app/cache.go:31 +0x88'].join('\n');
    expect(find(log)).toMatchObject({ kind: 'go-fatal', verb: 'crashes', summary: 'concurrent map writes', location: 'cache.go:31' });
  });

  it('follows a Java exception down its Caused by chain', () => {
    const log = [
      '2024-02-20T09:14:28.538Z ERROR 1 --- [main] o.s.boot.SpringApplication : Application run failed',
      '',
      "org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'dataSource'",
      '\tat org.springframework.beans.factory.support.AbstractBeanFactory.doGetBean(AbstractBeanFactory.java:326)',
      '\tat com.acme.shop.Application.main(Application.java:13)',
      'Caused by: java.net.UnknownHostException: postgres-primary',
      '\tat java.base/java.net.InetAddress.getAllByName0(InetAddress.java:1534)',
      '\tat org.postgresql.core.PGStream.createSocket(PGStream.java:243)',
      '\t... 45 common frames omitted',
    ].join('\n');
    expect(find(log)).toMatchObject({
      kind: 'java',
      verb: 'throws',
      start: 2,
      end: 9,
      summary: 'BeanCreationException, caused by UnknownHostException: postgres-primary',
      location: 'PGStream.java:243',
    });
  });

  it('takes the last exception of a chained Python traceback', () => {
    const log = [
      'Traceback (most recent call last):',
      '  File "/app/settings.py", line 12, in <module>',
      '    DATABASE_URL = os.environ["DATABASE_URL"]',
      '  File "/usr/local/lib/python3.12/os.py", line 714, in __getitem__',
      '    raise KeyError(key) from None',
      "KeyError: 'DATABASE_URL'",
      '',
      'During handling of the above exception, another exception occurred:',
      '',
      'Traceback (most recent call last):',
      '  File "/app/main.py", line 3, in <module>',
      '    import settings',
      'django.core.exceptions.ImproperlyConfigured: Set the DATABASE_URL environment variable',
      '[2024-05-01 10:00:01 +0000] [1] [INFO] Shutting down: Master',
    ].join('\n');
    expect(find(log)).toMatchObject({
      kind: 'python',
      verb: 'raises',
      end: 13,
      summary: 'django.core.exceptions.ImproperlyConfigured: Set the DATABASE_URL environment variable',
      location: 'main.py:3',
    });
  });

  it('reads a Node.js uncaught error with the source line node prints above it', () => {
    const log = [
      'node:internal/modules/cjs/loader:1080',
      '  throw err;',
      '  ^',
      '',
      "Error: Cannot find module 'express'",
      'Require stack:',
      '- /app/server.js',
      '    at Module._resolveFilename (node:internal/modules/cjs/loader:1077:15)',
      '    at Object.<anonymous> (/app/server.js:1:17)',
      '    at Module._compile (node:internal/modules/cjs/loader:1198:14) {',
      "  code: 'MODULE_NOT_FOUND',",
      "  requireStack: [ '/app/server.js' ]",
      '}',
      '',
      'Node.js v18.17.0',
    ].join('\n');
    expect(find(log)).toMatchObject({ kind: 'node', start: 0, end: 15, summary: "Error: Cannot find module 'express'", location: 'server.js:1' });
  });

  it('reads unhandled promise rejections, old and new', () => {
    expect(find('(node:1) UnhandledPromiseRejectionWarning: Error: connect ECONNREFUSED 127.0.0.1:5432\n')?.summary).toBe(
      'unhandled promise rejection: Error: connect ECONNREFUSED 127.0.0.1:5432',
    );
    const newer =
      'node:internal/process/promises:288\n            triggerUncaughtException(err, true /* fromPromise */);\n            ^\n\n[UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "Redis connection lost".] {\n  code: \'ERR_UNHANDLED_REJECTION\'\n}\n';
    expect(find(newer)?.summary).toBe('unhandled promise rejection: Redis connection lost');
  });

  it('reads V8 running out of heap', () => {
    const log = '<--- JS stacktrace --->\n\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n 1: 0xb7b3e0 node::Abort() [node]\n 2: 0xa8e823  [node]\n';
    expect(find(log)).toMatchObject({ verb: 'crashes', summary: 'Reached heap limit Allocation failed - JavaScript heap out of memory' });
  });

  it('reads Rust panics in both formats and .NET unhandled exceptions', () => {
    expect(find("thread 'main' panicked at 'called `Option::unwrap()` on a `None` value', src/config.rs:27:41\n")).toMatchObject({ summary: 'called `Option::unwrap()` on a `None` value', location: 'config.rs:27' });
    expect(find("thread 'main' panicked at src/config.rs:27:41:\nmissing field `port`\nnote: run with `RUST_BACKTRACE=1`\n")).toMatchObject({ summary: 'missing field `port`', location: 'config.rs:27' });
    const dotnet = 'Unhandled exception. System.InvalidOperationException: Unable to resolve service for type IOrderRepository\n   at Microsoft.Extensions.DependencyInjection.ServiceLookup.CallSiteFactory.CreateArgumentCallSites()\n   at Shop.Program.Main(String[] args) in /src/Shop/Program.cs:line 21\n';
    expect(find(dotnet)).toMatchObject({ kind: 'dotnet', summary: 'InvalidOperationException: Unable to resolve service for type IOrderRepository', location: 'Program.cs:21' });
  });

  it('prefers a crash signature to an earlier error-level line', () => {
    const log = ['2024-05-01 10:00:00 ERROR retrying connection to cache', 'Traceback (most recent call last):', '  File "/app/w.py", line 9, in <module>', 'RuntimeError: boom'].join('\n');
    expect(find(log)?.kind).toBe('python');
  });

  it('prefers a fatal line to error lines, and the first of equals', () => {
    const klog = ['E0412 08:02:10.000000       1 client.go:88] connection reset, retrying', 'E0412 08:02:10.500000       1 client.go:88] connection reset, retrying', 'F0412 08:02:11.105120       1 main.go:54] failed to load config: open /etc/app.yaml: no such file or directory'].join('\n');
    expect(find(klog)).toMatchObject({ kind: 'fatal', start: 2, location: 'main.go:54', summary: 'failed to load config: open /etc/app.yaml: no such file or directory' });
    expect(find(klog.split('\n').slice(0, 2).join('\n'))).toMatchObject({ kind: 'error', start: 0 });
  });

  it('does not take ordinary lines that mention errors for errors', () => {
    expect(find('INFO processed 1200 rows, 0 errors\nINFO error budget at 99.9%\nWARN slow query (1200ms)\n')).toBeUndefined();
  });
});

describe('one log line as a title can quote it', () => {
  it.each([
    ['{"level":"error","ts":"2024-05-01T10:00:00Z","msg":"failed to sync","error":"context deadline exceeded"}', 'failed to sync: context deadline exceeded'],
    ['time="2024-05-01T10:00:00Z" level=error msg="cannot open database" err="dial tcp 10.0.0.5:5432: connect: connection refused"', 'cannot open database: dial tcp 10.0.0.5:5432: connect: connection refused'],
    ['2024-05-01T10:00:00.123Z ERROR payment declined for order 1234', 'payment declined for order 1234'],
    ['[2024-05-01 10:00:00,123] ERROR: worker lost', 'worker lost'],
  ])('%s', (line, summary) => {
    expect(summarizeLine(line)).toBe(summary);
  });
});
