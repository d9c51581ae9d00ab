// Preloaded with `node --require` into a command the bench does not own (our CLI, wsdl-tsclient):
// on exit it writes the process's peak RSS and CPU time to the file named by BENCH_PROBE_OUT.
// Node has no getrusage(RUSAGE_CHILDREN), so the child reports its own high-water mark.

import * as fs from 'node:fs';

const out = process.env['BENCH_PROBE_OUT'];
if (out !== undefined && out !== '') {
  process.on('exit', (code) => {
    const u = process.resourceUsage();
    const report = {
      maxRssBytes: u.maxRSS * 1024,
      userMs: u.userCPUTime / 1000,
      systemMs: u.systemCPUTime / 1000,
      uptimeMs: process.uptime() * 1000,
      exitCode: code,
    };
    fs.writeFileSync(out, JSON.stringify(report));
  });
}
