import type { Diagnostics } from '../diagnostics';
import type { IR } from '../ir';
import type { SchemaModel } from '../parse/model';
import { assignIdentifiers } from './assign-identifiers';
import { buildBindings } from './build-bindings';
import { buildComponents } from './build-components';
import { checkElementNames, checkQNameItems, computeDerivedTypes, computeReachability, expandSubstitutionGroups, flattenExtensions, settleQNameValues } from './passes';

export interface ResolveOptions {
  allTypes: boolean;
  /** Names the plan uses for its own declarations; schema types never take them. */
  reservedNames: readonly string[];
}

/** Stage 3: schema model → IR, through an ordered list of small named passes. */
export function resolve(model: SchemaModel, options: ResolveOptions, diagnostics: Diagnostics): IR {
  const { types, elements } = buildComponents(model, diagnostics);
  const bindings = buildBindings(model, diagnostics);
  diagnostics.check();
  let ir: IR = {
    irVersion: 3,
    entry: model.entry,
    targetNamespace: model.targetNamespace,
    types: sortKeys(types),
    elements: sortKeys(elements),
    bindings,
    reachable: { types: [], elements: [] },
    documents: model.documents,
  };
  const passes: Array<[string, (ir: IR) => IR]> = [
    ['flattenExtensions', (x) => flattenExtensions(x, diagnostics)],
    ['expandSubstitutionGroups', expandSubstitutionGroups],
    ['computeDerivedTypes', computeDerivedTypes],
    ['computeReachability', (x) => computeReachability(x, options.allTypes)],
    ['checkElementNames', (x) => checkElementNames(x, diagnostics)],
    ['settleQNameValues', (x) => settleQNameValues(x, diagnostics)],
    ['checkQNameItems', (x) => checkQNameItems(x, diagnostics)],
    ['assignIdentifiers', (x) => assignIdentifiers(x, options.reservedNames)],
  ];
  for (const [, pass] of passes) {
    ir = pass(ir);
    diagnostics.check();
  }
  return ir;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(record).sort()) out[k] = record[k] as T;
  return out;
}
