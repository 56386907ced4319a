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
//   node check.mjs --update-traces rewrite TraceLogs.tla from testdata/traces/*.ndjson
//   node check.mjs --tlc           SANY + TLC instead of tla-checker; needs TLA2TOOLS_JAR
//                                  (with --update: record TLC's counts in the manifest)
//
// Syntax gate: @tlaplus/tree-sitter-tlaplus, any ERROR or MISSING node fails, reported as file:line:col;
// so do the constructs tla-checker is known to evaluate differently from TLC (see pitfalls()), and a
// use of a definition above the definition, which SANY rejects and tla-checker does not.
//
// Traces: TraceLogs.tla must be the translation of testdata/traces/*.ndjson (see "Trace logs").
//
// Models: tla-checker (WebAssembly) checks one self-contained module and cannot resolve EXTENDS of our
// own modules, nor `X <- Def` in a cfg. The .tla and .cfg files stay standard TLA+ (TLC runs them as
// they are); before tla-checker sees a model this runner flattens it:
//   1. EXTENDS: every extended module that is a file next to the model (Channels.tla …) is replaced,
//      recursively and once each, by its body (the text between its EXTENDS and its ====); the standard
//      modules they extend are merged into one EXTENDS line.
//   2. All CONSTANT(S) declarations are merged into the first one, all VARIABLE(S) declarations
//      likewise (tla-checker keeps only the last declaration of each kind).
//   2. INSTANCE: `A == INSTANCE M WITH ...` of a module next to the model becomes M's definitions
//      renamed A_Name, and A!Name becomes A_Name (expandInstances; variables must be substituted by
//      variables).  THEOREMs, and instances nothing else refers to, are dropped.
//   3. Bound names: every operator, LET and LAMBDA parameter and every variable bound by a
//      quantifier, CHOOSE, set or function constructor is renamed name__N, unique in the module
//      (uniqueBinders): tla-checker resolves names dynamically and otherwise evaluates some
//      operator calls wrongly (testdata/scoping/Scoping.tla).
//   4. All CONSTANT(S) declarations are merged into the first one, all VARIABLE(S) declarations
//      likewise (tla-checker keeps only the last declaration of each kind).
//   5. `X <- Def` in the cfg: the substitution is dropped from the cfg; Def is evaluated once and its
//      value passed as `X = value` in the cfg (tla-checker re-evaluates a definition at every use, so
//      this makes the models about 4 times faster); where the value cannot be written back as TLA+,
//      X is dropped from the CONSTANTS and `X == Def` appended to the module instead.
// Use --dump DIR to see exactly what was checked.  Models marked tlcOnly in the manifest are run by
// --tlc only.

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

// parseText parses TLA+ text.  The parser reads its input again at almost every token, and
// web-tree-sitter 0.25 converts up to 10 KB of text per read (given a string, the whole rest of
// it): 8 times slower than reading 64 characters at a time on a 60 KB flattened module.
export function parseText(text) {
  return parser.parse((index) => text.slice(index, index + 64));
}

const rel = (f) => path.relative(process.cwd(), f) || f;

// ---------------------------------------------------------------------------------------------
// Syntax gate

// syntaxProblems returns one entry per ERROR or MISSING node of the file's syntax tree.
function syntaxProblems(file) {
  const tree = parseText(fs.readFileSync(file, 'utf8'));
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
  if (problems.length === 0) problems.push(...pitfalls(files), ...files.flatMap(forwardReferences));
  return { ok: problems.length === 0, problems };
}

