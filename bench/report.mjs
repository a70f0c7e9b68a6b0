// Gathers every figure of a `scripts/bench` run into one table, prints it and writes it as
// Markdown.
//
//   node bench/report.mjs [--strict] --out FILE.md --header TEXT INPUT...
//
// An INPUT ending in .json is a list of figures from bench/app.mjs or bench/peer.mjs
// ({ name, stat, unit, budget, samples }); any other INPUT is text in which every line that
// contains "figure<TAB>" gives name, median, min, max, budget ("-" for none) and optionally a
// unit (benches/common, tests/browser_bench.rs, scripts/bench). Exit code 0, or 1 with
// --strict when a figure is over its budget.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { summary } from './lib.mjs';

const args = process.argv.slice(2);
let strict = false;
let out = null;
let header = '';
const inputs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--strict') strict = true;
  else if (args[i] === '--out') out = args[++i];
  else if (args[i] === '--header') header = args[++i];
  else inputs.push(args[i]);
}

const rows = [];
for (const input of inputs) {
  const text = readFileSync(input, 'utf8');
  if (input.endsWith('.json')) {
    for (const f of JSON.parse(text)) {
      const s = summary(f.samples);
      const row = { name: f.name, unit: f.unit, stat: f.stat, budget: f.budget, ...s };
      if (f.versus) row.note = ratio(s.median, f.versus);
      rows.push(row);
    }
  } else {
    for (const line of text.split('\n')) {
      const at = line.indexOf('figure\t');
      if (at < 0) continue;
      const [, name, median, min, max, budget, unit] = line.slice(at).trim().split('\t');
      rows.push({
        name,
        unit: unit || 'ms',
        stat: 'median',
        budget: budget === '-' || budget === undefined ? null : Number(budget),
        median: Number(median),
        min: Number(min),
        max: Number(max),
        p95: null,
        n: null,
      });
    }
  }
}

function ratio(ours, versus) {
  const r = versus.median / ours;
  return r >= 1
    ? `${r.toFixed(1)}x faster than ${versus.name}`
    : `${(1 / r).toFixed(1)}x slower than ${versus.name}`;
}

const num = (v) => (v === null || v === undefined || Number.isNaN(v) ? '' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 0.1 ? v.toFixed(2) : v.toPrecision(2));
let over = 0;
const table = rows.map((r) => {
  const value = r.stat === 'p95' ? r.p95 : r.median;
  let verdict = '';
  if (r.budget !== null && r.budget !== undefined) {
    verdict = value < r.budget ? 'under' : 'OVER';
    if (verdict === 'OVER') over++;
  }
  return [
    r.name,
    `${num(r.median)} ${r.unit}`,
    r.min === r.max ? '' : `${num(r.min)}-${num(r.max)}`,
    r.p95 === null ? '' : num(r.p95),
    r.n === null ? '' : String(r.n),
    r.budget === null || r.budget === undefined ? 'reported' : `${r.stat} < ${r.budget} ${r.unit}`,
    verdict || r.note || '',
  ];
});
const head = ['figure', 'median', 'min-max', 'p95', 'n', 'budget', 'verdict'];

// Plain text for the terminal: columns padded to their widest cell.
const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of table) console.log(line(row));
console.log(`\n${over} figure${over === 1 ? '' : 's'} over budget${strict ? ' (--strict: failing)' : ''}`);

if (out) {
  const md = [
    '# Benchmark results',
    '',
    header,
    '',
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...table.map((row) => `| ${row.map((c) => c.trim().replace(/\|/g, '\\|')).join(' | ')} |`),
    '',
    `${over} figure${over === 1 ? '' : 's'} over budget.`,
    '',
  ].join('\n');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, md);
}
process.exit(strict && over > 0 ? 1 : 0);
