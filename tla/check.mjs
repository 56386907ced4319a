#!/usr/bin/env node
// check.mjs: the TLA+ checks CI runs on tla/ (see README.md).
//
//   node check.mjs                 syntax gate on every tla/*.tla, then every model in manifest.json
//   node check.mjs --only A,B      only the named models (the gate still runs)
//   node check.mjs --selftest      show that the checks can fail (testdata/)
//   node check.mjs --dump DIR      also write each model's flattened module and cfg to DIR
//   node check.mjs --trace         print counterexamples, expected ones too
//   node check.mjs --jobs N        models checked in parallel (default: the number of CPUs)
//   node check.mjs --update        write the distinct-state counts found into manifest.json
//                                  (only for models whose result is the expected one)
//   node check.mjs --tlc           SANY + TLC instead of tla-checker; needs TLA2TOOLS_JAR
//                                  (with --update: record TLC's counts in the manifest)
//
// Syntax gate: @tlaplus/tree-sitter-tlaplus, any ERROR or MISSING node fails, reported as file:line:col;
// so do the constructs tla-checker is known to evaluate differently from TLC (see pitfalls()).
//
// Models: tla-checker (WebAssembly) checks one self-contained module and cannot resolve EXTENDS of our
// own modules, nor `X <- Def` in a cfg. The .tla and .cfg files stay standard TLA+ (TLC runs them as
// they are); before tla-checker sees a model this runner flattens it:
//   1. EXTENDS: every extended module that is a file next to the model (Channels.tla …) is replaced,
//      recursively and once each, by its body (the text between its EXTENDS and its ====); the standard
//      modules they extend are merged into one EXTENDS line.
//   2. All CONSTANT(S) declarations are merged into the first one, all VARIABLE(S) declarations
//      likewise (tla-checker keeps only the last declaration of each kind).
//   3. `X <- Def` in the cfg: the substitution is dropped from the cfg; Def is evaluated once and its
//      value passed as `X = value` in the cfg (tla-checker re-evaluates a definition at every use, so
//      this makes the models about 4 times faster); where the value cannot be written back as TLA+,
//      X is dropped from the CONSTANTS and `X == Def` appended to the module instead.
// Use --dump DIR to see exactly what was checked.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Parser, Language } from 'web-tree-sitter';
import { initSync, check_spec_with_options, explore_eval } from 'tla-checker';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MAX_STATES = 2_000_000;
const MAX_DEPTH = 100_000;

// ---------------------------------------------------------------------------------------------
// Tools

let parser;
export async function loadParser() {
  if (parser) return parser;
  await Parser.init();
  const grammar = path.join(HERE, 'node_modules/@tlaplus/tree-sitter-tlaplus/tree-sitter-tlaplus.wasm');
  const lang = await Language.load(grammar);
  parser = new Parser();
  parser.setLanguage(lang);
  return parser;
}

let checkerReady = false;
export function loadChecker() {
  if (checkerReady) return;
  const wasm = path.join(HERE, 'node_modules/tla-checker/tla_checker_bg.wasm');
  initSync({ module: fs.readFileSync(wasm) });
  checkerReady = true;
}

const rel = (f) => path.relative(process.cwd(), f) || f;

// ---------------------------------------------------------------------------------------------
// Syntax gate

// syntaxProblems returns one entry per ERROR or MISSING node of the file's syntax tree.
function syntaxProblems(file) {
  const tree = parser.parse(fs.readFileSync(file, 'utf8'));
  const problems = [];
  const walk = (node) => {
    if (node.isError || node.isMissing) {
      const { row, column } = node.startPosition;
      const what = node.isMissing ? `missing ${node.type}` : `syntax error near ${JSON.stringify(node.text.slice(0, 40))}`;
      problems.push(`${rel(file)}:${row + 1}:${column + 1}: ${what}`);
      return;
    }
    if (!node.hasError) return;
    for (const child of node.children) walk(child);
  };
  walk(tree.rootNode);
  tree.delete();
  return problems;
}

function syntaxGate(files) {
  const problems = files.flatMap(syntaxProblems);
  if (problems.length === 0) problems.push(...pitfalls(files));
  return { ok: problems.length === 0, problems };
}

