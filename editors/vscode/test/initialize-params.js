// The client capabilities the extension's LanguageClient declares in its 'initialize' request, computed by the
// locked vscode-languageclient itself outside VS Code (a stand-in answers for the 'vscode' module, which only VS
// Code provides). `node test/initialize-params.js > test/initialize-params.json` writes the file the Java test
// (VsCodeClientTest in tests/org.volr.lang.ide.tests) initializes the server with; `npm test` checks it is current.
const Module = require('module');
const path = require('path');

/** Any property of the stand-in is another stand-in; VS Code's version is one the library accepts. */
function standIn(name) {
  const f = function () {};
  return new Proxy(f, {
    get(target, prop) {
      if (prop === 'then') return undefined;
      if (prop === Symbol.iterator) return function* () {};
      if (prop === Symbol.toPrimitive) return () => name;
      if (name === 'vscode' && prop === 'version') return '1.95.0';
      return standIn(name + '.' + String(prop));
    },
    construct() { return standIn('new ' + name); },
    apply() { return standIn(name + '()'); },
  });
}

function initializeParams() {
  const load = Module._load;
  Module._load = function (request) {
    return request === 'vscode' ? standIn('vscode') : load.apply(this, arguments);
  };
  try {
    const { LanguageClient } = require('vscode-languageclient/node');
    const { serverOptions, clientOptions } = require(path.join(__dirname, '..', 'server'));
    const client = new LanguageClient('volr', 'Volr', serverOptions('volr'), clientOptions());
    return {
      processId: null,
      clientInfo: { name: 'Visual Studio Code', version: '1.95.0' },
      locale: 'en',
      rootPath: null,
      rootUri: null,
      capabilities: client.computeClientCapabilities(),
      trace: 'off',
      workspaceFolders: null,
    };
  } finally {
    Module._load = load;
  }
}

module.exports = { initializeParams };

if (require.main === module)
  process.stdout.write(JSON.stringify(initializeParams(), null, 2) + '\n');
