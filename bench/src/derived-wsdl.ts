// The peers need what the published WSDL lacks: node-soap and wsdl-tsclient only build clients
// for a wsdl:service with a port. This builds, in a temporary folder, a copy of wsdl/ with one
// service/port added, and the EWS schemas of the search path copied beside it (they are
// included by bare file name, so one flat folder resolves every include). Never committed.

import * as fs from 'node:fs';
import * as path from 'node:path';

export const DERIVED_SERVICE = 'ExchangeService';
export const DERIVED_PORT = 'ExchangeServicePort';

export interface DerivedWsdl {
  dir: string;
  wsdl: string;
  schemaFiles: number;
}

function addService(wsdlText: string, location: string): string {
  const binding = /<wsdl:binding\s+name="([^"]+)"/.exec(wsdlText);
  if (!binding) throw new Error('bench: no wsdl:binding in the WSDL');
  const tnsPrefix = /<wsdl:binding\s+name="[^"]+"\s+type="([A-Za-z0-9_.-]+):/.exec(wsdlText)?.[1] ?? 'tns';
  const service =
    `  <wsdl:service name="${DERIVED_SERVICE}">\n` +
    `    <wsdl:port name="${DERIVED_PORT}" binding="${tnsPrefix}:${binding[1]}">\n` +
    `      <soap:address location="${location}"/>\n` +
    `    </wsdl:port>\n` +
    `  </wsdl:service>\n`;
  const end = wsdlText.lastIndexOf('</wsdl:definitions>');
  if (end < 0) throw new Error('bench: no </wsdl:definitions> in the WSDL');
  return wsdlText.slice(0, end) + service + wsdlText.slice(end);
}

/**
 * @param wsdlPath the published WSDL (its folder's .xsd files are copied too)
 * @param schemaDirs the schema search path (every .xsd is copied, flat)
 */
export function buildDerivedWsdl(wsdlPath: string, schemaDirs: readonly string[], outDir: string, location = 'http://127.0.0.1:9/EWS/Exchange.asmx'): DerivedWsdl {
  fs.mkdirSync(outDir, { recursive: true });
  let schemaFiles = 0;
  const copyXsds = (dir: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      if (!name.endsWith('.xsd')) continue;
      const target = path.join(outDir, name);
      if (fs.existsSync(target)) continue; // the WSDL's own folder wins over the search path
      fs.copyFileSync(path.join(dir, name), target);
      schemaFiles++;
    }
  };
  copyXsds(path.dirname(wsdlPath));
  for (const d of schemaDirs) copyXsds(d);
  const wsdl = path.join(outDir, path.basename(wsdlPath).replace(/\.wsdl$/i, '') + '-with-service.wsdl');
  fs.writeFileSync(wsdl, addService(fs.readFileSync(wsdlPath, 'utf8'), location));
  return { dir: outDir, wsdl, schemaFiles };
}