// ---------------------------------------------------------------------------------------------
// Checker pitfalls: valid TLA+ that tla-checker 0.9.0 evaluates wrongly, found while writing
// Channels.tla (README.md "tla-checker notes").  Reported like syntax errors, with the fix.

const at = (file, node) => `${rel(file)}:${node.startPosition.row + 1}:${node.startPosition.column + 1}`;

// pitfalls returns one entry per pitfall in the files:
//  - capture: an argument mentions the name of another parameter of the operator it is passed to
//    (F(a, b) == <<a, b>> called as F(b, a) or F(b + 1, 7)): tla-checker substitutes the parameters
//    one after the other, so a later substitution rewrites an earlier one's argument.
//  - let: a LET/IN inside a \/ list item, other than at the item's start and not parenthesized,
//    with more items after it: tla-checker lets the LET's body swallow the following items.
//  - implies: A => B /\ C (or <=>) with the /\ unparenthesized: tla-checker reads it as
//    (A => B) /\ C, while in TLA+ /\ binds tighter than => and <=>.
function pitfalls(files) {
  const trees = files.map((f) => [f, parser.parse(fs.readFileSync(f, 'utf8'))]);
  const params = new Map();
  const paramName = (p) => (p.type === 'identifier' ? p.text : p.childForFieldName('name')?.text);
  for (const [, tree] of trees) {
    for (const d of tree.rootNode.descendantsOfType('operator_definition')) {
      const ps = d.childrenForFieldName('parameter').filter((n) => n.isNamed);
      if (ps.length) params.set(d.childForFieldName('name').text, ps.map(paramName));
    }
  }
  const problems = [];
  for (const [file, tree] of trees) {
    for (const call of tree.rootNode.descendantsOfType('bound_op')) {
      const name = call.childForFieldName('name')?.text;
      const ps = params.get(name);
      if (!ps) continue;
      const args = call.childrenForFieldName('parameter').filter((n) => n.isNamed);
      args.forEach((arg, k) => {
        const mentioned = new Set(arg.descendantsOfType('identifier_ref').map((n) => n.text));
        if (arg.type === 'identifier_ref') mentioned.add(arg.text);
        ps.forEach((p, j) => {
          // p passed as itself to parameter p is substituted by itself: harmless in any order
          if (j !== k && mentioned.has(p) && args[j]?.text !== p) {
            problems.push(`${at(file, arg)}: argument ${k + 1} of ${name} mentions ${p}, the name of its parameter ${j + 1}; ` +
              'tla-checker would capture it: rename a parameter of ' + name);
          }
        });
      });
    }
    for (const op of tree.rootNode.descendantsOfType('bound_infix_op')) {
      if (!['implies', 'iff'].includes(op.childForFieldName('symbol')?.type)) continue;
      const hasAnd = (n) => n?.type === 'bound_infix_op' &&
        (n.childForFieldName('symbol')?.type === 'land' || hasAnd(n.childForFieldName('lhs')) || hasAnd(n.childForFieldName('rhs')));
      if (hasAnd(op.childForFieldName('rhs'))) {
        problems.push(`${at(file, op)}: /\\ on the right of ${op.childForFieldName('symbol').text} without parentheses; ` +
          'tla-checker would read A => B /\\ C as (A => B) /\\ C: parenthesize the right side');
      }
    }
    for (const let_ of tree.rootNode.descendantsOfType('let_in')) {
      let n = let_;
      while (n.parent && !['disj_item', 'parentheses', 'operator_definition'].includes(n.parent.type)) n = n.parent;
      const item = n.parent;
      if (item?.type !== 'disj_item' || !item.nextNamedSibling) continue;
      const body = item.namedChildren.find((c) => c.type !== 'bullet_disj');
      if (body && body.startIndex === let_.startIndex) continue;
      problems.push(`${at(file, let_)}: LET inside a \\/ item with items after it; tla-checker would let it ` +
        'swallow them: parenthesize the LET or move it into its own definition');
    }
  }
  for (const [, tree] of trees) tree.delete();
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Flattening (see the header comment)

function moduleNode(tree, file) {
  const mod = tree.rootNode.namedChildren.find((n) => n.type === 'module');
  if (!mod) throw new Error(`${rel(file)}: no MODULE found`);
  return mod;
}

// parseModule returns the module's name, the names it EXTENDS and its body text.
function parseModule(file) {
  const text = fs.readFileSync(file, 'utf8');
  const tree = parser.parse(text);
  try {
    const mod = moduleNode(tree, file);
    const name = mod.childForFieldName('name').text;
    const ext = mod.namedChildren.find((n) => n.type === 'extends');
    const headers = mod.children.filter((n) => n.type === 'header_line');
    const end = mod.children.filter((n) => n.type === 'double_line').pop();
    if (!end) throw new Error(`${rel(file)}: module has no closing ====`);
    const start = ext ? ext.endIndex : headers[headers.length - 1].endIndex;
    const extendsNames = ext ? ext.namedChildren.map((n) => n.text) : [];
    return { name, extendsNames, body: text.slice(start, end.startIndex) };
  } finally {
    tree.delete();
  }
}

// collect walks the EXTENDS graph depth first: own modules' bodies in dependency order, once each.
function collect(file, acc = { std: [], bodies: [], seen: new Set() }) {
  const m = parseModule(file);
  if (acc.seen.has(m.name)) return acc;
  acc.seen.add(m.name);
  for (const n of m.extendsNames) {
    const own = path.join(path.dirname(file), `${n}.tla`);
    if (fs.existsSync(own)) collect(own, acc);
    else if (!acc.std.includes(n)) acc.std.push(n);
  }
  acc.bodies.push({ name: m.name, body: m.body });
  return acc;
}

// splitCfg removes `X <- Def` substitutions from a cfg; it returns the cfg left, the substitutions
// and the cfg's invariant names in order (tla-checker reports a violated invariant by its index).
function splitCfg(cfgText) {
  const subs = [];
  const text = cfgText.replace(/\(\*[\s\S]*?\*\)/g, (c) => c.replace(/[^\n]/g, ' '));
  const lines = text.split('\n').map((line) => {
    line = line.replace(/\\\*.*$/, '');
    return line.replace(/([A-Za-z_]\w*)\s*<-\s*(\[[^\]]*\]\s*)?([A-Za-z_]\w*)/g, (_, x, scope, def) => {
      if (scope) throw new Error(`cfg: module-scoped substitution ${x} <- ${scope}${def} is not supported`);
      subs.push([x, def]);
      return '';
    });
  });
  const tokens = lines.join('\n').split(/\s+/).filter(Boolean);
  const keywords = /^(CONSTANTS?|INIT|NEXT|SPECIFICATION|INVARIANTS?|PROPERTY|PROPERTIES|CHECK_DEADLOCK|SYMMETRY|VIEW|CONSTRAINTS?|ACTION_CONSTRAINTS?|ALIAS|POSTCONDITION)$/;
  const invariants = [];
  let section = '';
  for (const t of tokens) {
    if (keywords.test(t)) section = t;
    else if (/^INVARIANTS?$/.test(section)) invariants.push(t);
  }
  const checkDeadlock = !/CHECK_DEADLOCK\s+FALSE/.test(lines.join('\n'));
  return { cfg: lines.join('\n'), subs, invariants, checkDeadlock };
}