// forwardReferences reports a use of a module's own definition before the definition: SANY
// rejects it ("Unknown operator"), tla-checker does not mind, so without this check a module that
// only TLC would reject passes CI.
function forwardReferences(file) {
  const tree = parseText(fs.readFileSync(file, 'utf8'));
  const mod = tree.rootNode.namedChildren.find((n) => n.type === 'module');
  const problems = [];
  if (mod) {
    const defs = mod.namedChildren.filter((n) => ['operator_definition', 'function_definition', 'module_definition'].includes(n.type));
    const pos = new Map(defs.map((d) => [d.childForFieldName('name')?.text, d.startIndex]));
    for (const ref of mod.descendantsOfType('identifier_ref')) {
      const at_ = pos.get(ref.text);
      const p = ref.parent;
      const field = p?.type === 'except_update_record_field' || (p?.type === 'record_value' &&
        p.namedChildren.length > 1 && p.namedChildren[p.namedChildren.length - 1].startIndex === ref.startIndex);
      if (at_ !== undefined && ref.startIndex < at_ && !field) {
        problems.push(`${at(file, ref)}: ${ref.text} is used before its definition; SANY would reject it: move the definition up`);
      }
    }
  }
  tree.delete();
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Checker pitfalls: valid TLA+ that tla-checker 0.9.0 evaluates wrongly, found while writing
// Channels.tla (README.md "tla-checker notes").  Reported like syntax errors, with the fix.

const at = (file, node) => `${rel(file)}:${node.startPosition.row + 1}:${node.startPosition.column + 1}`;

// pitfalls returns one entry per pitfall in the files (the third, name capture, is not a pitfall
// of the source any more: flatten renames every bound name, see uniqueBinders):
//  - let: a LET/IN inside a \/ list item, other than at the item's start and not parenthesized,
//    with more items after it: tla-checker lets the LET's body swallow the following items.
//  - implies: A => B /\ C (or <=>) with the /\ unparenthesized: tla-checker reads it as
//    (A => B) /\ C, while in TLA+ /\ binds tighter than => and <=>.
function pitfalls(files) {
  const trees = files.map((f) => [f, parseText(fs.readFileSync(f, 'utf8'))]);
  const problems = [];
  for (const [file, tree] of trees) {
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
// Bound names.  tla-checker 0.9.0 resolves names dynamically: inside an operator called from a
// context that binds a name (an enclosing operator's parameter, a \A or \E variable, [x \in S |-> ..]),
// a parameter of the same name evaluates to the caller's binding, not to the argument
// (Id(g) == g;  [g \in {"a"} |-> Id("z")] gives [a |-> "a"]); and an argument is evaluated inside the
// operator, so a variable the operator binds captures it (Inner(q) == {k \in 1..3 : q > 1};
// [k \in 1..2 |-> Inner(k)] gives the same set twice).  uniqueBinders renames every bound name —
// operator, LET and LAMBDA parameters and the variables of \A, \E, CHOOSE, {x \in S : P},
// {e : x \in S}, [x \in S |-> e] and f[x \in S] == e — to name__N, unique in the module.  TLA+
// forbids shadowing, so every reference to a bound name inside its binder's scope is that binder's;
// record fields (r.name, [r EXCEPT !.name = ..]) are not references.  The renamed module means
// what the source means; tla-checker then finds one binding per name and evaluates it correctly.

const renamed = new Map(); // text -> renamed text: the models of one module share it

export function uniqueBinders(text) {
  if (renamed.has(text)) return renamed.get(text);
  const tree = parseText(text);
  const edits = [];
  let n = 0;
  const isField = (ref) => {
    const p = ref.parent;
    if (p?.type === 'except_update_record_field') return true;
    if (p?.type !== 'record_value') return false;
    const kids = p.namedChildren;
    return kids.length > 1 && kids[kids.length - 1].startIndex === ref.startIndex;
  };
  const idents = (node) => (node.type === 'tuple_of_identifiers' ? node.namedChildren.filter((c) => c.type === 'identifier')
    : node.type === 'identifier' ? [node] : []);
  // bind gives the binders fresh names and returns env extended with them.
  const bind = (env, binders) => {
    const inner = new Map(env);
    for (const b of binders) {
      const name = `${b.text}__${++n}`;
      inner.set(b.text, name);
      edits.push([b.startIndex, b.endIndex, name]);
    }
    return inner;
  };
  // walk renames the references under node; env maps each bound name in scope to its new name.
  // The set a variable ranges over is outside its scope: {x \in {x \in S : P} : Q} binds two x.
  const walk = (node, env) => {
    switch (node.type) {
      case 'identifier_ref':
        if (env.has(node.text) && !isField(node)) edits.push([node.startIndex, node.endIndex, env.get(node.text)]);
        return;
      case 'operator_definition': {
        const ps = node.childrenForFieldName('parameter').filter((c) => c.isNamed)
          .map((c) => (c.type === 'operator_declaration' ? c.childForFieldName('name') : c));
        const inner = ps.length ? bind(env, ps) : env;
        for (const c of node.namedChildren) if (!ps.some((p) => p.startIndex === c.startIndex)) walk(c, inner);
        return;
      }
      case 'lambda': {
        const ps = node.namedChildren.filter((c) => c.type === 'identifier');
        const inner = bind(env, ps);
        for (const c of node.namedChildren) if (c.type !== 'identifier') walk(c, inner);
        return;
      }
      case 'choose':
      case 'unbounded_quantification': {
        const set = node.childForFieldName('set');
        const inner = bind(env, node.childrenForFieldName('intro').flatMap(idents));
        for (const c of node.namedChildren) {
          if (set && c.startIndex === set.startIndex && c.endIndex === set.endIndex) walk(c, env);
          else if (c.type !== 'identifier' && c.type !== 'tuple_of_identifiers') walk(c, inner);
        }
        return;
      }
    }
    const bounds = node.namedChildren.filter((c) => c.type === 'quantifier_bound');
    if (bounds.length === 0) {
      for (const c of node.namedChildren) walk(c, env);
      return;
    }
    const inner = bind(env, bounds.flatMap((q) => q.childrenForFieldName('intro').flatMap(idents)));
    for (const c of node.namedChildren) {
      if (c.type !== 'quantifier_bound') walk(c, inner);
      else for (const d of c.namedChildren) if (d.type !== 'identifier' && d.type !== 'tuple_of_identifiers') walk(d, env);
    }
  };
  walk(tree.rootNode, new Map());
  tree.delete();
  edits.sort((a, b) => b[0] - a[0]);
  let out = text;
  let prev = Infinity;
  for (const [s, e, r] of edits) {
    if (e > prev) throw new Error(`uniqueBinders: ${JSON.stringify(text.slice(s, e))} at ${s} renamed twice: a bound name shadows another`);
    out = out.slice(0, s) + r + out.slice(e);
    prev = s;
  }
  renamed.set(text, out);
  return out;
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
  const tree = parseText(text);
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

// expandInstances replaces each `A == INSTANCE M WITH v <- e, ...` of the flattened module text, M a
// module next to the model, by M's own definitions renamed A_Name, and every A!Name by A_Name: the
// INSTANCE as tla-checker cannot read it (it ignores the line and then finds A!Name undefined).
// M's variables must be substituted by variables (WITH v <- w, or a variable of the same name):
// tla-checker cannot prime an expression, so `WITH buf <- AbsBuf` is left to TLC.  M's constants are
// substituted by the expression given (parenthesized) or by the constant of the same name.  M's own
// EXTENDS of modules next to it must already be in the flattened module (they are shared, not
// renamed); its standard modules are returned to be added to the EXTENDS line.  THEOREMs are dropped
// (tla-checker does not prove them), and so is an instance nothing refers to then.
function expandInstances(text, dir) {
  const tree = parseText(text);
  const root = moduleNode(tree, 'flattened module');
  const edits = [];
  const std = [];
  for (const th of root.namedChildren.filter((n) => n.type === 'theorem')) edits.push([th.startIndex, th.endIndex, '']);
  const prefixRefs = (name) => root.descendantsOfType('prefixed_op').filter((p) =>
    p.childForFieldName('prefix')?.text.replace(/\s/g, '') === `${name}!`);
  for (const def of root.namedChildren.filter((n) => n.type === 'module_definition')) {
    const inst = def.namedChildren.find((n) => n.type === 'instance');
    const name = def.childForFieldName('name').text;
    const modName = inst?.namedChildren.find((n) => n.type === 'identifier_ref')?.text;
    const file = modName && path.join(dir, `${modName}.tla`);
    if (!inst || !fs.existsSync(file)) continue;
    const refs = prefixRefs(name).filter((p) => !root.namedChildren.some((th) => th.type === 'theorem' &&
      p.startIndex >= th.startIndex && p.endIndex <= th.endIndex));
    if (refs.length === 0) { edits.push([def.startIndex, def.endIndex, '']); continue; }
    const subs = new Map();
    for (const sub of inst.namedChildren.filter((n) => n.type === 'substitution')) {
      const [target, , expr] = sub.children;
      subs.set(target.text, sub.namedChildren[sub.namedChildren.length - 1]);
    }
    const body = instanceBody(file, name, subs, text, std);
    edits.push([def.startIndex, def.endIndex, `\\* ${def.text.split('\n')[0]} ...: ${modName}.tla's definitions as ${name}_Name (check.mjs)\n${body}`]);
    for (const p of refs) { const pre = p.childForFieldName('prefix'); edits.push([pre.startIndex, pre.endIndex, `${name}_`]); }
  }
  tree.delete();
  edits.sort((a, b) => b[0] - a[0]);
  let out = text;
  for (const [s, e, r] of edits) out = out.slice(0, s) + r + out.slice(e);
  return { text: out, std };
}

// instanceBody returns module file's own body with its definitions renamed inst_Name and its
// variables and constants substituted as subs says (name -> expression node of the instancing module).
function instanceBody(file, inst, subs, outerText, std) {
  const m = parseModule(file);
  for (const n of m.extendsNames) {
    const own = path.join(path.dirname(file), `${n}.tla`);
    if (!fs.existsSync(own)) { if (!std.includes(n)) std.push(n); continue; }
    if (!new RegExp(`\\* ======== ${n}\\.tla ========`).test(outerText)) {
      throw new Error(`INSTANCE of ${path.basename(file)}: it extends ${n}, which the model does not; extend it in the model too`);
    }
  }
  const wrapped = `---- MODULE ${m.name} ----\n${m.body}\n====\n`;
  const tree = parseText(wrapped);
  const root = moduleNode(tree, file);
  const defs = new Set();
  const vars = new Set();
  const consts = new Set();
  const edits = [];
  for (const n of root.namedChildren) {
    if (n.type === 'operator_definition' || n.type === 'function_definition') {
      const id = n.childForFieldName('name');
      defs.add(id.text);
      edits.push([id.startIndex, id.endIndex, `${inst}_${id.text}`]);
    } else if (n.type === 'variable_declaration' || n.type === 'constant_declaration') {
      for (const c of n.namedChildren.filter((c) => !/comment/.test(c.type))) {
        const id = c.type === 'identifier' ? c.text : c.namedChildren[0]?.text;
        (n.type === 'variable_declaration' ? vars : consts).add(id);
      }
      edits.push([n.startIndex, n.endIndex, '']);
    }
  }
  const isField = (ref) => ref.parent?.type === 'except_update_record_field' || (ref.parent?.type === 'record_value' &&
    ref.parent.namedChildren.length > 1 && ref.parent.namedChildren[ref.parent.namedChildren.length - 1].startIndex === ref.startIndex);
  for (const v of vars) {
    const e = subs.get(v);
    if (e && e.type !== 'identifier_ref') {
      throw new Error(`INSTANCE ${inst} of ${path.basename(file)}: variable ${v} <- ${e.text} is an expression; ` +
        'tla-checker cannot prime it: substitute a variable (only TLC checks this instance)');
    }
  }
  for (const ref of root.descendantsOfType('identifier_ref')) {
    if (isField(ref)) continue;
    const x = ref.text;
    let r;
    if (defs.has(x)) r = `${inst}_${x}`;
    else if (vars.has(x) || consts.has(x)) r = subs.has(x) ? (subs.get(x).type === 'identifier_ref' ? subs.get(x).text : `(${subs.get(x).text})`) : x;
    if (r !== undefined && r !== x) edits.push([ref.startIndex, ref.endIndex, r]);
  }
  tree.delete();
  edits.sort((a, b) => b[0] - a[0]);
  let out = wrapped;
  for (const [s, e, r] of edits) out = out.slice(0, s) + r + out.slice(e);
  return out.slice(out.indexOf('\n') + 1, out.lastIndexOf('\n====')).trim();
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
const declCache = new Map(); // module text -> its declarations (the parse is the costly part)

function declarations(moduleText, defs) {
  if (!declCache.has(moduleText)) {
    const tree = parseText(moduleText);
    const decls = { constant_declaration: [], variable_declaration: [] };
    const walk = (node) => {
      if (node.type in decls) decls[node.type].push(node);
      else for (const c of node.namedChildren) walk(c);
    };
    walk(moduleNode(tree, 'flattened module'));
    const plain = (d) => ({ start: d.startIndex, end: d.endIndex, items: d.namedChildren.filter((n) => !/comment/.test(n.type))
      .map((n) => ({ text: n.text, id: n.type === 'identifier' ? n.text : n.namedChildren[0]?.text })) }); // F(_) declares F
    declCache.set(moduleText, { constant_declaration: decls.constant_declaration.map(plain),
      variable_declaration: decls.variable_declaration.map(plain) });
    tree.delete();
  }
  const decls = declCache.get(moduleText);
  const declared = new Set();
  const edits = [];
  for (const [type, keyword] of [['constant_declaration', 'CONSTANTS'], ['variable_declaration', 'VARIABLES']]) {
    const nodes = decls[type];
    const items = nodes.flatMap((d) => d.items);
    const keep = items.filter((n) => {
      if (type === 'constant_declaration') declared.add(n.id);
      return !(type === 'constant_declaration' && defs.has(n.id));
    });
    nodes.forEach((d, i) => edits.push([d.start, d.end,
      i === 0 && keep.length ? `${keyword} ${keep.map((n) => n.text).join(', ')}` : '']));
  }
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
  const names = subs.map(([x]) => x);
  const all = JSON.parse(explore_eval(spec, cfg, '{}', '{}', `<<${names.join(', ')}>>`));
  const each = all.ok && all.json?.__tuple?.length === names.length ? all.json.__tuple : undefined;
  names.forEach((x, i) => {
    const r = each ? { ok: true, json: each[i] } : JSON.parse(explore_eval(spec, cfg, '{}', '{}', x));
    const text = r.ok ? tlaValue(r.json) : undefined;
    if (text !== undefined) values.set(x, text);
  });
  return values;
}

// The parts of flatten that do not depend on the cfg, and the folded values, are computed once
// per worker: the models of one module share them.
const moduleCache = new Map(); // moduleFile + options -> flattened module text
const foldCache = new Map();   // module text + substitutions -> folded values

function flatModule(moduleFile, opts) {
  const key = `${moduleFile}\0${opts.renameBinders !== false}`;
  if (moduleCache.has(key)) return moduleCache.get(key);
  const { std, bodies } = collect(moduleFile);
  const top = bodies[bodies.length - 1].name;
  const parts = [`---- MODULE ${top} ----`, `\\* Flattened by tla/check.mjs from ${bodies.map((b) => b.name + '.tla').join(', ')}`];
  if (std.length) parts.push(`EXTENDS ${std.join(', ')}`);
  for (const b of bodies) parts.push(`\\* ======== ${b.name}.tla ========`, b.body.trim(), '');
  parts.push('====', '');
  const inst = expandInstances(parts.join('\n'), path.dirname(moduleFile));
  let joined = inst.text;
  const more = inst.std.filter((n) => !std.includes(n));
  if (more.length) joined = std.length ? joined.replace(`EXTENDS ${std.join(', ')}`, `EXTENDS ${[...std, ...more].join(', ')}`)
    : joined.replace('\n', `\nEXTENDS ${more.join(', ')}\n`);
  const module = opts.renameBinders === false ? joined : uniqueBinders(joined);
  moduleCache.set(key, module);
  return module;
}

// flatten returns the single module and cfg that tla-checker runs for module file + cfg file.
export function flatten(moduleFile, cfgFile, opts = {}) {
  const { foldConstants = true } = opts;
  const module = flatModule(moduleFile, opts);
  const cfg = splitCfg(fs.readFileSync(cfgFile, 'utf8'));
  const defs = new Map(cfg.subs);
  const { text, declared } = declarations(module, defs);
  for (const x of defs.keys()) if (!declared.has(x)) throw new Error(`${rel(cfgFile)} substitutes ${x}, which is not a declared CONSTANT`);
  if (!foldConstants || defs.size === 0) return { ...cfg, spec: text };
  loadChecker();
  const key = `${module}\0${JSON.stringify(cfg.subs)}`;
  if (!foldCache.has(key)) foldCache.set(key, fold(text, cfg.cfg, cfg.subs));
  const values = foldCache.get(key);
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
    const flat = flatten(path.join(dir, entry.module), path.join(dir, entry.cfg),
      { foldConstants: entry.fold !== false, renameBinders: entry.renameBinders !== false });
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

// readManifest returns the manifest and the models to run: with --only, those named; without
// --tlc, not the TLC-only ones (tlcOnly: ENABLED, instances with expression substitutions, ...).
function readManifest(manifestFile, opts) {
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  let models = opts.tlc ? manifest.models : manifest.models.filter((m) => !m.tlcOnly);
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
// Trace logs: impl's NDJSON traces (testdata/traces/*.ndjson, written by impl/tracesample_test.go)
// as TLA+ values, in the generated module TraceLogs.tla, which MCTraceHChan.tla's models read
// (TraceLog <- SampleLog).  The module is committed so that TLC runs the models as they are; every
// run of check.mjs regenerates it in memory and fails if the committed one differs (--update-traces
// rewrites it).  The translation, one record per NDJSON line, every field always present:
//   step   "step"                                   g     "g" as "g<id>"
//   ev     "ev"                                     ch    "ch" as "c<id>", or "nil" if absent
//   v      args.v (a value, len or cap), or 0       x     args.sendx or args.recvx, or -1
//   peer   args.to, from, g, target or new as "g<id>", or "none"
//   casi   args.case (impl's 0-based case), or -1   dir   args.dir, or ""
//   reason args.reason, or ""                       panic args.panic, or ""
//   vin    args.in (RecvRotate: the value rotated in), or 0
//   cap    args.cap (MakeChan), or -1
// A value that is not an integer is an error: the models use int channels only.

const TRACES = path.join(HERE, 'testdata/traces');
const TRACE_LOGS = path.join(HERE, 'TraceLogs.tla');

// traceLogName is the TLA+ name of trace file f: mutant-lifo-waitq.ndjson -> MutantLifoWaitqLog.
const traceLogName = (f) => path.basename(f, '.ndjson').split(/[^A-Za-z0-9]+/).filter(Boolean)
  .map((w) => w[0].toUpperCase() + w.slice(1)).join('') + 'Log';

function traceRecord(e, where) {
  const a = e.args ?? {};
  const int = (x, dflt) => {
    if (x === undefined) return dflt;
    if (!Number.isInteger(x)) throw new Error(`${where}: ${JSON.stringify(x)} is not an integer`);
    return x;
  };
  const str = (x) => JSON.stringify(x ?? '');
  const g = (id) => (id === undefined ? '"none"' : `"g${int(id)}"`);
  const peer = a.to ?? a.from ?? a.g ?? a.target ?? a.new;
  const fields = [
    ['step', int(e.step, 0)], ['g', g(e.g)], ['ev', str(e.ev)], ['ch', e.ch ? `"c${int(e.ch)}"` : '"nil"'],
    ['v', int(a.v, 0)], ['x', int(a.sendx ?? a.recvx, -1)], ['peer', g(peer)], ['casi', int(a.case, -1)],
    ['dir', str(a.dir)], ['reason', str(a.reason)], ['panic', str(a.panic)], ['vin', int(a.in, 0)],
    ['cap', int(a.cap, -1)],
  ];
  return `[${fields.map(([k, v]) => `${k} |-> ${v}`).join(', ')}]`;
}

export function traceLogsModule(dir = TRACES) {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.ndjson')).sort() : [];
  const defs = files.map((f) => {
    const lines = fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter((l) => l.trim());
    const recs = lines.map((l, i) => '    ' + traceRecord(JSON.parse(l), `testdata/traces/${f}:${i + 1}`));
    return `\\* testdata/traces/${f}\n${traceLogName(f)} == <<\n${recs.join(',\n')}\n>>\n`;
  });
  return `------------------------------ MODULE TraceLogs ------------------------------
\\* Generated by tla/check.mjs from testdata/traces/*.ndjson (impl/tracesample_test.go): do not
\\* edit; \`node tla/check.mjs --update-traces\` rewrites it.  One record per NDJSON line; the
\\* translation is described in check.mjs ("Trace logs") and README.md.
EXTENDS Integers

${defs.join('\n')}
=============================================================================
`;
}

// checkTraceLogs compares TraceLogs.tla with the translation of the traces, or rewrites it.
function checkTraceLogs(opts) {
  const want = traceLogsModule();
  const have = fs.existsSync(TRACE_LOGS) ? fs.readFileSync(TRACE_LOGS, 'utf8') : '';
  if (want === have) return { ok: true, message: 'traces: TraceLogs.tla is the translation of testdata/traces' };
  if (opts.updateTraces) {
    fs.writeFileSync(TRACE_LOGS, want);
    return { ok: true, message: 'traces: TraceLogs.tla rewritten' };
  }
  return { ok: false, message: 'traces: TraceLogs.tla is not the translation of testdata/traces/*.ndjson: ' +
    'run node check.mjs --update-traces' };
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
  const traces = checkTraceLogs(opts);
  console.log(traces.message);
  const java = (args) => spawnSync('java', ['-cp', jar, ...args], { cwd: dir, encoding: 'utf8' });
  let failed = traces.ok ? 0 : 1;
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
  const scoping = { name: 'Scoping', module: 'testdata/scoping/Scoping.tla', cfg: 'testdata/scoping/Scoping.cfg',
    expect: 'ok', distinctStates: { tlaChecker: 1 } };
  const cases = [
    [pp, false],
    [get('CloseOrderBug'), false],
    [{ ...get('CloseWaitersRuntime'), name: 'CloseWaitersRuntimeUnfolded', fold: false }, false], // folding keeps the count
    [{ ...get('PingPongRuntime'), name: 'WrongCount', distinctStates: { tlaChecker: pp.distinctStates.tlaChecker + 1 } }, true],
    [{ ...get('DeadlockRuntime'), name: 'WrongResult', expect: 'ok' }, true],
    [{ ...get('CloseOrderBug'), name: 'WrongInvariant', violates: 'Inv' }, true],
    [{ ...get('PingPongRuntime'), name: 'WrongSubstitution', cfg: 'testdata/BadSubstitution.cfg' }, true],
    // Bound names: the renamed fixture means what TLA+ says; as written, tla-checker breaks it.
    [scoping, false],
    [{ ...scoping, name: 'ScopingUnrenamed', renameBinders: false, expect: 'invariant', violates: 'ScopingInv' }, false],
    [{ ...scoping, name: 'ScopingUnrenamedOk', renameBinders: false }, true],
  ];
  // The trace translation: the committed TraceLogs.tla is current, and an edited trace is not.
  expectThat(traceLogsModule() === fs.readFileSync(TRACE_LOGS, 'utf8'), 'TraceLogs.tla is the translation of testdata/traces');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'traces-'));
  for (const f of fs.readdirSync(TRACES)) fs.copyFileSync(path.join(TRACES, f), path.join(tmp, f));
  const edited = path.join(tmp, 'sample.ndjson');
  fs.writeFileSync(edited, fs.readFileSync(edited, 'utf8').replace('"to":3', '"to":4'));
  expectThat(traceLogsModule(tmp) !== fs.readFileSync(TRACE_LOGS, 'utf8'), 'an edited trace makes TraceLogs.tla stale');
  fs.rmSync(tmp, { recursive: true });

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
    else if (a === '--update-traces') opts.updateTraces = true;
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
  const traces = checkTraceLogs(opts);
  console.log(traces.message);
  const files = tlaFiles(HERE);
  const gate = syntaxGate(files);
  console.log(`syntax: ${files.length} modules parsed, ${gate.problems.length} problems`);
  for (const p of gate.problems) console.log(p);

  const { manifest, models } = readManifest(manifestFile, opts);
  const tlcOnly = manifest.models.filter((m) => m.tlcOnly).map((m) => m.name);
  if (tlcOnly.length) console.log(`TLC only, not run (see node check.mjs --tlc): ${tlcOnly.join(', ')}`);
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
  const failed = rows.filter((r) => r.problems.length).length + (gate.ok ? 0 : 1) + (traces.ok ? 0 : 1);
  const passed = rows.length - rows.filter((r) => r.problems.length).length + (gate.ok ? 1 : 0) + (traces.ok ? 1 : 0);
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
