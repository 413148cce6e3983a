package org.volr.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.ExecutionException;

import org.volr.lang.ide.server.VolrLanguageServer;

/**
 * {@code volr lsp}: Xtext's language server for .volr files on standard input and output, so that any editor with
 * an LSP client gets the checks, completion, hover and formatting of Volr Studio.
 */
final class LspCommand implements Command {
	@Override
	public String name() {
		return "lsp";
	}

	@Override
	public String summary() {
		return "run the Volr language server (LSP) on stdin/stdout, for other editors";
	}

	@Override
	public String usage() {
		return """
				usage: volr lsp

				Speaks the Language Server Protocol (JSON-RPC) on standard input and output: the diagnostics of
				'volr check' as you type, completion, hover, formatting, document symbols and go to definition for
				*.volr files. Configure an editor's LSP client to start './volr lsp' for the language id 'volr'.
				Runs until the client sends 'exit' or closes the input; messages go to standard error.""";
	}

	@Override
	public int run(List<String> args, Console console) throws UsageException {
		if (!args.isEmpty())
			throw new UsageException("lsp takes no arguments, got " + String.join(" ", args));
		PrintStream protocol = console.out();
		// anything else printed to stdout would corrupt the protocol stream: send it to stderr
		if (protocol == System.out)
			System.setOut(System.err);
		try {
			VolrLanguageServer.start(System.in, protocol).get();
			return 0;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return 0;
		} catch (ExecutionException e) {
			console.err().println("volr lsp: the connection failed: " + e.getCause());
			return 1;
		}
	}
}
