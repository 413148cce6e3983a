// The Volr extension: starts `volr lsp` (the command in the setting volr.command) for .volr files and talks to it
// over stdin/stdout with vscode-languageclient. Every language service (diagnostics, completion, hover, outline,
// quick fixes, semantic colours, formatting) comes from the server; the TextMate grammar colours the text until
// the server's semantic tokens arrive.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');
const { serverOptions, clientOptions } = require('./server');

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration('volr').get('command', 'volr');
  client = new LanguageClient('volr', 'Volr', serverOptions(command), clientOptions());
  context.subscriptions.push(client);
  return client.start().catch((error) => {
    vscode.window.showErrorMessage(`Volr: could not start '${command} lsp' (set volr.command to the volr script): ${error.message}`);
  });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
