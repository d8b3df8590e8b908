// node verify.mjs FILE [TRUST_ANCHOR.pem]: reads FILE's C2PA manifest with the C2PA SDK
// (c2pa-rs compiled to WebAssembly) and prints one JSON line:
// {"state": "Trusted|Valid|Invalid|Error", "codes": [...failure/status codes...], ...}.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { initSync, WasmReader } from '@contentauth/c2pa-wasm';

const here = path.dirname(fileURLToPath(import.meta.url));
initSync({ module: fs.readFileSync(path.join(here, 'node_modules/@contentauth/c2pa-wasm/pkg/c2pa_bg.wasm')) });
const [file, anchor] = process.argv.slice(2);
const format = file.toLowerCase().endsWith('.mov') ? 'video/quicktime' : 'video/mp4';
const context = anchor ? JSON.stringify({ trust: { trust_anchors: fs.readFileSync(anchor, 'utf8') } }) : null;
try {
  const reader = await WasmReader.fromBytes(format, new Uint8Array(fs.readFileSync(file)), context);
  const j = JSON.parse(reader.json());
  const active = j.manifests?.[j.active_manifest] ?? {};
  const success = (j.validation_results?.activeManifest?.success ?? []).map((s) => s.code);
  console.log(JSON.stringify({
    state: j.validation_state,
    codes: (j.validation_status ?? []).map((s) => s.code),
    success,
    title: active.title,
    claim_version: active.claim_version,
    actions: (active.assertions ?? []).filter((a) => a.label.startsWith('c2pa.actions'))
      .flatMap((a) => a.data.actions.map((x) => x.action)),
  }));
} catch (e) {
  console.log(JSON.stringify({ state: 'Error', codes: [String(e)] }));
}
