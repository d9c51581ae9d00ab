import type { Diagnostics } from '../diagnostics';
import type { IR, Origin, QName } from '../ir';
import type { SchemaModel } from '../parse/model';
import { assignIdentifiers } from './assign-identifiers';
import { buildBindings } from './build-bindings';
import { buildComponents } from './build-components';
import { checkParticleAttribution } from './upa';
import { checkValueConstraints } from './value-constraints';
import { checkElementNames, checkQNameItems, computeDerivedTypes, computeReachability, expandSubstitutionGroups, markXsiTypeBlocked, flattenExtensions, settleQNameValues } from './passes';

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
    ['markXsiTypeBlocked', markXsiTypeBlocked],
    ['computeReachability', (x) => computeReachability(x, options.allTypes)],
    ['checkElementNames', (x) => checkElementNames(x, diagnostics)],
    ['checkParticleAttribution', (x) => checkParticleAttribution(x, diagnostics)],
    ['settleQNameValues', (x) => settleQNameValues(x, diagnostics)],
    ['checkQNameItems', (x) => checkQNameItems(x, diagnostics, enumerationOrigins(model))],
    ['checkValueConstraints', (x) => checkValueConstraints(x, diagnostics)],
    ['assignIdentifiers', (x) => assignIdentifiers(x, options.reservedNames)],
  ];
  for (const [, pass] of passes) {
    ir = pass(ir);
    diagnostics.check();
  }
  return ir;
}

/** Where each enumeration value is written, by simple type key (a simpleContent restriction's value type too), for errors about one. */
function enumerationOrigins(model: SchemaModel): Map<QName, readonly Origin[]> {
  const out = new Map<QName, readonly Origin[]>();
  for (const st of Object.values(model.simpleTypes)) if (st.enumerationOrigins?.length) out.set(st.name, st.enumerationOrigins);
  for (const ct of Object.values(model.complexTypes)) if (ct.enumerationOrigins?.length) out.set(`${ct.name}/~value`, ct.enumerationOrigins);
  return out;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(record).sort()) out[k] = record[k] as T;
  return out;
}
