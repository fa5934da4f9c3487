// The npm registry this project's machines reach serves only some platform builds of packages with
// per-platform optional dependencies (e.g. @rollup/rollup-android-arm-eabi answers 404). npm then
// leaves them out of package-lock.json, and `npm ci` refuses the lock as "out of sync". This adds
// lock entries for the missing optional platform packages, marked with their os/cpu, so `npm ci`
// accepts the lock and skips them on this platform as it would anyway. Run after `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const OS = { android: 'android', darwin: 'darwin', freebsd: 'freebsd', linux: 'linux', openbsd: 'openbsd', openharmony: 'openharmony', win32: 'win32', sunos: 'sunos', aix: 'aix', netbsd: 'netbsd' };
const CPU = { arm: 'arm', arm64: 'arm64', x64: 'x64', ia32: 'ia32', loong64: 'loong64', ppc64: 'ppc64', riscv64: 'riscv64', s390x: 's390x', mips64el: 'mips64el' };

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [dep, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = path ? `${path}/node_modules/${dep}` : `node_modules/${dep}`;
    if (lock.packages[base] || lock.packages[`node_modules/${dep}`]) continue;
    const parts = dep.split('/').pop().split('-');
    const os = parts.find((p) => OS[p]);
    const cpu = parts.find((p) => CPU[p]) ?? (parts.includes('arm') ? 'arm' : undefined);
    if (!os || !cpu) continue;
    lock.packages[`node_modules/${dep}`] = {
      version: String(range).replace(/^[\^~=]/, ''),
      cpu: [cpu],
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      os: [os],
    };
    added += 1;
  }
}
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lockfile: added ${added} platform stub entries`);