// declarations rewrites the flattened module's CONSTANT(S) and VARIABLE(S) declarations: tla-checker
// keeps only the last declaration of each kind, so all of them are merged into the first; and the
// constants in `defs` (name -> definition text) are dropped from them and defined as `X == Def` at the end.
function declarations(moduleText, defs) {
  const tree = parser.parse(moduleText);
  const decls = { constant_declaration: [], variable_declaration: [] };
  const walk = (node) => {
    if (node.type in decls) decls[node.type].push(node);
    else for (const c of node.namedChildren) walk(c);
  };
  walk(moduleNode(tree, 'flattened module'));
  const declared = new Set();
  const edits = [];
  for (const [type, keyword] of [['constant_declaration', 'CONSTANTS'], ['variable_declaration', 'VARIABLES']]) {
    const nodes = decls[type];
    const items = nodes.flatMap((d) => d.namedChildren.filter((n) => !/comment/.test(n.type)));
    const keep = items.filter((n) => {
      const id = n.type === 'identifier' ? n.text : n.namedChildren[0]?.text; // F(_) declares F
      if (type === 'constant_declaration') declared.add(id);
      return !(type === 'constant_declaration' && defs.has(id));
    });
    nodes.forEach((d, i) => edits.push([d.startIndex, d.endIndex,
      i === 0 && keep.length ? `${keyword} ${keep.map((n) => n.text).join(', ')}` : '']));
  }
  tree.delete();
  let out = moduleText;
  for (const [s, e, r] of edits.sort((x, y) => y[0] - x[0])) out = out.slice(0, s) + r + out.slice(e);
  if (defs.size === 0) return { text: out, declared };
  const end = out.lastIndexOf('\n====');
  const lines = [...defs].map(([x, def]) => `${x} == ${def}`).join('\n');
  return { text: `${out.slice(0, end)}\n\\* cfg substitutions\n${lines}\n${out.slice(end + 1)}`, declared };
}

