import { collapseWhitespace, lexicalCheck, xsdPattern } from '@wsdl-codegen/runtime/names';
import { place, type Diagnostics } from '../diagnostics';
import { isBuiltin, localOf, qnameValues, walkParticle, type IR, type Origin, type QName, type TypeDef, type ValueConstraint } from '../ir';
import { whiteSpaceOf, withWhiteSpace } from './builtins';

/** Built-ins whose values compare as their (whitespace-processed) text, so that an enumeration lists them as such. */
const TEXTUAL = new Set(['string', 'normalizedString', 'token', 'language', 'Name', 'NCName', 'ID', 'IDREF', 'ENTITY', 'NMTOKEN', 'anyURI']);

/**
 * Whether `value` is a value of simple type `key` as far as the generator can tell without
 * generated code: its built-in's parser takes it (lexicalCheck), the items of a list, one member of a union,
 * the patterns of each derivation step (one of a step's, where it translates), and the enumeration
 * of a type whose values compare as text. True where it cannot tell (lengths and bounds are not
 * checked here; QNames are settleQNameValues's).
 */
function isValueOf(ir: IR, key: QName, value: string, depth = 0): boolean {
  if (depth > 64) return true;
  if (isBuiltin(key)) {
    const form = lexicalCheck(localOf(key));
    return form === undefined || form(value);
  }
  const t = ir.types[key];
  if (t?.kind === 'complex') return t.content === 'simple' && t.simpleType !== undefined ? isValueOf(ir, t.simpleType, value, depth + 1) : true;
  if (t === undefined) return true;
  if (t.variety === 'list') {
    const { itemType } = t;
    const items = collapseWhitespace(value);
    return itemType === undefined || items === '' || items.split(' ').every((item) => isValueOf(ir, itemType, item, depth + 1));
  }
  if (t.variety === 'union') return (t.memberTypes ?? []).length === 0 || (t.memberTypes ?? []).some((m) => isValueOf(ir, m, value, depth + 1));
  const form = lexicalCheck(t.builtin);
  if (form !== undefined && !form(value)) return false;
  const text = withWhiteSpace(whiteSpaceOf(ir.types, t), value);
  const seen = new Set<QName>();
  for (let step: TypeDef | undefined = t; step?.kind === 'simple' && step.variety === 'atomic' && !seen.has(step.name); step = step.base === undefined ? undefined : ir.types[step.base]) {
    seen.add(step.name);
    const patterns = (step.facets.pattern ?? []).map(xsdPattern);
    if (patterns.length > 0 && patterns.every((re) => re !== undefined && !re.test(text))) return false;
  }
  if (t.enumeration === undefined || !TEXTUAL.has(t.builtin)) return true;
  return t.enumeration.includes(text);
}

/**
 * A default or fixed value must be a value of its declaration's type (XML Schema's e-props-correct
 * and a-props-correct; validators refuse such a schema), and an element's type must take text:
 * simple, simple content or mixed content (cos-valid-default). Unchecked, the readers would take an empty
 * element for that value and refuse it there, in a document that is not at fault. Reads the IR;
 * reports each declaration once, at its place, for the types and elements the package uses.
 */
export function checkValueConstraints(ir: IR, diagnostics: Diagnostics): IR {
  const reported = new Set<string>();
  type Declaration = ValueConstraint & { name: QName; type: QName; origin: Origin };
  const check = (d: Declaration, what: 'Element' | 'Attribute'): void => {
    const value = d.fixed ?? d.default;
    if (value === undefined || qnameValues(ir, d.type) !== undefined || reported.has(place(d.origin))) return;
    reported.add(place(d.origin));
    const which = d.fixed !== undefined ? 'fixed' : 'default';
    const t = ir.types[d.type];
    if (t?.kind === 'complex' && t.content === 'elements' && !t.mixed) {
      diagnostics.error(
        'INVALID_DECLARATION',
        `${what} ${d.name} has the ${which} value "${value}", but its type ${d.type} holds elements, not text: XML Schema allows a ${which} value only on an element of a simple type, simple content or mixed content.`,
        `Remove the ${which} value; it could never apply.`,
        d.origin,
      );
      return;
    }
    if (isValueOf(ir, d.type, value)) return;
    diagnostics.error(
      'INVALID_DECLARATION',
      `${what} ${d.name} has the ${which} value "${value}", which is not a value of its type ${d.type}.`,
      `Write a value of that type, or remove the ${which} value: XML Schema requires one, validators refuse the schema, and as written an empty ${what === 'Element' ? 'element' : 'attribute'} would be read as that value and refused.`,
      d.origin,
    );
  };
  for (const key of ir.reachable.types) {
    const t = ir.types[key];
    if (t?.kind !== 'complex') continue;
    walkParticle(t.particle, (p) => {
      if (p.kind === 'element') check(p, 'Element');
    });
    for (const a of t.attributes) check(a, 'Attribute');
  }
  for (const key of ir.reachable.elements) {
    const e = ir.elements[key];
    if (e !== undefined) check(e, 'Element');
  }
  return ir;
}
