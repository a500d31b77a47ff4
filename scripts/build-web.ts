/**
 * Builds the front ends with esbuild: the widget (embedded on news sites)
 * and the moderator console, each one bundle with its styles, named by a hash
 * of its content so it can be cached for a year (`dist/web/<name>.<hash>.js`),
 * and a manifest the server reads to serve them. Part of `npm run build`;
 * type-checked beforehand with `tsc -p web/tsconfig.json`.
 */
import { build } from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { projectRoot } from '../src/config/project-root';

export const WEB_ENTRIES = { widget: 'web/widget/main.tsx', console: 'web/console/main.tsx' } as const;

async function main(): Promise<void> {
  const root = projectRoot();
  const outdir = path.join(root, 'dist/web');
  fs.rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(WEB_ENTRIES).map(([name, file]) => [name, path.join(root, file)])),
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    entryNames: '[name].[hash]',
    outdir,
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const manifest: Record<string, string> = {};
  for (const [file, meta] of Object.entries(result.metafile.outputs)) {
    if (!meta.entryPoint) continue;
    const name = Object.entries(WEB_ENTRIES).find(([, entry]) => path.resolve(root, entry) === path.resolve(root, meta.entryPoint!))?.[0];
    if (name) manifest[name] = path.basename(file);
  }
  fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  for (const [name, file] of Object.entries(manifest)) {
    const bytes = fs.readFileSync(path.join(outdir, file));
    console.log(`web: ${name} ${file} ${(bytes.length / 1024).toFixed(1)} KB, ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1)} KB gzipped`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