// tlaValue writes a value that tla-checker returned as JSON back as TLA+ text, or returns undefined
// for a shape it does not know.
function tlaValue(v) {
  const all = (xs) => { const t = xs.map(tlaValue); return t.includes(undefined) ? undefined : t; };
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) { const t = all(v); return t && `{${t.join(', ')}}`; }
  if (v === null || typeof v !== 'object') return undefined;
  if ('__tuple' in v) { const t = all(v.__tuple); return t && `<<${t.join(', ')}>>`; }
  if ('__fn' in v || '__model' in v) return undefined;
  const keys = Object.keys(v);
  if (keys.length === 0 || !keys.every((k) => /^[A-Za-z_]\w*$/.test(k))) return undefined;
  const t = all(keys.map((k) => v[k]));
  return t && `[${keys.map((k, i) => `${k} |-> ${t[i]}`).join(', ')}]`;
}

// fold evaluates each substituted constant once and passes its value in the cfg (`X = value`), so
// that X is a value for tla-checker, which re-evaluates definitions at every use (4x faster here). A
// constant whose value cannot be written back keeps its `X == Def` definition.
function fold(spec, cfg, subs) {
  const values = new Map();
  for (const [x] of subs) {
    const r = JSON.parse(explore_eval(spec, cfg, '{}', '{}', x));
    const text = r.ok ? tlaValue(r.json) : undefined;
    if (text !== undefined) values.set(x, text);
  }
  return values;
}

// flatten returns the single module and cfg that tla-checker runs for module file + cfg file.
export function flatten(moduleFile, cfgFile, { foldConstants = true } = {}) {
  const { std, bodies } = collect(moduleFile);
  const top = bodies[bodies.length - 1].name;
  const parts = [`---- MODULE ${top} ----`, `\\* Flattened by tla/check.mjs from ${bodies.map((b) => b.name + '.tla').join(', ')}`];
  if (std.length) parts.push(`EXTENDS ${std.join(', ')}`);
  for (const b of bodies) parts.push(`\\* ======== ${b.name}.tla ========`, b.body.trim(), '');
  parts.push('====', '');
  const module = parts.join('\n');
  const cfg = splitCfg(fs.readFileSync(cfgFile, 'utf8'));
  const defs = new Map(cfg.subs);
  const { text, declared } = declarations(module, defs);
  for (const x of defs.keys()) if (!declared.has(x)) throw new Error(`${rel(cfgFile)} substitutes ${x}, which is not a declared CONSTANT`);
  if (!foldConstants || defs.size === 0) return { ...cfg, spec: text };
  loadChecker();
  const values = fold(text, cfg.cfg, cfg.subs);
  for (const x of values.keys()) defs.delete(x);
  const consts = [...values].map(([x, v]) => `    ${x} = ${v}`).join('\n');
  return { ...cfg, spec: declarations(module, defs).text, cfg: `CONSTANTS\n${consts}\n${cfg.cfg}` };
}

// ---------------------------------------------------------------------------------------------
// Running one model

const RESULTS = { InvariantViolation: 'invariant', Deadlock: 'deadlock', LivenessViolation: 'liveness' };

