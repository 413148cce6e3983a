// How the extension starts the server and which documents it serves; shared with the tests, which start the
// server the same way.
function serverOptions(command) {
  return { command, args: ['lsp'] };
}

function clientOptions() {
  return { documentSelector: [{ scheme: 'file', language: 'volr' }, { scheme: 'untitled', language: 'volr' }] };
}

module.exports = { serverOptions, clientOptions };
