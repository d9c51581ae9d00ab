import type { ElementDecl, IR } from '../ir';
import { identifier, splitQName } from '../ir';
import type { CodecPlanner } from './codec';
import type { DeclarationView } from './index';
import { commentText, docComment, literal, ownName, propertyKey, uniqueNames } from './ts-types';

/** A document whose root is one global element: the members of the generated `documents` object. */
export interface DocumentView {
  key: string;
  /** The document's local name and namespace, for its doc comment. */
  local: string;
  namespace: string;
  /** The type alias declared for the root element's value. */
  typeName: string;
  localLiteral: string;
  nsExpr: string;
  readBody: string[];
  writeStmt: string;
}

/**
 * For a package made from a schema alone (no operations to carry its elements): a reader and a
 * writer of whole documents for each concrete global element, keyed by local name (qualified by
 * prefix when two elements share one). Each gets a type alias `<Name>Document` in `declarations`.
 */
export function planDocuments(ir: IR, codec: CodecPlanner, declarations: DeclarationView[]): DocumentView[] {
  const elements = ir.reachable.elements.map((k) => ir.elements[k]).filter((e): e is ElementDecl => e !== undefined && !e.abstract);
  const locals = elements.map((e) => splitQName(e.name).local);
  const typeName = uniqueNames(declarations.map((d) => d.name));
  return elements.map((el) => {
    const { namespace, local } = splitQName(el.name);
    const tag = codec.tag(el.name);
    const shared = locals.filter((l) => l === local).length > 1;
    const name = typeName(`${identifier(local.charAt(0).toUpperCase() + local.slice(1))}Document`);
    const { valueType, readBody, writeStmt } = codec.wholeElement(el, 'value');
    declarations.push({ name, docLines: docComment(el.doc, `The value of a document whose root is element \`${local}\`.`), alias: valueType, properties: [] });
    return {
      key: propertyKey(ownName(shared ? tag : local)),
      local,
      namespace: commentText(namespace),
      typeName: name,
      localLiteral: literal(local),
      nsExpr: codec.nsExpr(namespace),
      readBody,
      writeStmt,
    };
  });
}