// runModel checks one manifest entry with tla-checker and compares with the expectation.
function runModel(entry, dir, opts) {
  loadChecker();
  const t0 = performance.now();
  const row = { name: entry.name, expect: expected(entry), expectStates: entry.distinctStates?.tlaChecker };
  try {
    const flat = flatten(path.join(dir, entry.module), path.join(dir, entry.cfg), { foldConstants: entry.fold !== false });
    if (opts.dump) {
      fs.mkdirSync(opts.dump, { recursive: true });
      fs.writeFileSync(path.join(opts.dump, `${entry.name}.tla`), flat.spec);
      fs.writeFileSync(path.join(opts.dump, `${entry.name}.cfg`), flat.cfg);
    }
    const r = JSON.parse(check_spec_with_options(flat.spec, JSON.stringify({
      cfg_source: flat.cfg, max_states: MAX_STATES, max_depth: MAX_DEPTH, allow_deadlock: !flat.checkDeadlock,
    })));
    row.states = r.states_explored;
    row.warnings = r.warnings ?? [];
    if (r.success) row.result = 'ok';
    else if (RESULTS[r.error_type]) row.result = RESULTS[r.error_type];
    else row.result = `error(${r.error_type})`;
    if (r.error_type === 'InvariantViolation') {
      const idx = Number(/Invariant (\d+) violated/.exec(r.error_message)?.[1]);
      row.violated = flat.invariants[idx] ?? r.error_message;
    }
    row.message = r.error_message;
    row.trace = r.trace;
    if (row.result.startsWith('error')) {
      const f = path.join(os.tmpdir(), `tla-check-${entry.name}.tla`);
      fs.writeFileSync(f, flat.spec);
      row.message += ` (flattened module: ${f})`;
    }
  } catch (e) {
    row.result = 'error(runner)';
    row.message = e.message;
  }
  row.ms = Math.round(performance.now() - t0);
  row.problems = compare(entry, row);
  return row;
}

// expected is the result tla-checker should give: entry.expect (TLC's verdict) unless the manifest
// records a known gap of tla-checker in expectTlaChecker.
function expected(entry) {
  return entry.expectTlaChecker ?? entry.expect;
}

function compare(entry, row) {
  const p = [];
  const want = expected(entry);
  if (row.result !== want) p.push(`result ${row.result}, expected ${want}`);
  if (want === 'invariant' && entry.violates && row.violated && row.violated !== entry.violates)
    p.push(`violated ${row.violated}, expected ${entry.violates}`);
  const states = entry.distinctStates?.tlaChecker;
  if (row.result === want && row.states !== states) p.push(`distinct states ${row.states}, manifest says ${states}`);
  return p;
}

