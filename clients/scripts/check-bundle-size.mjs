// Prints the gzipped size of the JavaScript index.html loads before anything else (its entry module and the
// modules that entry imports statically) and fails the build above the budget. Lazily loaded chunks do not count.
//
//   node ../scripts/check-bundle-size.mjs BUDGET_KB      (from an app's folder, after vite build into dist/)
import { readFile, readdir } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { join } from "node:path";

const budgetKb = Number(process.argv[2]);
if (!(budgetKb > 0)) {
  console.error("usage: check-bundle-size.mjs BUDGET_KB (run in the app's folder)");
  process.exit(2);
}
const budgetBytes = budgetKb * 1024;
const dist = join(process.cwd(), "dist");
const manifest = JSON.parse(await readFile(join(dist, ".vite", "manifest.json"), "utf8"));

const initial = new Set();
function visit(key) {
  const chunk = manifest[key];
  if (!chunk || initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
}
for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);

let total = 0;
for (const file of initial) {
  const size = gzipSync(await readFile(join(dist, file)), { level: 9 }).length;
  total += size;
  console.log(`  ${file.padEnd(40)} ${(size / 1024).toFixed(1)} KB gzipped`);
}
const all = (await readdir(join(dist, "assets"))).filter((name) => name.endsWith(".js")).length;
console.log(`initial JavaScript: ${(total / 1024).toFixed(1)} KB gzipped (budget ${budgetBytes / 1024} KB; ${initial.size} of ${all} chunks)`);
if (total > budgetBytes) {
  console.error("initial JavaScript is over budget");
  process.exit(1);
}
