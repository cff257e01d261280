import { it } from 'vitest';
import { buildPackage } from './support/package-build.util.js';
import { classify, exportTargets, reachableFiles, scanPackage } from './support/package-rules.util.js';
it('debug', async () => {
  const pkg = await buildPackage();
  const js = await scanPackage(pkg, false);
  const dts = await scanPackage(pkg, true);
  const bare = new Map<string, string>();
  for (const [f, s] of [...js, ...dts]) for (const r of s.references) if (!r.specifier.startsWith('.')) bare.set(`${r.specifier} ${classify(r.specifier, pkg.manifest)} ${r.kind} ${r.typeOnly}`, f);
  console.log([...bare].map(([k, f]) => `${k}  <- ${f}`).sort().join('\n'));
  const g = reachableFiles(exportTargets(pkg.manifest, ['.', './testing'], 'import'), js, false, true);
  console.log('graph', g.size, js.size, [...g].filter(f => f.includes('queue')));
  console.log(pkg.files.length, pkg.files.filter(f=>!f.startsWith('dist/')));
  await pkg.cleanup();
}, 60000);