function printTable(rows) {
  const cols = [
    ['model', (r) => r.name],
    ['expect', (r) => r.expect + (r.violates ? `(${r.violates})` : '')],
    ['result', (r) => r.result + (r.violated ? `(${r.violated})` : '')],
    ['states', (r) => String(r.states ?? '-')],
    ['manifest', (r) => String(r.expectStates ?? '-')],
    ['ms', (r) => String(r.ms)],
    ['', (r) => (r.problems.length ? 'MISMATCH: ' + r.problems.join('; ') : 'match')],
  ];
  const cells = rows.map((r) => cols.map(([, f]) => f(r)));
  const widths = cols.map(([h], i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((s, i) => s.padEnd(widths[i])).join('  ').trimEnd();
  console.log(line(cols.map(([h]) => h)));
  for (const c of cells) console.log(line(c));
}

// runModels checks models in parallel worker threads, one tla-checker instance each; the rows come
// back in the order of models.  Paths in a model are relative to dir.
async function runModels(models, dir, opts) {
  const jobs = Math.max(1, Math.min(models.length, opts.jobs ?? os.availableParallelism()));
  const rows = new Array(models.length);
  let next = 0;
  const worker = () => new Promise((resolve, reject) => {
    const w = new Worker(new URL(import.meta.url), { workerData: { dir, opts } });
    const feed = () => {
      if (next >= models.length) return w.terminate().then(resolve);
      const i = next++;
      w.postMessage({ i, entry: models[i] });
    };
    w.on('message', ({ i, row }) => { rows[i] = { ...row, violates: models[i].violates }; feed(); });
    w.on('error', reject);
    feed();
  });
  await Promise.all(Array.from({ length: jobs }, worker));
  return rows;
}

function readManifest(manifestFile, opts) {
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  let models = manifest.models;
  if (opts.only) {
    const unknown = opts.only.filter((n) => !models.some((m) => m.name === n));
    if (unknown.length) throw new Error(`--only: no such model: ${unknown.join(', ')}`);
    models = models.filter((m) => opts.only.includes(m.name));
  }
  return { manifest, models };
}

// The worker side of runModels.
async function modelWorker() {
  await loadParser();
  loadChecker();
  parentPort.on('message', ({ i, entry }) => {
    parentPort.postMessage({ i, row: runModel(entry, workerData.dir, workerData.opts) });
  });
}

function reportRows(rows, opts) {
  printTable(rows);
  for (const r of rows) {
    for (const w of r.warnings ?? []) console.log(`${r.name}: warning: ${w}`);
    if (r.problems.length || opts.trace) {
      if (r.message && (r.problems.length || r.result !== 'ok')) console.log(`\n${r.name}: ${r.message}`);
      if (r.trace && (r.problems.length || opts.trace)) console.log(r.trace.join('--- cycle ---\n'));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// TLC (only where a tla2tools.jar is at hand; nothing downloads one)

const TLC_RESULTS = { 0: 'ok', 11: 'deadlock', 12: 'invariant', 13: 'liveness' };

function runTLC(manifestFile, opts) {
  const jar = process.env.TLA2TOOLS_JAR;
  if (!jar || !fs.existsSync(jar)) {
    console.error('--tlc: set TLA2TOOLS_JAR to the path of a tla2tools.jar');
    return 2;
  }
  const dir = path.dirname(manifestFile);
  const { manifest, models } = readManifest(manifestFile, opts);
  const java = (args) => spawnSync('java', ['-cp', jar, ...args], { cwd: dir, encoding: 'utf8' });
  let failed = 0;
  for (const f of tlaFiles(dir)) {
    const r = java(['tla2sany.SANY', '-error-codes', path.basename(f)]);
    const ok = r.status === 0;
    if (!ok) failed++;
    console.log(`SANY ${path.basename(f)}: ${ok ? 'ok' : `FAILED (exit ${r.status})\n${r.stdout}${r.stderr}`}`);
  }
  const metadir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlc-'));
  for (const m of models) {
    const t0 = performance.now();
    // One worker: with a violation, the states found before it depend on the exploration order.
    const r = java(['tlc2.TLC', '-workers', '1', '-metadir', path.join(metadir, m.name), '-config', m.cfg, m.module]);
    const result = TLC_RESULTS[r.status] ?? `error(exit ${r.status})`;
    const states = Number((/([\d,]+) distinct states found/.exec(r.stdout)?.[1] ?? 'NaN').replace(/,/g, ''));
    const want = m.distinctStates?.tlc;
    const violated = /Invariant (\w+) is violated/.exec(r.stdout)?.[1];
    const problems = [];
    if (result !== m.expect) problems.push(`result ${result}, expected ${m.expect}`);
    else if (m.violates && violated && violated !== m.violates) problems.push(`violated ${violated}, expected ${m.violates}`);
    else if (typeof want === 'number' && want !== states) problems.push(`distinct states ${states}, manifest says ${want}`);
    const other = m.distinctStates?.tlaChecker;
    const note = typeof other === 'number' && other !== states ? ` (tla-checker: ${other})` : '';
    if (opts.update && result === m.expect) m.distinctStates = { ...m.distinctStates, tlc: states };
    if (problems.length) failed++;
    console.log(`TLC ${m.name}: ${result}${violated ? `(${violated})` : ''}, ${states} distinct states${note}, ${Math.round(performance.now() - t0)} ms` +
      (problems.length ? `  MISMATCH: ${problems.join('; ')}\n${r.stdout.slice(-4000)}` : ''));
  }
  if (opts.update) fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
  console.log(`tlc: ${failed === 0 ? 'all match' : `${failed} failed`}`);
  return failed === 0 ? 0 : 1;
}

// ---------------------------------------------------------------------------------------------
// Self-test: the gate and the comparison must be able to fail.

async function selftest() {
  let passed = 0;
  const failures = [];
  const expectThat = (cond, what) => {
    console.log(`${cond ? 'ok  ' : 'FAIL'} ${what}`);
    if (cond) passed++;
    else failures.push(what);
  };

  const broken = tlaFiles(path.join(HERE, 'testdata/broken'));
  expectThat(broken.length > 0, 'testdata/broken has fixtures');
  for (const f of broken) {
    const g = syntaxGate([f]);
    expectThat(!g.ok && g.problems.every((p) => /:\d+:\d+: /.test(p)),
      `syntax gate rejects ${rel(f)} with file:line:col (${g.problems[0] ?? 'no problem found'})`);
  }
  for (const f of tlaFiles(path.join(HERE, 'testdata/pitfalls'))) {
    const g = syntaxGate([f]);
    expectThat(!g.ok && g.problems.every((p) => /:\d+:\d+: /.test(p)),
      `pitfall check rejects ${rel(f)} (${g.problems[0] ?? 'no problem found'})`);
  }
  const good = syntaxGate(tlaFiles(HERE));
  expectThat(good.ok, `syntax gate accepts tla/*.tla ${good.problems.join(' ')}`);

  // Real manifest entries must match; each mutated copy must be reported as a mismatch.
  const { models } = readManifest(path.join(HERE, 'manifest.json'), {});
  const get = (name) => structuredClone(models.find((m) => m.name === name));
  const pp = get('PingPongRuntime');
  const cases = [
    [pp, false],
    [get('CloseOrderBug'), false],
    [{ ...get('CloseWaitersRuntime'), name: 'CloseWaitersRuntimeUnfolded', fold: false }, false], // folding keeps the count
    [{ ...get('PingPongRuntime'), name: 'WrongCount', distinctStates: { tlaChecker: pp.distinctStates.tlaChecker + 1 } }, true],
    [{ ...get('DeadlockRuntime'), name: 'WrongResult', expect: 'ok' }, true],
    [{ ...get('CloseOrderBug'), name: 'WrongInvariant', violates: 'Inv' }, true],
    [{ ...get('PingPongRuntime'), name: 'WrongSubstitution', cfg: 'testdata/BadSubstitution.cfg' }, true],
  ];
  const rows = await runModels(cases.map(([m]) => m), HERE, {});
  printTable(rows);
  rows.forEach((r, i) => {
    const wantMismatch = cases[i][1];
    expectThat(wantMismatch === r.problems.length > 0,
      `${r.name} is reported as ${wantMismatch ? 'a mismatch' : 'a match'}${r.problems.length ? ` (${r.problems.join('; ')})` : ''}`);
  });
  console.log(`selftest: ${passed} passed, ${failures.length} failed`);
  return failures.length === 0 ? 0 : 1;
}

// ---------------------------------------------------------------------------------------------

function tlaFiles(dir) {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.tla')).sort().map((f) => path.join(dir, f));
}

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--selftest') opts.selftest = true;
    else if (a === '--trace') opts.trace = true;
    else if (a === '--update') opts.update = true;
    else if (a === '--tlc') opts.tlc = true;
    else if (a === '--dump') opts.dump = argv[++i];
    else if (a === '--only') opts.only = argv[++i].split(',');
    else if (a === '--jobs') opts.jobs = Number(argv[++i]);
    else throw new Error(`unknown argument ${a} (see the header of check.mjs)`);
  }
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  await loadParser();
  const manifestFile = path.join(HERE, 'manifest.json');
  if (opts.selftest) return selftest();
  if (opts.tlc) return runTLC(manifestFile, opts);

  const t0 = performance.now();
  const files = tlaFiles(HERE);
  const gate = syntaxGate(files);
  console.log(`syntax: ${files.length} modules parsed, ${gate.problems.length} problems`);
  for (const p of gate.problems) console.log(p);

  const { manifest, models } = readManifest(manifestFile, opts);
  const rows = await runModels(models, HERE, opts);
  reportRows(rows, opts);
  if (opts.update) {
    for (const r of rows) {
      const m = manifest.models.find((x) => x.name === r.name);
      if (r.result === expected(m)) m.distinctStates = { ...m.distinctStates, tlaChecker: r.states };
    }
    fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
    console.log('manifest.json updated');
  }
  const failed = rows.filter((r) => r.problems.length).length + (gate.ok ? 0 : 1);
  const passed = rows.length - rows.filter((r) => r.problems.length).length + (gate.ok ? 1 : 0);
  console.log(`tla: ${Math.round(performance.now() - t0)} ms`);
  console.log(`tla: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

if (!isMainThread && workerData?.dir) {
  await modelWorker();
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then((code) => process.exit(code), (e) => {
    console.error(e.stack || e.message);
    process.exit(2);
  });
}
