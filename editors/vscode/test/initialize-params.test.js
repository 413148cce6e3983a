// The file the Java test initializes the server with holds what the locked client library declares today.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const path = require('path');
const { initializeParams } = require('./initialize-params');

test('initialize-params.json is what the extension\'s client sends', () => {
  const recorded = JSON.parse(fs.readFileSync(path.join(__dirname, 'initialize-params.json'), 'utf8'));
  assert.deepStrictEqual(recorded, JSON.parse(JSON.stringify(initializeParams())));
});

test('the client asks for the services the server gives', () => {
  const caps = initializeParams().capabilities.textDocument;
  assert.strictEqual(caps.documentSymbol.hierarchicalDocumentSymbolSupport, true);
  assert.ok(caps.semanticTokens.requests.full);
  assert.ok(caps.codeAction.codeActionLiteralSupport.codeActionKind.valueSet.includes('quickfix'));
  assert.ok(caps.hover.contentFormat.includes('plaintext'));
});
